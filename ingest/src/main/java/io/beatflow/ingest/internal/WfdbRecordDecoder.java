package io.beatflow.ingest.internal;

import io.beatflow.ingest.Lead;
import io.beatflow.ingest.Signal;
import io.beatflow.ingest.SignalFormatException;
import io.beatflow.ingest.WfdbHeader;
import io.beatflow.ingest.WfdbHeader.Segment;
import io.beatflow.ingest.WfdbHeader.SignalLine;
import io.beatflow.ingest.WfdbReadOptions;
import io.beatflow.ingest.WfdbReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a WFDB header and its signal files into a {@link Signal}: checks each signal file's size,
 * reads it in chunks of {@link #CHUNK_BYTES} from the first frame needed to the last, decodes them
 * ({@link WfdbFormats}), separates the interleaved signals keeping those asked for, verifies
 * checksums and initial values, applies skew, and reduces or expands oversampled signals to the
 * requested resolution. Multi-segment records are read segment by segment and concatenated. Memory
 * is the samples returned plus one chunk, whatever the size of the files.
 */
public final class WfdbRecordDecoder {
    /** Bytes of a signal file read at a time. */
    static final int CHUNK_BYTES = 1 << 20;

    /** Digital value of an invalid sample in the returned signals. */
    public static final int INVALID = Integer.MIN_VALUE;

    private WfdbRecordDecoder() {
    }

    /** See {@link WfdbReader#read(Path, WfdbReadOptions)}. */
    public static Signal read(Path record, WfdbReadOptions options) throws IOException {
        return read(record, options, CHUNK_BYTES);
    }

    /**
     * As {@link #read(Path, WfdbReadOptions)}, reading signal files {@code chunkBytes} at a time
     * (raised to the few bytes two sample groups need; tests ask for a few bytes so that frames and
     * sample groups straddle chunks).
     */
    static Signal read(Path record, WfdbReadOptions options, int chunkBytes) throws IOException {
        Path hea = WfdbReader.headerPath(record).toAbsolutePath();
        WfdbHeader h = WfdbHeader.read(hea);
        Path dir = hea.getParent();
        if (h.record().isMultiSegment()) {
            return readMultiSegment(dir, h, options, chunkBytes);
        }
        List<SignalLine> sigs = h.signals();
        int[] sel = select(h.source(), descriptions(sigs), options.leads());
        long frames = h.record().samplesPerSignal();
        Decoded d = decode(dir, h, sel, options.verifyChecksums(), frames == 0 ? -1 : frames, options.fromFrame(),
                options.toFrame(), chunkBytes);
        int maxSpf = maxSpf(sigs);
        int outLen = outLength(h.source(), d.frames, options.highResolution() ? maxSpf : 1);
        int[][] out = new int[sel.length][];
        List<Lead> leads = new ArrayList<>();
        for (int i = 0; i < sel.length; i++) {
            SignalLine s = sigs.get(sel[i]);
            out[i] = resample(d.samples[i], s.samplesPerFrame(), (int) d.frames, options.highResolution(), maxSpf,
                    outLen);
            leads.add(s.lead());
        }
        double rate = rate(h, options.highResolution() ? maxSpf : 1);
        return Signal.adoptDigital(h.record().name(), rate, leads, out, INVALID, h.record().startTime().orElse(null));
    }

    /** See {@link io.beatflow.ingest.WfdbReader#verify(Path)}. */
    public static long verify(Path record) throws IOException {
        return verify(record, CHUNK_BYTES);
    }

    /**
     * Checks every signal's checksum and initial value (and the files' sizes and the segments'
     * headers) as a whole read does, a chunk of {@code chunkBytes} at a time, keeping no samples;
     * returns the record's frames.
     */
    static long verify(Path record, int chunkBytes) throws IOException {
        Path hea = WfdbReader.headerPath(record).toAbsolutePath();
        WfdbHeader h = WfdbHeader.read(hea);
        Path dir = hea.getParent();
        if (!h.record().isMultiSegment()) {
            long frames = h.record().samplesPerSignal();
            return decode(dir, h, null, true, frames == 0 ? -1 : frames, 0, WfdbReadOptions.END, chunkBytes).frames;
        }
        List<Segment> segs = h.segments();
        boolean variable = h.isVariableLayout();
        List<SignalLine> layout = layout(dir, h);
        int first = variable ? 1 : 0;
        long total = segmentsTotal(h, first);
        for (int k = first; k < segs.size(); k++) {
            Segment seg = segs.get(k);
            if (seg.isNull()) {
                continue;
            }
            WfdbHeader sh = segmentHeader(dir, h, seg);
            checkSegment(h, seg, sh, variable ? -1 : layout.size());
            decode(dir, sh, null, true, seg.samples(), 0, WfdbReadOptions.END, chunkBytes);
        }
        return total;
    }

    /**
     * The signals of a multi-segment record: a variable layout's layout header's (its first
     * segment), or a fixed layout's first non-null segment's; their number must be the record's.
     */
    private static List<SignalLine> layout(Path dir, WfdbHeader master) throws IOException {
        List<SignalLine> layout = null;
        if (master.isVariableLayout()) {
            layout = WfdbHeader.read(dir.resolve(master.segments().get(0).name() + ".hea")).signals();
        } else {
            for (Segment s : master.segments()) {
                if (!s.isNull()) {
                    layout = segmentHeader(dir, master, s).signals();
                    break;
                }
            }
            if (layout == null) {
                throw new SignalFormatException(master.source(), "", "every segment is a null segment; no signals"
                        + " are described");
            }
        }
        if (layout.size() != master.record().signalCount()) {
            throw new SignalFormatException(master.source(), "line 1", "record line names "
                    + master.record().signalCount() + " signals but the layout describes " + layout.size());
        }
        return layout;
    }

    /** The segments' frames from segment {@code first} on, which the record line must give (or leave 0). */
    private static long segmentsTotal(WfdbHeader master, int first) throws SignalFormatException {
        long total = 0;
        for (int k = first; k < master.segments().size(); k++) {
            total += master.segments().get(k).samples();
        }
        if (master.record().samplesPerSignal() != 0 && master.record().samplesPerSignal() != total) {
            throw new SignalFormatException(master.source(), "line 1", "record line gives "
                    + master.record().samplesPerSignal() + " samples but the segments add up to " + total);
        }
        return total;
    }

    private static Signal readMultiSegment(Path dir, WfdbHeader master, WfdbReadOptions options, int chunkBytes)
            throws IOException {
        List<Segment> segs = master.segments();
        boolean variable = master.isVariableLayout();
        List<SignalLine> layout = layout(dir, master);
        int first = variable ? 1 : 0;
        int[] sel = select(master.source(), descriptions(layout), options.leads());
        int maxSpf = maxSpf(layout);
        int res = options.highResolution() ? maxSpf : 1;
        long total = segmentsTotal(master, first);
        long fromFrame = options.fromFrame();
        long toFrame = options.toFrame() == WfdbReadOptions.END ? total : options.toFrame();
        checkRange(master, fromFrame, toFrame, total);
        boolean whole = fromFrame == 0 && toFrame == total;
        int outLen = outLength(master.source(), toFrame - fromFrame, res);
        checkMemory(master.source(), (long) outLen * sel.length);
        int[][] out = new int[sel.length][outLen];
        int pos = 0;
        long segStart = 0;
        for (int k = first; k < segs.size(); k++) {
            Segment seg = segs.get(k);
            // the segment's frames in the range, counted from the segment's start
            long a = Math.max(fromFrame, segStart) - segStart;
            long b = Math.min(toFrame, segStart + seg.samples()) - segStart;
            segStart += seg.samples();
            if (!whole && a >= b) {
                continue;
            }
            int n = (int) (b - a) * res;
            if (seg.isNull()) {
                for (int[] o : out) {
                    Arrays.fill(o, pos, pos + n, INVALID);
                }
                pos += n;
                continue;
            }
            WfdbHeader sh = segmentHeader(dir, master, seg);
            checkSegment(master, seg, sh, variable ? -1 : layout.size());
            List<SignalLine> ss = sh.signals();
            // map each selected output signal to the segment's signal (by position or by name)
            int[] map = new int[sel.length];
            List<Integer> wanted = new ArrayList<>();
            for (int i = 0; i < sel.length; i++) {
                map[i] = variable ? indexOf(ss, layout.get(sel[i]).description()) : sel[i];
                if (map[i] >= 0) {
                    wanted.add(map[i]);
                }
            }
            int[] wantedArr = wanted.stream().mapToInt(Integer::intValue).toArray();
            Decoded d = decode(dir, sh, wantedArr, options.verifyChecksums(), seg.samples(), a, b, chunkBytes);
            for (int i = 0; i < sel.length; i++) {
                if (map[i] < 0) {
                    Arrays.fill(out[i], pos, pos + n, INVALID);
                    continue;
                }
                int di = wanted.indexOf(map[i]);
                SignalLine s = ss.get(map[i]);
                int[] v = resample(d.samples[di], s.samplesPerFrame(), (int) d.frames, options.highResolution(),
                        maxSpf, n);
                SignalLine target = layout.get(sel[i]);
                // a segment of another gain or baseline is put in the layout's units: in a variable layout the
                // layout header's, in a fixed one the first segment's (whose lead the record's samples carry)
                if (s.effectiveGain() != target.effectiveGain() || s.baseline() != target.baseline()) {
                    v = v.clone(); // the decoded array may back another selected lead
                    double scale = target.effectiveGain() / s.effectiveGain();
                    for (int j = 0; j < v.length; j++) {
                        if (v[j] != INVALID) {
                            v[j] = (int) Math.round((v[j] - (double) s.baseline()) * scale + target.baseline());
                        }
                    }
                }
                System.arraycopy(v, 0, out[i], pos, n);
            }
            pos += n;
        }
        List<Lead> leads = new ArrayList<>();
        for (int i : sel) {
            leads.add(layout.get(i).lead());
        }
        double rate = rate(master, res);
        return Signal.adoptDigital(master.record().name(), rate, leads, out, INVALID,
                master.record().startTime().orElse(null));
    }

    /**
     * A segment's header must give the samples the master header lists for it, at the record's rate,
     * and, in a fixed layout ({@code signals} at least 0), the record's number of signals.
     */
    private static void checkSegment(WfdbHeader master, Segment seg, WfdbHeader sh, int signals)
            throws SignalFormatException {
        if (sh.record().samplesPerSignal() != seg.samples()) {
            throw new SignalFormatException(sh.source(), "line 1", "segment has "
                    + sh.record().samplesPerSignal() + " samples but " + master.source() + " lists "
                    + seg.samples());
        }
        if (sh.record().frequencyHz() != master.record().frequencyHz()) {
            throw new SignalFormatException(sh.source(), "line 1", "sampling frequency "
                    + sh.record().frequencyHz() + " differs from the record's " + master.record().frequencyHz());
        }
        if (signals >= 0 && sh.signals().size() != signals) {
            throw new SignalFormatException(sh.source(), "line 1", "fixed-layout segment has " + sh.signals().size()
                    + " signals but the record has " + signals);
        }
    }

    /** A range of frames outside the record is the caller's error: the message names the record's frames. */
    private static void checkRange(WfdbHeader h, long fromFrame, long toFrame, long frames) {
        if (fromFrame > frames || toFrame > frames) {
            throw new IllegalArgumentException(h.source() + ": frames " + fromFrame + " to " + toFrame
                    + " are outside the record, which has frames 0 to " + frames + " (end exclusive)");
        }
    }

    private static double rate(WfdbHeader h, int samplesPerFrame) throws SignalFormatException {
        double rate = h.record().frequencyHz() * samplesPerFrame;
        if (!Double.isFinite(rate)) {
            throw new SignalFormatException(h.source(), "line 1", "sampling frequency " + h.record().frequencyHz()
                    + " x " + samplesPerFrame + " samples per frame is not a finite rate");
        }
        return rate;
    }

    private static WfdbHeader segmentHeader(Path dir, WfdbHeader master, Segment s) throws IOException {
        WfdbHeader sh = WfdbHeader.read(dir.resolve(s.name() + ".hea"));
        if (sh.record().isMultiSegment()) {
            throw new SignalFormatException(sh.source(), "line 1", "a segment of " + master.source()
                    + " must not itself be a multi-segment record");
        }
        return sh;
    }

    private static int indexOf(List<SignalLine> sigs, String description) {
        for (int i = 0; i < sigs.size(); i++) {
            if (sigs.get(i).description().equalsIgnoreCase(description)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> descriptions(List<SignalLine> sigs) {
        return sigs.stream().map(SignalLine::description).toList();
    }

    private static int[] select(String source, List<String> names, List<String> wanted) {
        if (wanted.isEmpty()) {
            int[] all = new int[names.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] sel = new int[wanted.size()];
        for (int k = 0; k < sel.length; k++) {
            sel[k] = -1;
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).equalsIgnoreCase(wanted.get(k))) {
                    sel[k] = i;
                    break;
                }
            }
            if (sel[k] < 0) {
                throw new IllegalArgumentException(source + ": no lead named '" + wanted.get(k) + "'; leads are "
                        + names);
            }
        }
        return sel;
    }

    private static int maxSpf(List<SignalLine> sigs) {
        int m = 1;
        for (SignalLine s : sigs) {
            m = Math.max(m, s.samplesPerFrame());
        }
        return m;
    }

    private static int outLength(String source, long frames, int res) throws SignalFormatException {
        long n = frames * res;
        if (frames > Integer.MAX_VALUE || n > Integer.MAX_VALUE - 16) {
            throw new SignalFormatException(source, "line 1", frames + " frames x " + res
                    + " samples is more than one array can hold");
        }
        return (int) n;
    }

    /**
     * Refuses sample counts that cannot fit in memory (a corrupt count in a header must not end in
     * an OutOfMemoryError): each output sample needs about 12 bytes (decoded int, the signal's int
     * copy and its float).
     */
    private static void checkMemory(String source, long samples) throws SignalFormatException {
        long need = samples * 12;
        long max = Runtime.getRuntime().maxMemory();
        if (samples < 0 || need > max) {
            throw new SignalFormatException(source, "line 1", "the header's sample count implies " + samples
                    + " samples (about " + need / (1 << 20) + " MiB), more than this JVM's "
                    + max / (1 << 20) + " MiB");
        }
    }

    /** Samples of the selected signals at their stored rate (the frames read x spf each), skew applied. */
    private record Decoded(long frames, int[][] samples) {
    }

    /**
     * Decodes the selected signals of a single-segment header, frames {@code [fromFrame, toFrame)}.
     *
     * @param sel the signals to decode, or null to decode none and check every signal's checksum and
     *     initial value (then the range must be the whole record)
     * @param frames the expected number of frames, or -1 to derive it from the first signal file's size
     * @param toFrame the end of the range, exclusive, or {@link WfdbReadOptions#END}
     */
    static Decoded decode(Path dir, WfdbHeader h, int[] sel, boolean verify, long frames, long fromFrame,
            long toFrame, int chunkBytes) throws IOException {
        boolean checkOnly = sel == null;
        if (checkOnly) {
            sel = new int[0];
        }
        List<SignalLine> sigs = h.signals();
        int n = sigs.size();
        // groups of consecutive signals stored in the same file
        int[] groupStart = new int[n + 1];
        int groups = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || !sigs.get(i).fileName().equals(sigs.get(i - 1).fileName())) {
                groupStart[groups++] = i;
            }
        }
        groupStart[groups] = n;
        for (int g = 0; g < groups; g++) {
            SignalLine s0 = sigs.get(groupStart[g]);
            for (int i = groupStart[g] + 1; i < groupStart[g + 1]; i++) {
                if (sigs.get(i).format() != s0.format()) {
                    throw new SignalFormatException(h.source(), "signal " + i, "format " + sigs.get(i).format()
                            + " differs from format " + s0.format() + " of signal " + groupStart[g]
                            + " in the same file " + s0.fileName());
                }
            }
        }
        boolean countedFromFile = frames < 0;
        if (frames < 0) {
            frames = 0;
            for (int g = 0; g < groups; g++) {
                SignalLine s0 = sigs.get(groupStart[g]);
                if (s0.format() != 0) {
                    Path file = dir.resolve(s0.fileName());
                    long size = fileSize(file, h);
                    frames = WfdbFormats.samplesIn(s0.format(), Math.max(0, size - s0.byteOffset()))
                            / frameLength(sigs, groupStart[g], groupStart[g + 1]);
                    break;
                }
            }
        }
        if (toFrame == WfdbReadOptions.END) {
            toFrame = frames;
        }
        checkRange(h, fromFrame, toFrame, frames);
        // checksums and initial values cover every frame: only a read of all of them can check them
        boolean whole = fromFrame == 0 && toFrame == frames;
        long outFrames = toFrame - fromFrame;
        int[][] out = new int[sel.length][];
        for (int g = 0; g < groups; g++) {
            int from = groupStart[g];
            int to = groupStart[g + 1];
            boolean needed = checkOnly && sigs.get(from).format() != 0; // a null signal has nothing to check
            for (int i : sel) {
                needed |= i >= from && i < to;
            }
            if (!needed) {
                continue;
            }
            SignalLine s0 = sigs.get(from);
            int frameLen = frameLength(sigs, from, to);
            // the frames held: the range widened by the skews of the signals asked for (every frame when whole)
            long lo = 0;
            long hi = frames;
            if (!whole) {
                int minSkew = Integer.MAX_VALUE;
                int maxSkew = 0;
                for (int i : sel) {
                    if (i >= from && i < to) {
                        minSkew = Math.min(minSkew, sigs.get(i).skew());
                        maxSkew = Math.max(maxSkew, sigs.get(i).skew());
                    }
                }
                lo = Math.min(frames, fromFrame + minSkew);
                hi = Math.min(frames, toFrame + maxSkew);
            }
            int[][] stored = new int[to - from][];
            int[][] unselected = null;
            if (s0.format() == 0) {
                long total = outFrames * frameLen;
                if (total > Integer.MAX_VALUE - 16) {
                    throw new SignalFormatException(h.source(), "", outFrames + " frames of " + frameLen
                            + " samples is more than one array can hold");
                }
                checkMemory(h.source(), total);
                for (int i = from; i < to; i++) {
                    stored[i - from] = new int[(int) (outFrames * sigs.get(i).samplesPerFrame())];
                    Arrays.fill(stored[i - from], INVALID);
                }
            } else {
                for (int i : sel) {
                    long held = Math.max(hi - lo, outFrames);
                    if (i >= from && i < to && held * sigs.get(i).samplesPerFrame() > Integer.MAX_VALUE - 16) {
                        throw new SignalFormatException(h.source(), "", held + " frames of "
                                + sigs.get(i).samplesPerFrame() + " samples is more than one array can hold");
                    }
                }
                Path file = dir.resolve(s0.fileName());
                long size = signalFileSize(file, h);
                long offset = s0.byteOffset();
                long need = WfdbFormats.bytesFor(s0.format(), frames * frameLen);
                long min = WfdbFormats.minBytesFor(s0.format(), frames * frameLen);
                long actual = size - offset;
                if (actual > need && s0.blockSize() == 0 && countedFromFile) {
                    // the header gives no length, so the frames were counted from the file: bytes left over are a
                    // frame cut short, not a file too long
                    throw new SignalFormatException(file, "", "ends with an incomplete frame: " + (actual - need)
                            + " bytes after its " + frames + " whole frames of " + frameLen + " samples in format "
                            + s0.format() + "; the file was cut short, or the header's signals do not describe it");
                }
                if (actual < min || (actual > need && s0.blockSize() == 0)) {
                    throw new SignalFormatException(file, "", (actual < min ? "file too short" : "file too long")
                            + ": expected " + (offset + need) + " bytes (" + frames + " frames x " + frameLen
                            + " samples in format " + s0.format() + (offset > 0 ? " after a " + offset
                            + "-byte prolog" : "") + ") but it has " + size + " bytes");
                }
                try (FileChannel channel = openSignalFile(file, h)) {
                    ChunkReader reader = new ChunkReader(channel, file, s0.format(), offset, size, chunkBytes);
                    unselected = decodeInChunks(reader, sigs, from, to, sel, lo, hi, verify && whole, stored);
                }
            }
            for (int i = from; i < to; i++) {
                SignalLine s = sigs.get(i);
                int[] v = stored[i - from];
                if (s.format() == 0) {
                    continue;
                }
                if (v == null) {
                    // a signal not asked for: decoded only for its checksum and first value
                    if (unselected[i - from] != null) {
                        verify(dir.resolve(s.fileName()), h, i, s, (int) (frames * s.samplesPerFrame()),
                                unselected[i - from][1], (short) unselected[i - from][0]);
                    }
                    checkSkew(h, i, s, frames); // the header is checked whole, whichever leads are read
                    continue;
                }
                // one pass: the checksum over the stored values, and invalid markers replaced
                long inv = WfdbFormats.invalidValue(s.format());
                int iv = inv == WfdbFormats.NO_INVALID ? INVALID : (int) inv;
                int sum = 0;
                int first = v.length > 0 ? v[0] : 0;
                for (int j = 0; j < v.length; j++) {
                    int x = v[j];
                    sum += x;
                    if (x == iv) {
                        v[j] = INVALID;
                    }
                }
                if (verify && whole) {
                    verify(dir.resolve(s.fileName()), h, i, s, v.length, first, (short) sum);
                }
                checkSkew(h, i, s, frames);
                stored[i - from] = align(v, s.samplesPerFrame(), s.skew(), fromFrame, toFrame, frames, lo);
            }
            for (int k = 0; k < sel.length; k++) {
                if (sel[k] >= from && sel[k] < to) {
                    out[k] = stored[sel[k] - from];
                }
            }
        }
        return new Decoded(outFrames, out);
    }

    /**
     * Brings a signal's held frames (from frame {@code lo} on) to the output frames
     * {@code [fromFrame, toFrame)}: output frame f is the stored frame f + skew, and frames past the
     * record's end are invalid. Reuses {@code v} when it has the output's length.
     */
    private static int[] align(int[] v, int spf, int skew, long fromFrame, long toFrame, long frames, long lo) {
        long first = fromFrame + skew;
        int count = (int) (Math.max(0, Math.min(frames, toFrame + skew) - first) * spf);
        int len = (int) ((toFrame - fromFrame) * spf);
        if (count > 0 && first > lo) {
            System.arraycopy(v, (int) ((first - lo) * spf), v, 0, count);
        }
        int[] out = v.length == len ? v : Arrays.copyOf(v, len);
        Arrays.fill(out, count, len, INVALID);
        return out;
    }

    private static void verify(Path file, WfdbHeader h, int index, SignalLine s, int length, int first, short sum)
            throws SignalFormatException {
        String place = "signal " + index + " (" + s.description() + ")";
        if (length > 0 && s.format() != 8 && s.hasInitialValue() && first != s.initialValue()) {
            throw new SignalFormatException(file, place, "initial value mismatch: " + h.source() + " says "
                    + s.initialValue() + " but the first sample is " + first);
        }
        if (s.hasChecksum() && sum != (short) s.checksum()) {
            throw new SignalFormatException(file, place, "checksum mismatch: " + h.source() + " says "
                    + s.checksum() + " but the samples sum to " + sum + " (16-bit)");
        }
    }

    private static int frameLength(List<SignalLine> sigs, int from, int to) {
        int len = 0;
        for (int i = from; i < to; i++) {
            len += sigs.get(i).samplesPerFrame();
        }
        return len;
    }

    /**
     * Decodes frames {@code [lo, hi)} of a file's signals {@code [from, to)} a chunk at a time: the
     * signals in {@code sel} into {@code stored} (stored values, as the file holds them, format 8's
     * differences summed from the header's initial value), and, when {@code checksums} (then
     * {@code lo} is 0 and {@code hi} the record's end), the others only as their checksum (the
     * 16-bit sum of their values) and first value, returned per signal as {@code {sum, first}} (null
     * rows for those stored and when not {@code checksums}). A many-signal file read for one signal
     * so needs memory for that signal alone, not for all. Reading starts at the sample group that
     * holds frame {@code lo}, or, in format 8, whose values are sums of all differences before them,
     * at the file's first frame.
     */
    private static int[][] decodeInChunks(ChunkReader reader, List<SignalLine> sigs, int from, int to, int[] sel,
            long lo, long hi, boolean checksums, int[][] stored) throws IOException {
        int format = sigs.get(from).format();
        int frameLen = frameLength(sigs, from, to);
        int[] at = new int[to - from]; // each signal's first sample within a frame
        int[] spf = new int[to - from];
        boolean[] wanted = new boolean[to - from];
        int[][] checks = new int[to - from][];
        int[] acc = new int[to - from];
        for (int i = from, pos = 0; i < to; i++) {
            at[i - from] = pos;
            spf[i - from] = sigs.get(i).samplesPerFrame();
            acc[i - from] = sigs.get(i).initialValue();
            pos += spf[i - from];
        }
        for (int k : sel) {
            if (k >= from && k < to) {
                wanted[k - from] = true;
            }
        }
        boolean anyChecked = false;
        for (int c = 0; c < to - from; c++) {
            if (wanted[c]) {
                stored[c] = new int[(int) ((hi - lo) * spf[c])];
            } else if (checksums) {
                checks[c] = new int[2];
                anyChecked = true;
            }
        }
        // sums per position in the frame, in file order (an int sum wraps the same in any order): a signal's
        // checksum is the sum of its positions' sums
        int[] sums = anyChecked ? new int[frameLen] : null;
        int group = WfdbFormats.samplesPerGroup(format);
        long start = format == 8 ? 0 : lo - lo % group; // a multiple of the group: its samples start a group
        reader.seek(start * frameLen, hi * frameLen);
        int[] flat = new int[reader.maxSamples() + frameLen];
        int held = 0; // samples decoded and not yet taken apart; flat[0] is the first sample of frame f
        for (long f = start; f < hi; ) {
            held += reader.next(flat, held);
            int frames = held / frameLen;
            if (format == 8) {
                for (int c = 0; c < to - from; c++) {
                    int a = acc[c];
                    for (int k = 0, p = at[c]; k < frames; k++, p += frameLen) {
                        for (int j = 0; j < spf[c]; j++) {
                            a += flat[p + j];
                            flat[p + j] = a;
                        }
                    }
                    acc[c] = a;
                }
            }
            for (int c = 0; c < to - from; c++) {
                int s = spf[c];
                if (wanted[c]) {
                    long f0 = Math.max(f, lo);
                    int n = (int) (Math.min(f + frames, hi) - f0);
                    int[] v = stored[c];
                    int p = at[c] + (int) (f0 - f) * frameLen;
                    int q = (int) ((f0 - lo) * s);
                    if (s == 1) {
                        for (int k = 0; k < n; k++, p += frameLen) {
                            v[q++] = flat[p];
                        }
                    } else {
                        for (int k = 0; k < n; k++, p += frameLen, q += s) {
                            System.arraycopy(flat, p, v, q, s);
                        }
                    }
                } else if (checks[c] != null && f == 0 && frames > 0) {
                    checks[c][1] = flat[at[c]];
                }
            }
            if (sums != null) {
                for (int k = 0, p = 0; k < frames; k++) {
                    for (int j = 0; j < frameLen; j++, p++) {
                        sums[j] += flat[p];
                    }
                }
            }
            int used = frames * frameLen;
            System.arraycopy(flat, used, flat, 0, held - used);
            held -= used;
            f += frames;
        }
        for (int c = 0; c < to - from; c++) {
            for (int j = 0; checks[c] != null && j < spf[c]; j++) {
                checks[c][0] += sums[at[c] + j];
            }
        }
        return checks;
    }

    /**
     * A signal file's sample stream read a chunk at a time: {@link #next} decodes the whole sample
     * groups the chunk holds (at the span's end, what is left) and keeps the bytes of a group the
     * chunk cut for the next call.
     */
    private static final class ChunkReader {
        private final FileChannel channel;
        private final Path file;
        private final int format;
        private final long offset;
        private final long size;
        private final int chunkBytes;
        private final int groupBytes;
        private byte[] buf;
        private int held;
        private long pos;
        private long end;
        private long samplesLeft;

        ChunkReader(FileChannel channel, Path file, int format, long offset, long size, int chunkBytes) {
            this.channel = channel;
            this.file = file;
            this.format = format;
            this.offset = offset;
            this.size = size;
            this.groupBytes = WfdbFormats.bytesPerGroup(format);
            this.chunkBytes = chunkBytes;
        }

        /** Reads samples {@code [first, end)} of the stream next; {@code first} starts a sample group. */
        void seek(long first, long endSample) {
            pos = offset + WfdbFormats.bytesFor(format, first);
            // a short last group (format 311) has fewer bytes than bytesFor counts; the size was checked against
            // minBytesFor
            end = Math.min(size, offset + WfdbFormats.bytesFor(format, endSample));
            samplesLeft = endSample - first;
            held = 0;
            // the bytes of a group the last chunk cut and one whole group fit: every call decodes a group or more
            buf = new byte[(int) Math.max(2 * groupBytes - 1, Math.min(chunkBytes, end - pos))];
        }

        /** The most samples one call of {@link #next} decodes. */
        int maxSamples() {
            return (buf.length / groupBytes + 1) * WfdbFormats.samplesPerGroup(format);
        }

        /** Reads the next chunk and decodes its samples into {@code out} from {@code outOff}; returns their count. */
        int next(int[] out, int outOff) throws IOException {
            int want = (int) Math.min(buf.length - held, end - pos);
            ByteBuffer bb = ByteBuffer.wrap(buf, held, want);
            while (bb.hasRemaining()) {
                int r = channel.read(bb, pos + bb.position() - held);
                if (r < 0) {
                    throw new SignalFormatException(file, "byte " + (pos + bb.position() - held), "the file ends"
                            + " here, though it had " + size + " bytes when its size was checked: was it cut short"
                            + " while being read?");
                }
            }
            held += want;
            pos += want;
            int n;
            int used;
            if (pos == end) {
                n = (int) samplesLeft;
                used = held;
            } else {
                used = held / groupBytes * groupBytes;
                n = (int) Math.min(samplesLeft, (long) (held / groupBytes) * WfdbFormats.samplesPerGroup(format));
            }
            WfdbFormats.decode(format, buf, 0, n, out, outOff);
            System.arraycopy(buf, used, buf, 0, held - used);
            held -= used;
            samplesLeft -= n;
            return n;
        }
    }

    /** Brings a signal stored at {@code spf} samples per frame to the output resolution. */
    private static int[] resample(int[] v, int spf, int frames, boolean high, int maxSpf, int outLen) {
        if (!high) {
            if (spf == 1) {
                return v;
            }
            int[] out = new int[frames];
            for (int f = 0; f < frames; f++) {
                long sum = 0;
                boolean invalid = false;
                for (int j = 0; j < spf; j++) {
                    int x = v[f * spf + j];
                    invalid |= x == INVALID;
                    sum += x;
                }
                // WFDB getvec (low resolution): the mean of the frame's samples, truncated like C division
                out[f] = invalid ? INVALID : (int) (sum / spf);
            }
            return out;
        }
        if (spf == maxSpf) {
            return v;
        }
        int[] out = new int[outLen];
        for (int f = 0; f < frames; f++) {
            for (int k = 0; k < maxSpf; k++) {
                out[f * maxSpf + k] = v[f * spf + k * spf / maxSpf];
            }
        }
        return out;
    }

    private static long fileSize(Path file, WfdbHeader h) throws IOException {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            throw new SignalFormatException(file, "", "signal file not found (named by " + h.source() + ")", e);
        }
    }

    /** The size of a signal file, which must be a file. */
    private static long signalFileSize(Path file, WfdbHeader h) throws IOException {
        if (Files.isDirectory(file)) {
            throw new SignalFormatException(file, "", "a directory, not a signal file (named by " + h.source() + ")");
        }
        return fileSize(file, h);
    }

    private static FileChannel openSignalFile(Path file, WfdbHeader h) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new SignalFormatException(file, "", "signal file not found (named by " + h.source() + ")", e);
        }
    }

    /** A skew of at least the record's length leaves no sample of the signal: refused, naming the signal. */
    private static void checkSkew(WfdbHeader h, int i, SignalLine s, long frames) throws SignalFormatException {
        if (s.skew() > 0 && frames > 0 && s.skew() >= frames) {
            throw new SignalFormatException(h.source(), "signal " + i + " (" + s.description() + ")",
                    "skew " + s.skew() + " frames is not shorter than the record's " + frames
                            + " frames, so no sample of the signal would be left; the skew field (after"
                            + " ':' in the format) is in frames");
        }
    }
}
