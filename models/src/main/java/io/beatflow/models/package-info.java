/**
 * Public API of beatflow's models module; see the module README for what lives here.
 */
package io.beatflow.models;
