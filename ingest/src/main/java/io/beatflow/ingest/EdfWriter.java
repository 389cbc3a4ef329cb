package io.beatflow.ingest;

import io.beatflow.ingest.internal.EdfEncoder;
import io.beatflow.ingest.internal.EdfTal;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes a {@link Signal} as an EDF+C file (Kemp &amp; Olivan 2003), with optional annotations.
 *
 * <p>Choices the format leaves to the writer:
 * <ul>
 *   <li>Data records last the shortest whole number of seconds (1 to 1000) that holds a whole
 *       number of samples; the last record is padded with each signal's digital minimum, so a
 *       signal whose length is not a multiple of the record length reads back longer.</li>
 *   <li>Where the signal keeps 16-bit digital values, they are written unchanged and the physical
 *       range follows from the lead's gain and baseline; otherwise the physical range of each lead
 *       (rounded outwards to 8 characters) is mapped onto -32768..32767.</li>
 *   <li>EDF has no gap marker: NaN samples are written as the digital minimum.</li>
 *   <li>Each annotation goes into the data record that contains its onset; the first TAL of every
 *       record keeps time. Annotations are UTF-8.</li>
 *   <li>An unknown start time is written as "Startdate X" (EDF+), and 01.01.85 00.00.00 in the
 *       plain EDF date fields. Dates outside 1985-2084 keep their 4-digit year in the recording
 *       field only, as the EDF+ specification prescribes.</li>
 * </ul>
 */
public final class EdfWriter {
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
        "NOV", "DEC"};

    private EdfWriter() {
    }

    /** Writes {@code signal} as EDF+C without annotations. */
    public static void write(Path out, Signal signal) throws IOException {
        write(out, signal, List.of());
    }

    /**
     * Writes {@code signal} as EDF+C with the given annotations.
     *
     * @param annotations onsets in seconds after the signal's first sample
     * @throws IllegalArgumentException if a lead name or unit does not fit EDF's fields (16 and 8
     *     printable ASCII characters), the sample rate needs records longer than 1000 s, or the
     *     physical range cannot be written in 8 characters
     * @throws IOException if the file cannot be written
     */
    public static void write(Path out, Signal signal, List<EdfAnnotation> annotations) throws IOException {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            write(os, signal, annotations);
        }
    }

    /** The EDF+C bytes of {@code signal} with the given annotations (see {@link #write(Path, Signal, List)}). */
    public static byte[] toBytes(Signal signal, List<EdfAnnotation> annotations) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            write(bytes, signal, annotations);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void write(OutputStream out, Signal signal, List<EdfAnnotation> annotations) throws IOException {
        Objects.requireNonNull(signal, "signal");
        List<EdfAnnotation> notes = new ArrayList<>(List.copyOf(annotations));
        notes.sort(Comparator.comparingDouble(EdfAnnotation::onsetSeconds));
        double rate = signal.sampleRateHz();
        int durationSeconds = recordDuration(signal.name(), rate);
        int spr = (int) Math.round(rate * durationSeconds);
        int length = signal.length();
        int records = (int) ((length + (long) spr - 1) / spr);
        if (records == 0 && !notes.isEmpty()) {
            throw new IllegalArgumentException(signal.name() + ": an empty signal has no data record to hold annotations");
        }

        List<EdfEncoder.Channel> channels = new ArrayList<>();
        for (int l = 0; l < signal.leadCount(); l++) {
            channels.add(channel(signal, l, spr, records));
        }

        LocalDateTime start = signal.startTime().orElse(null);
        double startFraction = start == null ? 0 : start.getNano() / 1e9;
        byte[][] blocks = new byte[records][];
        int maxBlock = 0;
        int next = 0;
        for (int k = 0; k < records; k++) {
            ByteArrayOutputStream block = new ByteArrayOutputStream();
            block.writeBytes(new EdfTal(startFraction + (double) k * durationSeconds, Double.NaN, List.of(""))
                    .encode());
            while (next < notes.size() && (k == records - 1
                    || notes.get(next).onsetSeconds() < (double) (k + 1) * durationSeconds)) {
                EdfAnnotation a = notes.get(next++);
                block.writeBytes(new EdfTal(startFraction + a.onsetSeconds(), a.durationSeconds(), List.of(a.text()))
                        .encode());
            }
            blocks[k] = block.toByteArray();
            maxBlock = Math.max(maxBlock, blocks[k].length);
        }
        int annotationSpr = Math.max(1, (maxBlock + 1) / 2);
        channels.add(new EdfEncoder.Channel("EDF Annotations", "", "", "-1", "1", -32768, 32767, "", annotationSpr,
                null, blocks));

        String recording;
        String date;
        String time;
        if (start == null) {
            recording = "Startdate X X X beatflow";
            date = "01.01.85";
            time = "00.00.00";
        } else {
            int year = start.getYear();
            recording = String.format(Locale.ROOT, "Startdate %02d-%s-%04d X X beatflow", start.getDayOfMonth(),
                    MONTHS[start.getMonthValue() - 1], year);
            String yy = year > 2084 ? "yy" : String.format(Locale.ROOT, "%02d", year % 100);
            date = year < 1985 ? "01.01.85" : String.format(Locale.ROOT, "%02d.%02d.%s", start.getDayOfMonth(),
                    start.getMonthValue(), yy);
            time = String.format(Locale.ROOT, "%02d.%02d.%02d", start.getHour(), start.getMinute(), start.getSecond());
        }
        EdfEncoder.Header header = new EdfEncoder.Header("X X X " + subfield(signal.name()), recording, date, time,
                "EDF+C", records, Integer.toString(durationSeconds));
        EdfEncoder.write(out, header, channels);
    }

    /** EDF+ subfields are separated by spaces, so spaces inside one become underscores (section 2.1.3.3). */
    private static String subfield(String s) {
        String t = s.isBlank() ? "X" : s.trim().replace(' ', '_');
        StringBuilder sb = new StringBuilder();
        for (char c : t.toCharArray()) {
            sb.append(c >= 33 && c <= 126 ? c : '_');
        }
        return sb.length() > 40 ? sb.substring(0, 40) : sb.toString();
    }

    private static int recordDuration(String name, double rate) {
        for (int d = 1; d <= 1000; d++) {
            double n = rate * d;
            if (Math.abs(n - Math.rint(n)) <= 1e-9 * n && n >= 1 && n <= Integer.MAX_VALUE / 4.0) {
                return d;
            }
        }
        throw new IllegalArgumentException(name + ": sample rate " + rate
                + " Hz gives no whole number of samples in any data record of 1 to 1000 s; resample first");
    }

    private static EdfEncoder.Channel channel(Signal signal, int l, int spr, int records) {
        Lead lead = signal.leads().get(l);
        float[] phys = signal.physical(l);
        int n = records * spr;
        int[] out = new int[n];
        if (signal.hasDigital()) {
            int[] dig = signal.digital(l);
            int lo = Integer.MAX_VALUE;
            int hi = Integer.MIN_VALUE;
            for (int i = 0; i < dig.length; i++) {
                if (!Float.isNaN(phys[i])) {
                    lo = Math.min(lo, dig[i]);
                    hi = Math.max(hi, dig[i]);
                }
            }
            if (lo <= hi && lo >= -32768 && hi <= 32767) {
                if (lo == hi) {
                    if (hi < 32767) {
                        hi++;
                    } else {
                        lo--;
                    }
                }
                String pmin = EdfEncoder.formatNumber(lead.toPhysical(lo), 8, RoundingMode.HALF_EVEN);
                String pmax = EdfEncoder.formatNumber(lead.toPhysical(hi), 8, RoundingMode.HALF_EVEN);
                if (!pmin.equals(pmax)) {
                    for (int i = 0; i < n; i++) {
                        out[i] = i < dig.length && !Float.isNaN(phys[i]) ? dig[i] : lo;
                    }
                    return new EdfEncoder.Channel(lead.name(), "", lead.units(), pmin, pmax, lo, hi, "", spr, out,
                            null);
                }
            }
        }
        // Physical values only (or digital values that do not fit 16 bits): scale onto the full range.
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float v : phys) {
            if (Float.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            lo = -1;
            hi = 1;
        } else if (lo == hi) {
            lo -= 1;
            hi += 1;
        }
        String pminText = EdfEncoder.formatNumber(lo, 8, RoundingMode.FLOOR);
        String pmaxText = EdfEncoder.formatNumber(hi, 8, RoundingMode.CEILING);
        double pmin = Double.parseDouble(pminText);
        double pmax = Double.parseDouble(pmaxText);
        double scale = 65535.0 / (pmax - pmin);
        for (int i = 0; i < n; i++) {
            if (i < phys.length && Float.isFinite(phys[i])) {
                long d = Math.round((phys[i] - pmin) * scale) - 32768;
                out[i] = (int) Math.max(-32768, Math.min(32767, d));
            } else {
                out[i] = -32768;
            }
        }
        return new EdfEncoder.Channel(lead.name(), "", lead.units(), pminText, pmaxText, -32768, 32767, "", spr, out,
                null);
    }
}
