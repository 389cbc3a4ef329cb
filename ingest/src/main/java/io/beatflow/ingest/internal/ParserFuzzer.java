package io.beatflow.ingest.internal;

import io.beatflow.ingest.SignalFormatException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded mutation fuzzer for the file parsers.
 *
 * <p>Each iteration takes a seed input, applies one to four random mutations (bit flips, byte
 * replacements with interesting values, truncation, insertion and deletion of runs, duplication of
 * lines, replacement of digit runs by extreme numbers) and parses the result. Rejection with a
 * {@link SignalFormatException} is the expected outcome for malformed input; any other throwable
 * (including {@link OutOfMemoryError} from trusting a length field) is recorded as a failure with
 * the input that caused it. The same seed gives the same inputs.
 */
public final class ParserFuzzer {
    private static final String[] NUMBERS = {"0", "-1", "1", "-0", "2147483647", "-2147483648", "4294967296",
        "9999999999999999999", "1e309", "NaN", "0.0000001", "-99999", "65536", "32768", "255", "256"};
    private static final byte[] BYTES = {0, -1, 127, -128, 1, '\n', '\r', ' ', '/', '(', ')', '+', '.', ':', 0x14};

    /** Outcome of a fuzz run. */
    public record Report(String target, long iterations, long accepted, long rejected, List<Failure> failures) {
        public Report {
            failures = List.copyOf(failures);
        }
    }

    /** An unexpected throwable and the input that raised it. */
    public record Failure(String target, String exception, byte[] input) {
        public Failure {
            input = input.clone();
        }

        @Override
        public byte[] input() {
            return input.clone();
        }

        @Override
        public String toString() {
            return target + ": " + exception + " on input "
                    + new String(input, 0, Math.min(input.length, 200), StandardCharsets.ISO_8859_1);
        }
    }

    private final long seed;
    private final int maxFailuresKept;

    /**
     * @param seed random seed; the same seed gives the same sequence of inputs
     * @param maxFailuresKept how many failing inputs to keep per target (later ones are counted only)
     */
    public ParserFuzzer(long seed, int maxFailuresKept) {
        this.seed = seed;
        this.maxFailuresKept = maxFailuresKept;
    }

    /**
     * Fuzzes one target until either the iteration count or the time budget is reached.
     *
     * @param maxIterations upper bound on parsed inputs
     * @param maxMillis upper bound on wall-clock time in milliseconds
     */
    public Report run(FuzzTarget target, long maxIterations, long maxMillis) {
        List<byte[]> seeds = target.seeds();
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("fuzz target " + target.name() + " has no seed inputs");
        }
        SplittableRandom rnd = new SplittableRandom(seed ^ target.name().hashCode());
        long deadline = System.nanoTime() + maxMillis * 1_000_000L;
        long accepted = 0;
        long rejected = 0;
        long iterations = 0;
        List<Failure> failures = new ArrayList<>();
        while (iterations < maxIterations && ((iterations & 63) != 0 || System.nanoTime() < deadline)) {
            byte[] input = seeds.get(rnd.nextInt(seeds.size()));
            int rounds = 1 + rnd.nextInt(4);
            for (int r = 0; r < rounds; r++) {
                input = mutate(input, rnd);
            }
            iterations++;
            try {
                target.parse(input);
                accepted++;
            } catch (SignalFormatException expected) {
                rejected++;
            } catch (Throwable t) { // any other type is the defect being hunted
                if (failures.size() < maxFailuresKept) {
                    failures.add(new Failure(target.name(), t.toString(), input));
                }
            }
        }
        return new Report(target.name(), iterations, accepted, rejected, failures);
    }

    static byte[] mutate(byte[] in, SplittableRandom rnd) {
        if (in.length == 0) {
            return new byte[] {BYTES[rnd.nextInt(BYTES.length)]};
        }
        int pos = rnd.nextInt(in.length);
        switch (rnd.nextInt(8)) {
            case 0: { // flip one bit
                byte[] out = in.clone();
                out[pos] ^= (byte) (1 << rnd.nextInt(8));
                return out;
            }
            case 1: { // interesting byte
                byte[] out = in.clone();
                out[pos] = BYTES[rnd.nextInt(BYTES.length)];
                return out;
            }
            case 2: // truncate
                return Arrays.copyOf(in, pos);
            case 3: { // delete a run
                int len = 1 + rnd.nextInt(Math.min(16, in.length - pos));
                byte[] out = new byte[in.length - len];
                System.arraycopy(in, 0, out, 0, pos);
                System.arraycopy(in, pos + len, out, pos, in.length - pos - len);
                return out;
            }
            case 4: { // insert random bytes
                int len = 1 + rnd.nextInt(8);
                byte[] out = new byte[in.length + len];
                System.arraycopy(in, 0, out, 0, pos);
                for (int i = 0; i < len; i++) {
                    out[pos + i] = (byte) rnd.nextInt(256);
                }
                System.arraycopy(in, pos, out, pos + len, in.length - pos);
                return out;
            }
            case 5: { // duplicate a run
                int len = 1 + rnd.nextInt(Math.min(64, in.length - pos));
                byte[] out = new byte[in.length + len];
                System.arraycopy(in, 0, out, 0, pos + len);
                System.arraycopy(in, pos, out, pos + len, in.length - pos);
                return out;
            }
            case 6: // replace a digit run by an extreme number
                return replaceNumber(in, pos, NUMBERS[rnd.nextInt(NUMBERS.length)]);
            default: { // overwrite 2-4 bytes with random values (binary length fields)
                byte[] out = in.clone();
                int len = Math.min(2 + rnd.nextInt(3), in.length - pos);
                for (int i = 0; i < len; i++) {
                    out[pos + i] = (byte) rnd.nextInt(256);
                }
                return out;
            }
        }
    }

    private static byte[] replaceNumber(byte[] in, int pos, String number) {
        int start = pos;
        while (start < in.length && !Character.isDigit(in[start])) {
            start++;
        }
        if (start == in.length) {
            return in;
        }
        int end = start;
        while (end < in.length && (Character.isDigit(in[end]) || in[end] == '.')) {
            end++;
        }
        byte[] num = number.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[in.length - (end - start) + num.length];
        System.arraycopy(in, 0, out, 0, start);
        System.arraycopy(num, 0, out, start, num.length);
        System.arraycopy(in, end, out, start + num.length, in.length - end);
        return out;
    }
}
