package io.beatflow.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trainer tells a step listener of every step, and without one writes a step line per 50 steps and per epoch end. */
class TrainerProgressTest {
    @Test
    void listenerHearsEveryStepAndDefaultLinesComeAtEpochEnds() throws Exception {
        // 192 beats in batches of 32: 6 steps per epoch, 2 epochs
        List<String> calls = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        new BeatClassifierTrainer(lines::add, null, (epoch, maxEpochs, step, steps, loss, meanLoss, bps) -> {
            assertTrue(Double.isFinite(loss) && Double.isFinite(meanLoss) && bps > 0, loss + " " + meanLoss + " " + bps);
            calls.add(epoch + "/" + maxEpochs + ":" + step + "/" + steps);
        }).train(SyntheticBeats.small(Architecture.CNN), SyntheticBeats.training(2), SyntheticBeats.make(192, 64, 1, "t"),
                SyntheticBeats.empty(64), "synthetic", "none", "64 samples");
        assertEquals(List.of("1/2:1/6", "1/2:2/6", "1/2:3/6", "1/2:4/6", "1/2:5/6", "1/2:6/6", "2/2:1/6", "2/2:2/6",
                "2/2:3/6", "2/2:4/6", "2/2:5/6", "2/2:6/6"), calls);
        assertTrue(lines.stream().noneMatch(l -> l.contains(" step ")), "the listener replaces the step lines: " + lines);

        List<String> plain = new ArrayList<>();
        new BeatClassifierTrainer(plain::add, null).train(SyntheticBeats.small(Architecture.CNN),
                SyntheticBeats.training(2), SyntheticBeats.make(192, 64, 1, "t"), SyntheticBeats.empty(64), "synthetic",
                "none", "64 samples");
        List<String> stepLines = plain.stream().filter(l -> l.contains(" step ")).toList();
        assertEquals(2, stepLines.size(), plain.toString());
        assertTrue(stepLines.get(0).startsWith("epoch 1 step 6/6 loss "), stepLines.get(0));
        assertTrue(stepLines.get(1).startsWith("epoch 2 step 6/6 loss "), stepLines.get(1));
    }
}
