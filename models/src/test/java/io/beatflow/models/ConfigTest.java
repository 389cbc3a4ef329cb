package io.beatflow.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.datasets.Split;
import io.beatflow.ingest.BeatWindower;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Validation of the configuration records and the fixed rules they carry. */
class ConfigTest {
    @Test
    void ds1ValidationRecordsAreEveryFifthFromTheFifth() {
        // DS1 sorted: 101 106 108 109 112 | 114 115 116 118 119 | 122 124 201 203 205 | 207 208 209 215 220 | 223 230
        assertEquals(List.of("112", "119", "205", "220"),
                TrainingConfig.validationRecordsOf(Split.deChazal2004().part(Split.DS1)));
    }

    @Test
    void validationRecordsAreNeverTestRecords() {
        List<String> ds2 = Split.deChazal2004().part(Split.DS2);
        for (String r : TrainingConfig.defaults(Split.deChazal2004().part(Split.DS1)).validationRecords()) {
            assertTrue(!ds2.contains(r), r);
        }
    }

    @Test
    void builderChangesOnlyWhatItIsToldAndValidates() {
        TrainingConfig d = TrainingConfig.defaults(Split.deChazal2004().part(Split.DS1));
        assertEquals(d, d.toBuilder().build());
        TrainingConfig t = d.toBuilder().seed(7).maxEpochs(3).validationRecords(List.of()).build();
        assertEquals(new TrainingConfig(3, d.batchSize(), d.learningRate(), d.learningRateDecay(), d.weightDecay(),
                d.gradientClip(), d.classWeighting(), d.maxClassWeight(), 7, d.patience(), d.beatsPerEpoch(),
                d.augmentShift(), d.augmentNoise(), d.augmentRr(), d.recordBalance(), d.morphologyDropout(), 0, 0,
                false, 0, List.of()), t);
        assertEquals(d.withSeed(9).seed(), 9);
        var e = assertThrows(IllegalArgumentException.class, () -> d.toBuilder().batchSize(0).build());
        assertTrue(e.getMessage().contains("batchSize must be 1 to 65536, got 0"), e.getMessage());
    }

    @Test
    void inverseSqrtClassWeightsCapped() {
        TrainingConfig t = new TrainingConfig(1, 8, 1e-3, 1, 0, 0, TrainingConfig.ClassWeighting.INVERSE_SQRT_FREQUENCY,
                5, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, false, 0, List.of());
        // n_max = 400: sqrt(400/400) = 1, sqrt(400/100) = 2, sqrt(400/4) = 10 -> capped at 5, 0 beats -> 0
        assertArrayEquals(new float[] {1, 2, 5, 0}, t.classWeights(new long[] {400, 100, 4, 0}));
    }

    @Test
    void badValuesAreNamed() {
        InputSpec in = InputSpec.mitBih256();
        var e = assertThrows(IllegalArgumentException.class,
                () -> new CnnConfig(in, 16, List.of(16), 6, HeadConfig.aami()));
        assertTrue(e.getMessage().contains("kernelSize must be odd"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new TransformerConfig(in, 15, 32, 4, 1, 64, HeadConfig.aami()));
        assertTrue(e.getMessage().contains("patchSize 15"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new TransformerConfig(in, 16, 30, 4, 1, 64, HeadConfig.aami()));
        assertTrue(e.getMessage().contains("multiple of heads"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new HeadConfig(8, 1.0, HeadConfig.AAMI));
        assertTrue(e.getMessage().contains("dropout"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Architecture.of("gru"));
        assertTrue(e.getMessage().contains("unknown architecture 'gru'"), e.getMessage());
    }

    @Test
    void bilstmDefaultRunsOnSixtyFourSteps() {
        // 256 samples / stride 2 / stride 2 = 64 steps
        assertEquals(64, BiLstmConfig.recurrentSteps(256, 2));
        assertEquals(16, TransformerConfig.defaults(InputSpec.mitBih256()).patches());
    }

    @Test
    void windowConfigCutsTheSpecsWindow() {
        var w = InputSpec.mitBih256().windowConfig();
        assertEquals(90, w.beforeSamples());
        assertEquals(256, w.windowSamples());
        assertEquals("MLII", w.leadName());
    }

    @Test
    void longContextInputTakesEverySecondSampleOfA360HzRecord() {
        InputSpec in = InputSpec.mitBih256ContextLong();
        assertEquals(256, in.windowSamples());
        assertEquals(2, in.channels());
        var w = in.windowConfig();
        assertEquals(144, w.beforeSamples());
        assertEquals(256, w.windowSamples());
        assertEquals(180.0, w.targetRateHz());
        // a ramp whose value is its own sample index: the window holds samples 1000 - 288 .. 1000 + 222, step 2
        float[] ramp = new float[3000];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = i;
        }
        var windows = new BeatWindower(w).window("r", "MLII", ramp, 360.0, new long[] {1000})
                .windows();
        assertEquals(1, windows.size());
        float[] x = windows.get(0).samples();
        assertEquals(256, x.length);
        for (int j = 0; j < x.length; j++) {
            assertEquals(1000 - 288 + 2 * j, x[j], 1e-3, "sample " + j);
        }
    }

    @Test
    void classificationSummaryByHand() {
        // reference 0 0 0 1 1, predicted 0 0 1 1 0: class 0 TP 2 FN 1 FP 1 -> Se 2/3, +P 2/3, F1 4/6
        ClassificationSummary s = ClassificationSummary.of(new int[] {0, 0, 0, 1, 1}, new int[] {0, 0, 1, 1, 0},
                List.of("N", "S", "V"));
        assertEquals(2.0 / 3, s.sensitivity(0), 1e-12);
        assertEquals(2.0 / 3, s.positivePredictivity(0), 1e-12);
        assertEquals(4.0 / 6, s.f1(0), 1e-12);
        // class 1: TP 1 FN 1 FP 1 -> F1 2/4; class 2 absent from the reference, left out of the macro
        assertEquals((4.0 / 6 + 0.5) / 2, s.macroF1(), 1e-12);
    }

    @Test
    void anotherInputOfTheSameShapeOnly() {
        for (Architecture a : Architecture.values()) {
            ModelConfig m = ModelConfig.defaults(a, InputSpec.mitBih256Context());
            ModelConfig hp = m.withBaselineHighPass(0.5);
            assertEquals(InputSpec.mitBih256Context().withBaselineHighPass(0.5), hp.input(), a.id());
            assertEquals(m, hp.withBaselineHighPass(0), a.id());
            var e = assertThrows(IllegalArgumentException.class, () -> m.withInput(InputSpec.mitBih256()), a.id());
            assertTrue(e.getMessage().contains("in more than its baseline high-pass"), e.getMessage());
        }
    }
}
