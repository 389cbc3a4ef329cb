package io.beatflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.Annotation;
import io.beatflow.ingest.Signal;
import io.beatflow.ingest.WfdbAnnotationReader;
import io.beatflow.ingest.WfdbReader;
import io.beatflow.ingest.testing.ReferenceData;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthAndNoiseCommandsTest {
    @TempDir
    Path tmp;

    /** 60 s at 72 bpm is 72 beats on average; heart-rate variability and ectopy keep it near that. */
    @Test
    void synthWritesARecordAndItsGroundTruth() throws Exception {
        CliRun run = CliRun.of("synth", "--out", tmp.toString(), "--name", "s1", "--seconds", "60", "--hr", "72",
                "--rate", "250");
        assertEquals(0, run.exitCode(), run.err());
        Signal s = WfdbReader.read(tmp.resolve("s1"));
        assertEquals(250.0, s.sampleRateHz());
        assertEquals(15000, s.length());
        long beats = WfdbAnnotationReader.read(tmp.resolve("s1.atr")).stream().filter(Annotation::isBeat).count();
        assertTrue(beats >= 64 && beats <= 80, "beats: " + beats);
    }

    /** The length printed is the record's: 7.5 s is not rounded to 8 s. */
    @Test
    void synthPrintsTheLengthItWrote() {
        CliRun run = CliRun.of("synth", "--out", tmp.toString(), "--name", "half", "--seconds", "7.5");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("half: 7.5 s at 360.0 Hz"), run.out());
    }

    @Test
    void synthRejectsABadName() {
        CliRun run = CliRun.of("synth", "--out", tmp.toString(), "--name", "a/b");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--name"), run.err());
    }

    /**
     * The noisy record keeps the clean record's shape and beats; its first five minutes are
     * noise-free by the standard protocol, so they equal the clean samples (to the format-16
     * quantisation of 1/200 mV); the printed SNR of each lead is the one asked for within 0.5 dB.
     */
    @Test
    void noiseStressWritesANoisyWfdbRecord() throws Exception {
        ReferenceData.assumeMitdb();
        ReferenceData.assumeNstdb();
        Path clean = ReferenceData.mitdb().resolve("118");
        CliRun run = CliRun.of("noise-stress", "--noise", ReferenceData.nstdb().resolve("ma").toString(), "--snr", "12",
                "--out", tmp.toString(), clean.toString());
        assertEquals(0, run.exitCode(), run.err());
        Signal noisy = WfdbReader.read(tmp.resolve("118_ma12"));
        Signal original = WfdbReader.read(clean);
        assertEquals(original.length(), noisy.length());
        for (int i = 0; i < 360 * 300; i += 997) {
            assertEquals(original.physical(0, i), noisy.physical(0, i), 0.0051);
        }
        List<Annotation> ref = WfdbAnnotationReader.read(tmp.resolve("118_ma12.atr"));
        assertEquals(WfdbAnnotationReader.read(ReferenceData.mitdb().resolve("118.atr")), ref);
        Matcher m = Pattern.compile("measured SNR of the noisy periods (-?[0-9.]+) dB").matcher(run.out());
        int leads = 0;
        while (m.find()) {
            assertEquals(12.0, Double.parseDouble(m.group(1)), 0.5);
            leads++;
        }
        assertEquals(2, leads, run.out());
    }
    /** Bad noise arguments are refused before anything is read or written, naming the choices. */
    @Test
    void noiseStressRefusesBadNoiseAndSnr() throws Exception {
        CliRun run = CliRun.of("noise-stress", "--noise", "xx", "--snr", "6", "--out", tmp.resolve("o").toString(),
                tmp.resolve("rec").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--noise xx: give bw, ma or em"), run.err());
        run = CliRun.of("noise-stress", "--noise", "ma", "--snr", "1000", "--out", tmp.resolve("o").toString(),
                tmp.resolve("rec").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--snr 1000.0: give -30.0 to 30.0 dB"), run.err());
        assertTrue(!java.nio.file.Files.exists(tmp.resolve("o")));
    }

    /** Settings out of range are named by their options, not by the configuration's fields. */
    @Test
    void synthNamesItsOptionsInErrors() {
        CliRun run = CliRun.of("synth", "--out", tmp.toString(), "--pvc", "2");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--pvc must be in [0.0, 0.5], got 2.0"), run.err());
        run = CliRun.of("synth", "--out", tmp.toString(), "--rate", "5");
        assertTrue(run.err().contains("--rate must be in [50.0, 2000.0], got 5.0"), run.err());
    }
}
