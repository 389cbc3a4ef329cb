/**
 * Implementation details of the datasets module, not for callers: the ECG dynamical model and RR
 * tachogram behind {@link io.beatflow.datasets.SyntheticEcg}, SHA-256 helpers, and the dataset
 * build/load benchmark main. Nothing here is a stable API.
 */
package io.beatflow.datasets.internal;
