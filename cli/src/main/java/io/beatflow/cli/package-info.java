/**
 * Public API of beatflow's cli module; see the module README for what lives here.
 */
package io.beatflow.cli;
