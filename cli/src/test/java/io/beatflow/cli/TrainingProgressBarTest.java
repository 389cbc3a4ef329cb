package io.beatflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The bar redraws in place at most ten times a second, always at an epoch's first and last step. */
class TrainingProgressBarTest {
    @Test
    void redrawsInPlaceThrottledAndEndsItsLineBeforeOtherLines() {
        StringWriter s = new StringWriter();
        long[] now = {0};
        TrainingProgressBar bar = new TrainingProgressBar(new PrintWriter(s), () -> now[0]);
        bar.step(1, 7, 1, 4, 1.5, 1.5, 100);
        now[0] += 50_000_000L; // 50 ms later: too soon, not drawn
        bar.step(1, 7, 2, 4, 1.25, 1.375, 120);
        now[0] += 60_000_000L; // 110 ms after the first drawing: drawn
        bar.step(1, 7, 3, 4, 1.0, 1.25, 130);
        now[0] += 1_000_000L; // the last step is always drawn
        bar.step(1, 7, 4, 4, 0.5, 1.0625, 140);
        bar.line("epoch 1 done");
        bar.line("next");
        // 30 cells: step k of 4 fills 30k/4 of them (7, 22, 30), the next shows the head
        String expected = "\repoch 1/7 [" + "=".repeat(7) + ">" + " ".repeat(22) + "] 1/4 loss 1.5000 (mean 1.5000) 100 beats/s"
                + "\repoch 1/7 [" + "=".repeat(22) + ">" + " ".repeat(7) + "] 3/4 loss 1.0000 (mean 1.2500) 130 beats/s"
                + "\repoch 1/7 [" + "=".repeat(30) + "] 4/4 loss 0.5000 (mean 1.0625) 140 beats/s"
                + System.lineSeparator() + "epoch 1 done" + System.lineSeparator() + "next" + System.lineSeparator();
        assertEquals(expected, s.toString());
    }

    /** The launcher's word on standard error wins over the console, which only says where stdin and stdout go. */
    @Test
    void theLaunchersWordOnStandardErrorDecides() {
        org.junit.jupiter.api.Assertions.assertTrue(TrainingProgressBar.terminal("1", false));
        org.junit.jupiter.api.Assertions.assertFalse(TrainingProgressBar.terminal("0", true));
        org.junit.jupiter.api.Assertions.assertTrue(TrainingProgressBar.terminal(null, true));
        org.junit.jupiter.api.Assertions.assertFalse(TrainingProgressBar.terminal(null, false));
    }
}
