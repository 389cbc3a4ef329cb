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
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a WFDB header and its signal files into a {@link Signal}: reads each signal file in one
 * bulk read, checks its size, decodes it ({@link WfdbFormats}), separates the interleaved signals,
 * verifies checksums and initial values, applies skew, and reduces or expands oversampled signals
 * to the requested resolution. Multi-segment records are read segment by segment and concatenated.
 */
public final class WfdbRecordDecoder {
    /** The largest signal file read: one Java array's worth of bytes. */
    static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 16;

    /** Digital value of an invalid sample in the returned signals. */
    public static final int INVALID = Integer.MIN_VALUE;

    private WfdbRecordDecoder() {
    }

    /** See {@link WfdbReader#read(Path, WfdbReadOptions)}. */
    public static Signal read(Path record, WfdbReadOptions options) throws IOException {
        Path hea = WfdbReader.headerPath(record).toAbsolutePath();
        WfdbHeader h = WfdbHeader.read(hea);
        Path dir = hea.getParent();
        if (h.record().isMultiSegment()) {
            return readMultiSegment(dir, h, options);
        }
        List<SignalLine> sigs = h.signals();
        int[] sel = select(h.source(), descriptions(sigs), options.leads());
        long frames = h.record().samplesPerSignal();
        Decoded d = decode(dir, h, sel, options.verifyChecksums(), frames == 0 ? -1 : frames);
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

    private static Signal readMultiSegment(Path dir, WfdbHeader master, WfdbReadOptions options) throws IOException {
        List<Segment> segs = master.segments();
        boolean variable = master.isVariableLayout();
        List<SignalLine> layout = null;
        int first = 0;
        if (variable) {
            WfdbHeader lh = WfdbHeader.read(dir.resolve(segs.get(0).name() + ".hea"));
            layout = lh.signals();
            first = 1;
        } else {
            for (Segment s : segs) {
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
        int[] sel = select(master.source(), descriptions(layout), options.leads());
        int maxSpf = maxSpf(layout);
        int res = options.highResolution() ? maxSpf : 1;
        long total = 0;
        for (int k = first; k < segs.size(); k++) {
            total += segs.get(k).samples();
        }
        if (master.record().samplesPerSignal() != 0 && master.record().samplesPerSignal() != total) {
            throw new SignalFormatException(master.source(), "line 1", "record line gives "
                    + master.record().samplesPerSignal() + " samples but the segments add up to " + total);
        }
        int outLen = outLength(master.source(), total, res);
        checkMemory(master.source(), (long) outLen * sel.length);
        int[][] out = new int[sel.length][outLen];
        int pos = 0;
        for (int k = first; k < segs.size(); k++) {
            Segment seg = segs.get(k);
            int n = (int) seg.samples() * res;
            if (seg.isNull()) {
                for (int[] o : out) {
                    Arrays.fill(o, pos, pos + n, INVALID);
                }
                pos += n;
                continue;
            }
            WfdbHeader sh = segmentHeader(dir, master, seg);
            if (sh.record().samplesPerSignal() != seg.samples()) {
                throw new SignalFormatException(sh.source(), "line 1", "segment has "
                        + sh.record().samplesPerSignal() + " samples but " + master.source() + " lists "
                        + seg.samples());
            }
            if (sh.record().frequencyHz() != master.record().frequencyHz()) {
                throw new SignalFormatException(sh.source(), "line 1", "sampling frequency "
                        + sh.record().frequencyHz() + " differs from the record's " + master.record().frequencyHz());
            }
            List<SignalLine> ss = sh.signals();
            if (!variable && ss.size() != layout.size()) {
                throw new SignalFormatException(sh.source(), "line 1", "fixed-layout segment has " + ss.size()
                        + " signals but the record has " + layout.size());
            }
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
            Decoded d = decode(dir, sh, wantedArr, options.verifyChecksums(), seg.samples());
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

    /** Samples of the selected signals at their stored rate (frames x spf each), skew applied. */
    private record Decoded(long frames, int[][] samples) {
    }

    /**
     * Decodes the selected signals of a single-segment header.
     *
     * @param frames the expected number of frames, or -1 to derive it from the first signal file's size
     */
    static Decoded decode(Path dir, WfdbHeader h, int[] sel, boolean verify, long frames) throws IOException {
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
        int[][] out = new int[sel.length][];
        for (int g = 0; g < groups; g++) {
            int from = groupStart[g];
            int to = groupStart[g + 1];
            boolean needed = false;
            for (int i : sel) {
                needed |= i >= from && i < to;
            }
            if (!needed) {
                continue;
            }
            SignalLine s0 = sigs.get(from);
            int frameLen = frameLength(sigs, from, to);
            long total = frames * frameLen;
            if (total > Integer.MAX_VALUE - 16) {
                throw new SignalFormatException(h.source(), "", frames + " frames of " + frameLen
                        + " samples is more than one array can hold");
            }
            int[][] stored = new int[to - from][];
            int[][] unselected = null;
            if (s0.format() == 0) {
                checkMemory(h.source(), total);
                for (int i = from; i < to; i++) {
                    stored[i - from] = new int[(int) (frames * sigs.get(i).samplesPerFrame())];
                    Arrays.fill(stored[i - from], INVALID);
                }
            } else {
                Path file = dir.resolve(s0.fileName());
                byte[] buf = readFile(file, h);
                long offset = s0.byteOffset();
                long need = WfdbFormats.bytesFor(s0.format(), total);
                long min = WfdbFormats.minBytesFor(s0.format(), total);
                long actual = buf.length - offset;
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
                            + "-byte prolog" : "") + ") but it has " + buf.length + " bytes");
                }
                if (s0.format() == 212 && frameLen == 2 && to - from == 2) {
                    // the MIT-BIH layout: one byte triple per frame of two signals
                    stored[0] = new int[(int) frames];
                    stored[1] = new int[(int) frames];
                    WfdbFormats.decode212Pairs(buf, (int) offset, (int) frames, stored[0], stored[1]);
                } else {
                    unselected = decodeInPieces(s0.format(), buf, (int) offset, (int) frames, sigs, from, to, sel,
                            stored);
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
                    if (verify) {
                        verify(dir.resolve(s.fileName()), h, i, s, (int) (frames * s.samplesPerFrame()),
                                unselected[i - from][1], (short) unselected[i - from][0]);
                    }
                    continue;
                }
                if (s.format() == 8) {
                    int acc = s.initialValue();
                    for (int j = 0; j < v.length; j++) {
                        acc += v[j];
                        v[j] = acc;
                    }
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
                if (verify) {
                    verify(dir.resolve(s.fileName()), h, i, s, v.length, first, (short) sum);
                }
                if (s.skew() > 0) {
                    if (v.length > 0 && (long) s.skew() * s.samplesPerFrame() >= v.length) {
                        throw new SignalFormatException(h.source(), "signal " + i + " (" + s.description() + ")",
                                "skew " + s.skew() + " frames is not shorter than the record's " + frames
                                        + " frames, so no sample of the signal would be left; the skew field (after"
                                        + " ':' in the format) is in frames");
                    }
                    int shift = (int) Math.min((long) s.skew() * s.samplesPerFrame(), v.length);
                    System.arraycopy(v, shift, v, 0, v.length - shift);
                    Arrays.fill(v, v.length - shift, v.length, INVALID);
                }
            }
            for (int k = 0; k < sel.length; k++) {
                if (sel[k] >= from && sel[k] < to) {
                    out[k] = stored[sel[k] - from];
                }
            }
        }
        return new Decoded(frames, out);
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

    /** Frames decoded at a time by {@link #decodeInPieces}: a multiple of 6, so packed formats' groups stay whole. */
    static final int PIECE_FRAMES = 6 * 8192;

    /**
     * Decodes a file's signals {@code [from, to)} in pieces of {@link #PIECE_FRAMES} frames: the
     * signals in {@code sel} into {@code stored} (stored values, as the file holds them), the others
     * only as their checksum (the 16-bit sum of their values, format 8's differences summed first)
     * and first value, returned per signal as {@code {sum, first}} (null rows for those stored). A
     * many-signal file read for one signal so needs memory for that signal alone, not for all.
     */
    private static int[][] decodeInPieces(int format, byte[] buf, int offset, int frames, List<SignalLine> sigs,
            int from, int to, int[] sel, int[][] stored) {
        int frameLen = frameLength(sigs, from, to);
        int[] at = new int[to - from]; // each signal's first sample within a frame
        boolean[] wanted = new boolean[to - from];
        int[][] checks = new int[to - from][];
        int[] acc = new int[to - from];
        for (int i = from, pos = 0; i < to; i++) {
            at[i - from] = pos;
            pos += sigs.get(i).samplesPerFrame();
        }
        for (int k : sel) {
            if (k >= from && k < to) {
                wanted[k - from] = true;
            }
        }
        for (int i = from; i < to; i++) {
            if (wanted[i - from]) {
                stored[i - from] = new int[frames * sigs.get(i).samplesPerFrame()];
            } else {
                checks[i - from] = new int[2];
                acc[i - from] = sigs.get(i).initialValue();
            }
        }
        int[] flat = new int[Math.min(frames, PIECE_FRAMES) * frameLen];
        for (int f0 = 0; f0 < frames; f0 += PIECE_FRAMES) {
            int n = Math.min(PIECE_FRAMES, frames - f0);
            long start = (long) f0 * frameLen;
            WfdbFormats.decode(format, buf, offset + (int) WfdbFormats.bytesFor(format, start), n * frameLen, flat);
            for (int i = from; i < to; i++) {
                int spf = sigs.get(i).samplesPerFrame();
                int c = i - from;
                if (wanted[c]) {
                    int[] v = stored[c];
                    for (int f = 0, p = at[c], q = f0 * spf; f < n; f++, p += frameLen, q += spf) {
                        System.arraycopy(flat, p, v, q, spf);
                    }
                    continue;
                }
                int sum = checks[c][0];
                int a = acc[c];
                boolean differences = format == 8;
                for (int f = 0, p = at[c]; f < n; f++, p += frameLen) {
                    for (int j = 0; j < spf; j++) {
                        int x = flat[p + j];
                        if (differences) {
                            a += x;
                            x = a;
                        }
                        if (f0 == 0 && f == 0 && j == 0) {
                            checks[c][1] = x;
                        }
                        sum += x;
                    }
                }
                checks[c][0] = sum;
                acc[c] = a;
            }
        }
        return checks;
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

    private static byte[] readFile(Path file, WfdbHeader h) throws IOException {
        if (Files.isDirectory(file)) {
            throw new SignalFormatException(file, "", "a directory, not a signal file (named by " + h.source() + ")");
        }
        long size = fileSize(file, h);
        if (size > MAX_FILE_BYTES) {
            throw new SignalFormatException(file, "", String.format(java.util.Locale.ROOT, "%,d bytes: a signal file"
                    + " is read into one array, so it must be under 2 GiB; store the recording as a multi-segment"
                    + " record (segments of under 2 GiB each), or read fewer hours of it", size));
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SignalFormatException(file, "", "signal file not found (named by " + h.source() + ")", e);
        }
    }
}
