/**
 * Public API of beatflow's datasets module; see the module README for what lives here.
 */
package io.beatflow.datasets;
