package io.beatflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code beatflow model-table} refuses bad options with status 2 before reading data or training. */
class ModelTableCommandTest {
    @TempDir
    Path dir;

    private CliRun run(String... options) {
        String[] args = new String[options.length + 3];
        args[0] = "model-table";
        args[1] = "--out";
        args[2] = dir.resolve("table").toString();
        System.arraycopy(options, 0, args, 3, options.length);
        return CliRun.of(args);
    }

    private void assertRefused(CliRun r, String message) {
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(message), r.err());
        assertFalse(Files.exists(dir.resolve("table")), "nothing written");
    }

    @Test
    void unknownArchitectureIsNamedWithTheKnownOnes() {
        assertRefused(run("--arch", "cnn,lstm"),
                "beatflow model-table: --arch: unknown architecture 'lstm'; known: cnn, bilstm, attention, transformer");
    }

    @Test
    void repeatedArchitectureOrSeedIsRefused() {
        assertRefused(run("--arch", "cnn,CNN"), "--arch: architecture 'cnn' is given twice");
        assertRefused(run("--seeds", "42,7,42"), "--seeds: a seed is given twice in [42, 7, 42]");
    }

    @Test
    void tooFewBootstrapReplicatesAreRefused() {
        assertRefused(run("--bootstrap", "99"), "--bootstrap: replicates must be >= 100, got 99");
    }

    @Test
    void rrAugmentationOutOfRangeIsRefused() {
        assertRefused(run("--augment-rr", "1.5"), "--augment-rr: training: augmentRr must be in [0, 1), got 1.5");
    }

    @Test
    void recordBalanceOutOfRangeOrWithoutADrawIsRefused() {
        assertRefused(run("--record-balance", "2", "--beats-per-epoch", "1000"),
                "--record-balance: training: recordBalance must be in [0, 1], got 2.0");
        assertRefused(run("--record-balance", "0.5", "--beats-per-epoch", "0"),
                "--record-balance: needs --beats-per-epoch N above 0");
    }

    @Test
    void morphologyDropoutOutOfRangeIsRefused() {
        assertRefused(run("--morphology-dropout", "1"),
                "--morphology-dropout: training: morphologyDropout must be in [0, 1), got 1.0");
    }

    @Test
    void sTimingOutOfRangeIsRefused() {
        assertRefused(run("--augment-s-timing", "-0.1"),
                "--augment-s-timing: training: augmentSTiming must be in [0, 1), got -0.1");
    }

    @Test
    void sRunsOutOfRangeIsRefused() {
        assertRefused(run("--augment-s-runs", "0.5"),
                "--augment-s-runs: training: augmentSRuns must be in [0, 0.5), got 0.5");
    }

    @Test
    void seedThatIsNotANumberIsRefusedByTheParser() {
        assertRefused(run("--seeds", "42,x"), "--seeds");
    }

    @Test
    void missingDataIsReportedBeforeTraining() {
        assertRefused(run("--arch", "cnn", "--data", dir.resolve("no-data").toString()), "no-data");
    }

    @Test
    void unknownInputIsRefusedBeforeTheFirstRun() {
        CliRun r = run("--input", "foo");
        assertRefused(r, "foo");
        assertFalse(r.err().contains("== run"), r.err());
    }

    @Test
    void batchOutOfRangeIsNamedByItsOption() {
        assertRefused(run("--batch", "0"), "--batch: training: batchSize must be 1 to 65536, got 0");
    }
}
