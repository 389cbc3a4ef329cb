package io.beatflow.ingest;

import io.beatflow.ingest.internal.EngineDetector;
import io.beatflow.ingest.internal.QrsEngine;

/**
 * beatflow's default QRS detector: Pan-Tompkins' pipeline with the detection rules that Hamilton and
 * Tompkins found best on the MIT-BIH Arrhythmia Database, optionally fusing several leads.
 *
 * <p>TODO describe.
 */
public final class AdaptiveQrsDetector extends EngineDetector {
    static final QrsEngine.Rules RULES = new QrsEngine.Rules(false, true, false, 0.3125, 0.5, 0.5, false, 0.6);

    /**
     * A detector over {@code leads} interleaved leads.
     *
     * @param config settings
     * @param leads leads per frame, 1 to 16
     */
    public AdaptiveQrsDetector(DetectorConfig config, int leads) {
        super(config, leads, RULES);
    }

    /** A single-lead detector (the default). */
    public AdaptiveQrsDetector(DetectorConfig config) {
        this(config, 1);
    }
}
