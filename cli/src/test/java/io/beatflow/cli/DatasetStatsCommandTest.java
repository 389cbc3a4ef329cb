package io.beatflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.testing.ReferenceData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DatasetStatsCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = BeatflowCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    /** DS2's counts equal de Chazal et al. 2004, Table II, exactly: N 44259, S 1837, V 3221, F 388, Q 7. */
    @Test
    void printsDs2CountsAsJsonMatchingThePublishedTable() {
        ReferenceData.assumeMitdb();
        int rc = run("dataset-stats", "mitdb", "--split", "DS2", "--json", "--data", ReferenceData.root().toString());
        assertEquals(0, rc, err.toString());
        assertEquals("{\"database\":\"mitdb\",\"split\":\"deChazal2004\",\"parts\":{\"DS2\":{\"records\":22,"
                + "\"N\":44259,\"S\":1837,\"V\":3221,\"F\":388,\"Q\":7,\"total\":49712}}}", out.toString().strip());
    }

    @Test
    void printsATableForBothParts() {
        ReferenceData.assumeMitdb();
        int rc = run("dataset-stats", "mitdb", "--data", ReferenceData.root().toString());
        assertEquals(0, rc, err.toString());
        String[] lines = out.toString().strip().split("\\R");
        assertEquals(3, lines.length, out.toString());
        assertTrue(lines[1].startsWith("DS1"), lines[1]);
        assertTrue(lines[2].matches("DS2\\s+22\\s+44259\\s+1837\\s+3221\\s+388\\s+7\\s+49712"), lines[2]);
    }

    @Test
    void missingDataListsFilesAndTheDownloadCommand(@TempDir Path empty) {
        int rc = run("dataset-stats", "mitdb", "--split", "DS1", "--data", empty.toString());
        assertEquals(2, rc);
        assertTrue(err.toString().contains("22 file(s) of database mitdb missing"), err.toString());
        assertTrue(err.toString().contains("101.atr"), err.toString());
        assertTrue(err.toString().contains("beatflow download mitdb --version 1.0.0 --to"), err.toString());
    }

    @Test
    void unknownPartIsABadArgument() {
        int rc = run("dataset-stats", "mitdb", "--split", "DS3", "--data", ReferenceData.root().toString());
        assertEquals(2, rc);
        assertTrue(err.toString().contains("has no part 'DS3'; parts are [DS1, DS2]"), err.toString());
    }
}
