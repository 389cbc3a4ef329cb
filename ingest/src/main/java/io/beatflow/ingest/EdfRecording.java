package io.beatflow.ingest;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The contents of an EDF, EDF+ or BDF file: header, ordinary signals (which may have different
 * sample rates) and EDF+ annotations.
 *
 * <p>A {@link Signal} needs one sample rate for all its leads, so {@link #toSignal(List)} builds one
 * from leads of a common rate; {@link #channelsByRate()} shows the groups. In an EDF+D
 * (discontinuous) file, and in a file labelled EDF+C whose record onsets show gaps, the gaps
 * between data records become NaN samples in the {@link Signal}, so that sample {@code i} is
 * always {@code i / rate} seconds after the first record. Instances are immutable.
 */
public final class EdfRecording {
    private final String source;
    private final EdfHeader header;
    private final List<EdfChannel> channels;
    private final int[][] digital;
    private final double[] recordOnsetsSeconds;
    private final List<EdfAnnotation> annotations;
    private final int gapCount;
    private final double gapSeconds;
    private final long[] outOfRangeSamples;
    private final List<String> warnings;

    EdfRecording(String source, EdfHeader header, List<EdfChannel> channels, int[][] digital,
            double[] recordOnsetsSeconds, List<EdfAnnotation> annotations, int gapCount, double gapSeconds,
            long[] outOfRangeSamples, List<String> warnings) {
        this.source = Objects.requireNonNull(source, "source");
        this.header = Objects.requireNonNull(header, "header");
        this.channels = List.copyOf(channels);
        this.digital = digital;
        this.recordOnsetsSeconds = recordOnsetsSeconds;
        this.annotations = List.copyOf(annotations);
        this.gapCount = gapCount;
        this.gapSeconds = gapSeconds;
        this.outOfRangeSamples = outOfRangeSamples.clone();
        this.warnings = List.copyOf(warnings);
    }

    /** The file (or source name) this was read from. */
    public String source() {
        return source;
    }

    /** The file-level header. */
    public EdfHeader header() {
        return header;
    }

    /** The ordinary signals in file order (annotation signals excluded). */
    public List<EdfChannel> channels() {
        return channels;
    }

    /** EDF+ annotations in file order (empty for plain EDF); the time-keeping TALs are not included. */
    public List<EdfAnnotation> annotations() {
        return annotations;
    }

    /**
     * Start of each data record in seconds after the header's start time: from the time-keeping TALs
     * in EDF+ files, {@code k * record duration} in plain EDF.
     */
    public double[] recordOnsetsSeconds() {
        return recordOnsetsSeconds.clone();
    }

    /**
     * The number of gaps between data records: records that start more than half a sample period
     * (of the fastest signal) after the previous record ends. Zero for plain EDF and for
     * contiguous EDF+C.
     */
    public int gapCount() {
        return gapCount;
    }

    /** The total length of the {@link #gapCount()} gaps, in seconds. */
    public double gapSeconds() {
        return gapSeconds;
    }

    /**
     * Whether the data records follow each other without gaps, so that a {@link Signal} of this
     * recording has no gap samples: false for EDF+D with gaps, and for a file labelled EDF+C whose
     * time-keeping TALs show gaps (it is read as EDF+D, with a {@link #warnings() warning}).
     */
    public boolean isContinuous() {
        return gapCount == 0;
    }

    /**
     * What the reader accepted but the file's user should know, one sentence each naming the file
     * and byte offset: an EDF+C file whose records leave gaps (read as EDF+D); a signal with
     * samples outside its digital minimum..maximum (how many, the first one's byte and data record,
     * the extremes; they are kept unclipped). Empty for a file that keeps to the specification.
     */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * The number of samples of channel {@code index} ({@link #channels()} order) outside its
     * digital minimum..maximum. The EDF specification does not allow them; they are kept as they
     * are (not clipped), so their physical values lie beyond the physical minimum..maximum, and
     * {@link #warnings()} names the first.
     */
    public long outOfRangeSamples(int index) {
        Objects.checkIndex(index, channels.size());
        return outOfRangeSamples[index];
    }

    /**
     * A copy of the digital (ADC) values of channel {@code index} ({@link #channels()} order), records concatenated.
     *
     * @throws IllegalStateException if the channel's samples were not kept ({@link EdfReader#read(java.nio.file.Path,
     *     List)} named other signals)
     */
    public int[] digital(int index) {
        Objects.checkIndex(index, channels.size());
        return samplesOf(index).clone();
    }

    /** Whether the samples of channel {@code index} were kept (every channel's, unless the reader was given labels). */
    public boolean hasSamples(int index) {
        Objects.checkIndex(index, channels.size());
        return digital[index] != null;
    }

    private int[] samplesOf(int c) {
        if (digital[c] == null) {
            throw new IllegalStateException(source + ": the samples of signal '" + channels.get(c).label() + "' were not"
                    + " kept: the file was read for the signals " + kept() + " alone; read it with that label too,"
                    + " or whole (EdfReader.read(Path))");
        }
        return digital[c];
    }

    private List<String> kept() {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < channels.size(); c++) {
            if (digital[c] != null) {
                out.add(channels.get(c).label());
            }
        }
        return out;
    }

    /** Channel labels grouped by sample rate (Hz), lowest rate first. */
    public SortedMap<Double, List<String>> labelsByRate() {
        SortedMap<Double, List<String>> out = new TreeMap<>();
        for (EdfChannel c : channels) {
            out.computeIfAbsent(c.sampleRateHz(), r -> new ArrayList<>()).add(c.label());
        }
        out.replaceAll((r, l) -> List.copyOf(l));
        return out;
    }

    /** Channels grouped by sample rate (Hz), lowest rate first. */
    public SortedMap<Double, List<EdfChannel>> channelsByRate() {
        SortedMap<Double, List<EdfChannel>> out = new TreeMap<>();
        for (EdfChannel c : channels) {
            out.computeIfAbsent(c.sampleRateHz(), r -> new ArrayList<>()).add(c);
        }
        out.replaceAll((r, l) -> List.copyOf(l));
        return out;
    }

    /**
     * All channels as one {@link Signal}.
     *
     * @throws IllegalArgumentException if the file has no ordinary channel, or the channels do not
     *     share one sample rate (the message lists the rates with their labels)
     */
    public Signal toSignal() {
        if (channels.isEmpty()) {
            throw new IllegalArgumentException(source + ": the file has no ordinary signals (only annotations)");
        }
        int[] idx = new int[channels.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        return build(checkOneRate(idx));
    }

    /**
     * The named channels, in the order given, as one {@link Signal}.
     *
     * @param labels channel labels (matched ignoring case and surrounding blanks)
     * @throws IllegalArgumentException if a label is unknown or names several signals, the list is
     *     empty, or the channels do not share one sample rate
     */
    public Signal toSignal(List<String> labels) {
        Objects.requireNonNull(labels, "labels");
        if (labels.isEmpty()) {
            throw new IllegalArgumentException(source + ": no labels given; channels by rate (Hz): " + labelsByRate());
        }
        int[] idx = new int[labels.size()];
        for (int i = 0; i < labels.size(); i++) {
            String want = labels.get(i).trim();
            int found = -1;
            for (int c = 0; c < channels.size(); c++) {
                if (channels.get(c).label().equalsIgnoreCase(want)) {
                    if (found >= 0) {
                        throw new IllegalArgumentException(source + ": label '" + want
                                + "' names more than one signal; use toSignal() or digital(int)");
                    }
                    found = c;
                }
            }
            if (found < 0) {
                throw new IllegalArgumentException(source + ": no signal labelled '" + want
                        + "'; channels by rate (Hz): " + labelsByRate());
            }
            idx[i] = found;
        }
        return build(checkOneRate(idx));
    }

    private int[] checkOneRate(int[] idx) {
        double rate = channels.get(idx[0]).sampleRateHz();
        for (int i : idx) {
            if (channels.get(i).sampleRateHz() != rate) {
                StringBuilder sb = new StringBuilder(source).append(": signals have different sample rates: ");
                String sep = "";
                for (Map.Entry<Double, List<String>> e : labelsByRate().entrySet()) {
                    sb.append(sep).append(formatRate(e.getKey())).append(" Hz ").append(e.getValue());
                    sep = "; ";
                }
                sb.append(". A Signal has one rate: pick leads of one rate (on the command line with --lead LABEL;"
                        + " in Java with toSignal(List.of(\"label\", ...))), or resample them first");
                throw new IllegalArgumentException(sb.toString());
            }
        }
        return idx;
    }

    private static String formatRate(double r) {
        return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
    }

    /**
     * The number of samples channel {@code index} ({@link #channels()} order) has in a {@link Signal}
     * built from it: its recorded samples plus, in a discontinuous recording, the gap samples
     * between its records at its own rate.
     *
     * @throws IllegalArgumentException if, with its gaps, the channel is too long for one Signal
     */
    public int signalLength(int index) {
        Objects.checkIndex(index, channels.size());
        int[] starts = new int[recordOnsetsSeconds.length];
        return placeRecords(channels.get(index), starts);
    }

    /**
     * Start date and time of the first data record: the header's start time plus that record's
     * onset; empty when an EDF+ file says its start date is unknown.
     */
    public Optional<LocalDateTime> startTime() {
        int records = recordOnsetsSeconds.length;
        return header.startTime().map(t -> records == 0 || recordOnsetsSeconds[0] == 0 ? t
                : t.plusNanos(Math.round(recordOnsetsSeconds[0] * 1e9)));
    }

    /**
     * Fills {@code starts} with the first sample of each data record of channel {@code c} in a
     * Signal, and returns the Signal's length: records one after the other, or at their onsets
     * when the recording has gaps.
     */
    private int placeRecords(EdfChannel c, int[] starts) {
        double rate = c.sampleRateHz();
        int spr = c.samplesPerRecord();
        int records = recordOnsetsSeconds.length;
        if ((header.variant() == EdfHeader.Variant.EDF_PLUS_DISCONTINUOUS || gapCount > 0) && records > 0) {
            long end = 0;
            for (int k = 0; k < records; k++) {
                long pos = Math.round((recordOnsetsSeconds[k] - recordOnsetsSeconds[0]) * rate);
                pos = Math.max(pos, end); // rounding must never make records overlap
                if (pos > Integer.MAX_VALUE - 8L - spr) {
                    throw new IllegalArgumentException(source + ": with its gaps the discontinuous recording spans "
                            + (recordOnsetsSeconds[k] - recordOnsetsSeconds[0]) + " s, too long for one Signal at "
                            + rate + " Hz; read the channels with digital(int) instead");
                }
                starts[k] = (int) pos;
                end = pos + spr;
            }
            return (int) end;
        }
        for (int k = 0; k < records; k++) {
            starts[k] = k * spr;
        }
        return records * spr;
    }

    private Signal build(int[] idx) {
        EdfChannel first = channels.get(idx[0]);
        double rate = first.sampleRateHz();
        int spr = first.samplesPerRecord();
        int records = recordOnsetsSeconds.length;
        int[] starts = new int[records];
        long length = placeRecords(first, starts);
        List<Lead> leads = new ArrayList<>();
        int[][] rows = new int[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            int c = idx[i];
            leads.add(channels.get(c).toLead());
            if (length == (long) records * spr) {
                rows[i] = samplesOf(c);
            } else {
                int[] row = new int[(int) length];
                Arrays.fill(row, Integer.MIN_VALUE); // gap marker: no EDF sample can take this value
                for (int k = 0; k < records; k++) {
                    System.arraycopy(samplesOf(c), k * spr, row, starts[k], spr);
                }
                rows[i] = row;
            }
        }
        return Signal.ofDigital(signalName(), rate, leads, rows, Integer.MIN_VALUE, startTime().orElse(null));
    }

    private String signalName() {
        String name = source;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    @Override
    public String toString() {
        return "EdfRecording[" + source + ", " + header.variant() + ", " + channels.size() + " signals by rate "
                + labelsByRate() + ", " + recordOnsetsSeconds.length + " records, " + annotations.size()
                + " annotations]";
    }
}
