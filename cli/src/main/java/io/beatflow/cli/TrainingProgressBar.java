package io.beatflow.cli;

import io.beatflow.models.BeatClassifierTrainer;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A training progress bar for a terminal: one line per epoch, redrawn in place (carriage return)
 * at most ten times a second and at the epoch's last step, with the step, loss and beats/s.
 * Other progress lines go through {@link #line}, which ends the bar's line first.
 */
final class TrainingProgressBar implements BeatClassifierTrainer.StepListener {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final java.util.function.LongSupplier clock;
    private long lastDraw = Long.MIN_VALUE;
    private boolean open;

    TrainingProgressBar(PrintWriter out) {
        this(out, System::nanoTime);
    }

    TrainingProgressBar(PrintWriter out, java.util.function.LongSupplier clock) {
        this.out = out;
        this.clock = clock;
    }

    /**
     * Whether standard error is a terminal. Java cannot ask that of standard error alone, so the
     * {@code beatflow} launcher tells it ({@value #STDERR_TTY}: 1 or 0, from the shell's
     * {@code [ -t 2 ]}); without the launcher, a console (standard input and output not redirected)
     * stands in for it.
     */
    static boolean terminal() {
        return terminal(System.getenv(STDERR_TTY), System.console() != null);
    }

    static boolean terminal(String stderrTty, boolean console) {
        if ("1".equals(stderrTty)) {
            return true;
        }
        if ("0".equals(stderrTty)) {
            return false;
        }
        return console;
    }

    /** The environment variable the launcher sets to 1 when standard error is a terminal, else 0. */
    static final String STDERR_TTY = "BEATFLOW_STDERR_TTY";

    @Override
    public void step(int epoch, int maxEpochs, int step, int steps, double loss, double meanLoss,
            double beatsPerSecond) {
        long now = clock.getAsLong();
        if (step != steps && step != 1 && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        int filled = (int) ((long) WIDTH * step / steps);
        StringBuilder bar = new StringBuilder(WIDTH);
        for (int i = 0; i < WIDTH; i++) {
            bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
        }
        out.printf(Locale.ROOT, "\repoch %d/%d [%s] %d/%d loss %.4f (mean %.4f) %.0f beats/s", epoch, maxEpochs, bar,
                step, steps, loss, meanLoss, beatsPerSecond);
        out.flush();
        open = true;
    }

    /** Prints a progress line, ending the bar's line first if one is open. */
    void line(String s) {
        if (open) {
            out.println();
            open = false;
        }
        out.println(s);
        out.flush();
    }
}
