package io.beatflow.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.datasets.BeatDataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training with the S runs augmentation ({@link TrainingConfig#augmentSRuns}): off, or on where no
 * run can be made, it trains exactly as without it; on a regular rhythm it lends runs, says so and
 * the card keeps it; it is refused with the reason where it cannot work.
 */
class SRunsTrainingTest {
    @TempDir
    Path dir;

    /** The recipe's draws at work: shifts, noise and the S timing. */
    private static TrainingConfig recipe() {
        return SyntheticBeats.training(1).toBuilder().augmentShift(2).augmentNoise(0.05).augmentSTiming(0.3).build();
    }

    private static TrainingResult train(TrainingConfig t, BeatDataset d, List<String> lines) throws Exception {
        return new BeatClassifierTrainer(lines::add, null).train(SyntheticBeats.small(Architecture.CNN), t, d,
                SyntheticBeats.empty(64), "synthetic", "none", "64 samples");
    }

    /**
     * Off (0, the default), the configuration is the one without the option, and training says
     * nothing of runs. On, over {@link SyntheticBeats}, whose N beats are never three in a row, no
     * run can be made: the runs' own generator draws a copy for every beat, but the recipe's draws,
     * the losses and the weights are still those of training without runs, to the bit.
     */
    @Test
    void offOrWithNothingToLendTrainingIsBitIdentical() throws Exception {
        assertEquals(recipe(), recipe().withAugmentSRuns(0));
        BeatDataset d = SyntheticBeats.make(96, 64, 1, "t");
        List<String> off = new ArrayList<>();
        TrainingResult without = train(recipe(), d, off);
        assertTrue(off.stream().noneMatch(l -> l.startsWith("runs")), off.toString());
        List<String> lines = new ArrayList<>();
        TrainingResult none = train(recipe().withAugmentSRuns(0.2), d, lines);
        assertTrue(lines.contains("runs: about 0 beats lent per copy of 32 N beats (8 copies; runs of 3 to 15 N beats"
                + " with the prematurity of one of 32 training S beats at least 10% early)"), lines.toString());
        assertEquals(losses(without), losses(none));
        assertEquals(without.bundle().weightsSha256(), none.bundle().weightsSha256());
        assertTrue(without.history().get(0).meanLoss() > 0);
    }

    /**
     * On a regular rhythm runs are lent (at 0.2, about 14% of the N beats far from a record's end,
     * see {@link PrematureRunsTest}: about 28 of 200, fewer for the 25 or so beats at the end where
     * no run fits), which changes training; the card keeps the fraction through a save and a load.
     */
    @Test
    void onARegularRhythmRunsAreLentAndTheCardKeepsTheFraction() throws Exception {
        BeatDataset d = RegularRhythm.make(200, 64, 4);
        List<String> lines = new ArrayList<>();
        TrainingResult runs = train(recipe().withAugmentSRuns(0.2), d, lines);
        TrainingResult without = train(recipe(), d, new ArrayList<>());
        String line = lines.stream().filter(l -> l.startsWith("runs: about ")).findFirst().orElseThrow();
        int lent = Integer.parseInt(line.substring("runs: about ".length(), line.indexOf(" beats lent")));
        assertTrue(lent > 8 && lent < 50, line);
        assertTrue(line.contains("per copy of 200 N beats") && line.contains("one of 20 training S beats"), line);
        assertNotEquals(losses(without), losses(runs));
        Path f = dir.resolve("runs.zip");
        runs.bundle().save(f);
        assertEquals(0.2, ModelBundle.load(f).card().training().augmentSRuns());
    }

    @Test
    void anInputWithoutRrValuesIsRefused() {
        ModelConfig noRr = SyntheticBeats.small(Architecture.CNN, new InputSpec("MLII", 64, 360.0, 21, false));
        var e = assertThrows(IllegalArgumentException.class, () -> new BeatClassifierTrainer(l -> { }, null).train(noRr,
                SyntheticBeats.training(1).withAugmentSRuns(0.1), RegularRhythm.make(60, 64, 2),
                SyntheticBeats.empty(64), "synthetic", "none", "64 samples"));
        assertTrue(e.getMessage().contains("(augmentSRuns 0.1), but the model's input has no RR values to carry the timing"),
                e.getMessage());
        assertTrue(e.getMessage().contains("train with --augment-s-runs 0"), e.getMessage());
    }

    @Test
    void classesWithoutSAreRefused() {
        ModelConfig noS = new CnnConfig(SyntheticBeats.input(), 8, List.of(8, 16), 5,
                new HeadConfig(16, 0.0, List.of("N", "X", "V", "F", "Q")));
        var e = assertThrows(IllegalArgumentException.class, () -> new BeatClassifierTrainer(l -> { }, null).train(noS,
                SyntheticBeats.training(1).withAugmentSRuns(0.1), RegularRhythm.make(60, 64, 2),
                SyntheticBeats.empty(64), "synthetic", "none", "64 samples"));
        assertTrue(e.getMessage().contains("the model's classes are [N, X, V, F, Q]: it needs N and S"), e.getMessage());
    }

    /** Record "r" of {@link RegularRhythm} alone has N beats only: no S beat to take a prematurity from. */
    @Test
    void noSBeatToLendIsRefusedWithTheRecords() {
        BeatDataset all = RegularRhythm.make(60, 64, 2);
        int n = 60;
        float[] rr = new float[n * 3];
        long[] at = new long[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(all.rrFeatures(i), 0, rr, 3 * i, 3);
            at[i] = all.sample(i);
        }
        BeatDataset noS = new BeatDataset(List.of("r"), 64, 360.0, java.util.Arrays.copyOf(all.windows(), n * 64),
                new int[n], new byte[n], rr, new int[n], at);
        var e = assertThrows(IllegalArgumentException.class, () -> new BeatClassifierTrainer(l -> { }, null).train(
                SyntheticBeats.small(Architecture.CNN), SyntheticBeats.training(1).withAugmentSRuns(0.1), noS,
                SyntheticBeats.empty(64), "synthetic", "none", "64 samples"));
        assertTrue(e.getMessage().contains("the training records [r] hold no S beat at least 10% early"),
                e.getMessage());
        assertTrue(e.getMessage().contains("with --augment-s-runs 0"), e.getMessage());
    }

    @Test
    void fractionsOutOfRangeAreRefusedByTheConfig() {
        for (double bad : new double[] {-0.1, 0.5, 1, Double.NaN}) {
            var e = assertThrows(IllegalArgumentException.class, () -> SyntheticBeats.training(1).withAugmentSRuns(bad));
            assertTrue(e.getMessage().contains("augmentSRuns must be in [0, 0.5), got " + bad), e.getMessage());
        }
        assertEquals(0.0, TrainingConfig.defaults(List.of("100")).augmentSRuns());
    }

    private static List<Double> losses(TrainingResult r) {
        return r.history().stream().map(TrainingResult.EpochSummary::meanLoss).toList();
    }
}
