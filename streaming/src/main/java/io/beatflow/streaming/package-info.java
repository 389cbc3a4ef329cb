/**
 * Public API of beatflow's streaming module; see the module README for what lives here.
 */
package io.beatflow.streaming;
