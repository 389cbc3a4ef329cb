package io.beatflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Class experts: one class's probability from another file, the row renormalised. */
class CombinePredictionsCommandTest {
    @TempDir
    Path dir;

    private static final String HEADER = "record,sample,label,p_N,p_S,p_V,p_F,p_Q\n";

    @Test
    void takesTheExpertsClassAndRenormalises() throws Exception {
        Path base = Files.writeString(dir.resolve("base.csv"), HEADER + "r,10,N,0.8,0.1,0.1,0,0\nr,20,S,0.5,0.2,0.3,0,0\n");
        Path rel = Files.writeString(dir.resolve("rel.csv"), HEADER + "r,10,N,0.1,0.3,0.6,0,0\nr,20,S,0.1,0.7,0.2,0,0\n");
        Path out = dir.resolve("runs/experts/c.csv"); // its directories are made
        CliRun r = CliRun.of("combine-predictions", "--base", base.toString(), "--class", "S=" + rel, "--out",
                out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(out);
        // beat 1: N 0.8, S 0.3 (expert), V 0.1 -> sum 1.2; beat 2: N 0.5, S 0.7, V 0.3 -> sum 1.5
        double[][] expected = {{0.8 / 1.2, 0.3 / 1.2, 0.1 / 1.2, 0, 0}, {0.5 / 1.5, 0.7 / 1.5, 0.3 / 1.5, 0, 0}};
        for (int i = 0; i < 2; i++) {
            String[] f = lines.get(i + 1).split(",");
            assertEquals(i == 0 ? "N" : "S", f[2]);
            for (int c = 0; c < 5; c++) {
                assertEquals(expected[i][c], Double.parseDouble(f[3 + c]), 1e-6, lines.get(i + 1));
            }
        }
    }

    @Test
    void filesOfOtherBeatsOrAnUnknownClassAreRefused() throws Exception {
        Path base = Files.writeString(dir.resolve("base.csv"), HEADER + "r,10,N,0.8,0.1,0.1,0,0\n");
        Path other = Files.writeString(dir.resolve("other.csv"), HEADER + "r,11,N,0.8,0.1,0.1,0,0\n");
        CliRun r = CliRun.of("combine-predictions", "--base", base.toString(), "--class", "S=" + other, "--out",
                dir.resolve("c.csv").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("does not hold the same beats"), r.err());
        r = CliRun.of("combine-predictions", "--base", base.toString(), "--class", "X=" + base, "--out",
                dir.resolve("c.csv").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("no class X"), r.err());
    }
    @Test
    void anInputIsNeverTheOutput() throws Exception {
        Path base = Files.writeString(dir.resolve("in-base.csv"), HEADER + "r,10,N,0.8,0.1,0.1,0,0\n");
        Path rel = Files.writeString(dir.resolve("in-rel.csv"), HEADER + "r,10,N,0.1,0.3,0.6,0,0\n");
        for (Path out : List.of(base, rel)) {
            CliRun r = CliRun.of("combine-predictions", "--base", base.toString(), "--class", "S=" + rel, "--out",
                    out.toString());
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains("is an input of this command"), r.err());
        }
        assertEquals(HEADER + "r,10,N,0.8,0.1,0.1,0,0\n", Files.readString(base));
    }
}
