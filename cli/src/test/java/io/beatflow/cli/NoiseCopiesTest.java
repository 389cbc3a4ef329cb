package io.beatflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.datasets.BeatDataset;
import io.beatflow.datasets.BeatDatasetBuilder;
import io.beatflow.datasets.Corpus;
import io.beatflow.datasets.DataDirectory;
import io.beatflow.datasets.NoiseStress;
import io.beatflow.ingest.testing.ReferenceData;
import io.beatflow.models.InputSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Noise-stressed training copies: parsing, and what a copy of a real record holds. */
class NoiseCopiesTest {
    @Test
    void parsesEntriesAndNamesWhatIsWrong() {
        assertEquals(List.of(new NoiseCopies.Copy("ma", 12), new NoiseCopies.Copy("bw", 6)),
                NoiseCopies.parse("ma:12, bw:6"));
        assertEquals("ma:12", new NoiseCopies.Copy("ma", 12).toString());
        assertEquals("ma:7.5", new NoiseCopies.Copy("ma", 7.5).toString());
        for (String[] bad : new String[][] {{"ma", "NOISE:SNR"}, {"ma:x", "not a number"}, {"ma:40", "-12..36"},
                {"xx:6", "not one of [bw, ma, em]"}, {"ma:12,ma:12", "given twice"}, {"ma:12,", "NOISE:SNR"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NoiseCopies.parse(bad[0]));
            assertTrue(e.getMessage().startsWith("--noise-copies: entry '") && e.getMessage().contains(bad[1]),
                    bad[0] + ": " + e.getMessage());
        }
    }

    @Test
    void seedsDependOnRecordAndCopyOnly() {
        NoiseCopies.Copy ma = new NoiseCopies.Copy("ma", 12);
        assertEquals(NoiseCopies.seed("118", ma), NoiseCopies.seed("118", new NoiseCopies.Copy("ma", 12)));
        assertTrue(NoiseCopies.seed("118", ma) != NoiseCopies.seed("119", ma));
        assertTrue(NoiseCopies.seed("118", ma) != NoiseCopies.seed("118", new NoiseCopies.Copy("ma", 6)));
    }

    /**
     * A copy of record 118 holds the clean record's beats with their labels, under its own name;
     * its windows in the noise-free first five minutes of the protocol equal the clean ones (to the
     * rounding of the mixed samples) and differ in the noisy periods. (Later noise-free periods may
     * carry the constant offset by which the protocol avoids steps.)
     */
    @Test
    void aCopyKeepsTheBeatsAndAddsNoiseInTheNoisyPeriods() throws Exception {
        ReferenceData.assumeMitdb();
        ReferenceData.assumeNstdb();
        DataDirectory dir = new DataDirectory(ReferenceData.mitdb().getParent());
        BeatDatasetBuilder builder = new BeatDatasetBuilder(InputSpec.mitBih256().windowConfig(),
                BeatDatasetBuilder.Mode.REFERENCE, null);
        BeatDataset clean = builder.build(List.of(Corpus.MITDB.load(dir.database("mitdb"), "118")));
        StringWriter log = new StringWriter();
        BeatDataset noisy = NoiseCopies.build(List.of(new NoiseCopies.Copy("ma", 12)), List.of("118"), dir, builder,
                new PrintWriter(log));
        assertEquals(List.of("118_ma12"), noisy.records());
        assertEquals(clean.size(), noisy.size());
        assertArrayEquals(clean.labels(), noisy.labels());
        assertTrue(log.toString().contains("noise copy ma:12 of 1 records"), log.toString());
        int quiet = 0;
        int loud = 0;
        for (int i = 0; i < clean.size(); i++) {
            double diff = 0;
            float[] a = clean.window(i);
            float[] b = noisy.window(i);
            for (int j = 0; j < a.length; j++) {
                diff = Math.max(diff, Math.abs(a[j] - b[j]));
            }
            long first = clean.sample(i) - 90;
            long last = first + a.length - 1;
            if (last < NoiseStress.LEARNING_SECONDS * 360) {
                assertTrue(diff < 0.01, "beat " + i + " at sample " + clean.sample(i) + ": noise-free, differs by " + diff);
                quiet++;
            } else if (NoiseStress.isNoisy(first, 360) && NoiseStress.isNoisy(last, 360)) {
                loud += diff > 0.02 ? 1 : 0;
                assertTrue(diff > 0.02, "beat " + i + " at sample " + clean.sample(i) + ": noisy, differs by " + diff);
            }
        }
        assertTrue(quiet > 300 && loud > 700, quiet + " noise-free and " + loud + " noisy beats");
    }
}
