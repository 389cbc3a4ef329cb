/**
 * Public API of beatflow's eval module; see the module README for what lives here.
 */
package io.beatflow.eval;
