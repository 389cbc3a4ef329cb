package io.beatflow.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.datasets.BeatDataset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each architecture learns a small synthetic three-class problem: its training loss falls. */
class ArchitectureTrainingTest {
    @ParameterizedTest
    @EnumSource(Architecture.class)
    void lossFalls(Architecture a) throws Exception {
        lossFalls(SyntheticBeats.small(a));
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void lossFallsWithPatientContext(Architecture a) throws Exception {
        lossFalls(SyntheticBeats.small(a, SyntheticBeats.contextInput()));
    }

    /**
     * The wide head and the RR scaling augmentation train too: the CNN stands for the DL4J graphs
     * (one head builder), the transformer for SameDiff.
     */
    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"CNN", "TRANSFORMER"})
    void lossFallsWithWideHeadAndRrScaling(Architecture a) throws Exception {
        ModelConfig m = SyntheticBeats.small(a, SyntheticBeats.contextInput());
        lossFalls(m.withHead(m.head().withRrToLogits(true)), SyntheticBeats.training(5).withAugmentRr(0.2));
    }

    /** Record-balanced epochs (drawn with replacement) train too, and the card keeps the setting. */
    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"CNN", "TRANSFORMER"})
    void lossFallsWithRecordBalance(Architecture a) throws Exception {
        TrainingConfig t = SyntheticBeats.training(5).toBuilder().beatsPerEpoch(160).recordBalance(0.5).build();
        assertEquals(0.5, lossFalls(SyntheticBeats.small(a), t).bundle().card().training().recordBalance());
    }

    /** Morphology dropout trains too (the wide head, whose RR path it is for), and the card keeps it. */
    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"CNN", "TRANSFORMER"})
    void lossFallsWithMorphologyDropout(Architecture a) throws Exception {
        ModelConfig m = SyntheticBeats.small(a, SyntheticBeats.contextInput());
        TrainingConfig t = SyntheticBeats.training(5).withMorphologyDropout(0.2);
        assertEquals(0.2, lossFalls(m.withHead(m.head().withRrToLogits(true)), t).bundle().card().training()
                .morphologyDropout());
    }

    /** The relative input (the template difference alone, one channel) trains with the wide head. */
    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"CNN", "TRANSFORMER"})
    void lossFallsWithoutTheRawChannel(Architecture a) throws Exception {
        ModelConfig m = SyntheticBeats.small(a, new InputSpec("MLII", 64, 360.0, 21, true, 8, 16, 0, false));
        lossFalls(m.withHead(m.head().withRrToLogits(true)));
    }

    /** The RR irregularity input (one more RR value) trains with the wide head. */
    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"CNN", "TRANSFORMER"})
    void lossFallsWithRrIrregularity(Architecture a) throws Exception {
        InputSpec in = new InputSpec("MLII", 64, 360.0, 21, true, 8, 16, 8);
        assertEquals(InputSpec.RR_INPUTS + InputSpec.LONG_TERM_RR_INPUTS + InputSpec.IRREGULARITY_INPUTS, in.rrInputs());
        ModelConfig m = SyntheticBeats.small(a, in);
        lossFalls(m.withHead(m.head().withRrToLogits(true)));
    }

    /** The wide head adds one weight per RR input and class, and nothing else. */
    @ParameterizedTest
    @EnumSource(Architecture.class)
    void wideHeadAddsOneWeightPerRrInputAndClass(Architecture a) {
        ModelConfig m = SyntheticBeats.small(a, SyntheticBeats.contextInput());
        long narrow = io.beatflow.models.internal.Networks.create(m, 1, 1e-3, 1, 1, 0, 0, null).parameterCount();
        long wide = io.beatflow.models.internal.Networks.create(m.withHead(m.head().withRrToLogits(true)), 1, 1e-3, 1,
                1, 0, 0, null).parameterCount();
        assertEquals((long) m.input().rrInputs() * m.head().classes(), wide - narrow, a.id());
    }

    private static void lossFalls(ModelConfig model) throws Exception {
        lossFalls(model, SyntheticBeats.training(5));
    }

    private static TrainingResult lossFalls(ModelConfig model, TrainingConfig training) throws Exception {
        Architecture a = model.architecture();
        BeatDataset train = SyntheticBeats.make(192, 64, 1, "train");
        List<String> lines = new ArrayList<>();
        TrainingResult r = new BeatClassifierTrainer(lines::add, null).train(model,
                training, train, SyntheticBeats.empty(64), "synthetic", "none", "64 samples");
        List<TrainingResult.EpochSummary> h = r.history();
        assertEquals(5, h.size());
        double first = h.get(0).meanLoss();
        double last = h.get(h.size() - 1).meanLoss();
        // Cross-entropy of a uniform guess over 5 classes is ln 5 = 1.61; a model that learns the
        // three separable classes must end well below its first epoch's mean.
        assertTrue(last < 0.6 * first, a + ": loss " + first + " -> " + last + "\n" + String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("beats/s")), "progress lines report throughput");
        return r;
    }
}
