/**
 * Implementation details of the eval module: beat matching, the fast DeLong and bootstrap
 * kernels, and the SVG/HTML helpers of the renderers. Nothing here is public API; callers use
 * {@code io.beatflow.eval}.
 */
package io.beatflow.eval.internal;
