package io.beatflow.ingest.internal;

import io.beatflow.ingest.CsvReadOptions;
import io.beatflow.ingest.CsvSignalReader;
import io.beatflow.ingest.CsvSignalWriter;
import io.beatflow.ingest.Lead;
import io.beatflow.ingest.Signal;
import io.beatflow.ingest.SignalFormatException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fuzz target for {@link CsvSignalReader}: seeds are files written by {@link CsvSignalWriter} and
 * hand-made variants (time column in seconds, semicolons, tabs, quotes, gaps); each input is read
 * with the rate inferred and, where it has a sample column, with a given rate.
 */
public final class CsvFuzzTarget implements FuzzTarget {
    @Override
    public String name() {
        return "csv";
    }

    @Override
    public List<byte[]> seeds() {
        Signal s = Signal.ofDigital("seed", 360, List.of(new Lead("MLII", "mV", 200, 1024), new Lead("V5, chest", "mV", 200, 1024)),
                new int[][] {{995, 1000, 1010, 990, 1024}, {1011, 1012, 1013, 1014, 1015}}, Integer.MIN_VALUE, null);
        StringWriter w = new StringWriter();
        try {
            CsvSignalWriter.write(w, s, 0, 5, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of(
                w.toString().getBytes(StandardCharsets.UTF_8),
                "time,MLII,V5\n0.000,-0.145,-0.065\n0.003,-0.145,-0.065\n0.006,-0.145,-0.065\n0.008,-0.12,-0.08\n"
                        .getBytes(StandardCharsets.UTF_8),
                "\"t\";\"A\";\"B\"\n0;1.5;2\n0.5;;3\n1.0;NaN;4e-3\n".getBytes(StandardCharsets.UTF_8),
                "seconds\tResp\n0\t1\n0.4\t2\n0.8\t3\n".getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void parse(byte[] input) throws SignalFormatException {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            CsvSignalReader.read("fuzz.csv", new StringReader(text), CsvReadOptions.defaults().withGapsAllowed(true));
        } catch (SignalFormatException e) {
            readWithRate(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader cannot fail
        }
    }

    private static void readWithRate(String text) throws SignalFormatException {
        try {
            CsvSignalReader.read("fuzz.csv", new StringReader(text), CsvReadOptions.defaults().withSampleRateHz(360));
        } catch (SignalFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
