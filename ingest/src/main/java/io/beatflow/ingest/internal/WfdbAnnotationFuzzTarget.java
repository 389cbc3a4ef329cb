package io.beatflow.ingest.internal;

import io.beatflow.ingest.Annotation;
import io.beatflow.ingest.AnnotationCode;
import io.beatflow.ingest.SignalFormatException;
import io.beatflow.ingest.WfdbAnnotationReader;
import io.beatflow.ingest.WfdbAnnotationWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fuzz target for {@link WfdbAnnotationReader}. Seeds are annotation files written by
 * {@link WfdbAnnotationWriter} from generated annotations (beats, long gaps that need SKIP, NOTQRS,
 * subtypes, channel and num changes, aux text of odd and even length). An accepted input must also
 * survive a write and re-read unchanged (else an {@link IllegalStateException} marks the defect).
 */
public final class WfdbAnnotationFuzzTarget implements FuzzTarget {
    @Override
    public String name() {
        return "wfdb-annotation";
    }

    @Override
    public List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(42);
        for (int s = 0; s < 6; s++) {
            List<Annotation> anns = new ArrayList<>();
            long t = 0;
            int count = 5 + rnd.nextInt(40);
            for (int i = 0; i < count; i++) {
                t += rnd.nextInt(10) == 0 ? 1000 + rnd.nextInt(200000) : rnd.nextInt(400);
                int code = rnd.nextInt(AnnotationCode.MAX_CODE + 1);
                String aux = rnd.nextInt(5) == 0 ? "(AB".substring(0, 1 + rnd.nextInt(3)) : "";
                anns.add(new Annotation(t, AnnotationCode.of(code), rnd.nextInt(6) == 0 ? rnd.nextInt(-128, 128) : 0,
                        rnd.nextInt(8) == 0 ? rnd.nextInt(256) : 0, rnd.nextInt(8) == 0 ? rnd.nextInt(-128, 128) : 0,
                        aux));
            }
            seeds.add(WfdbAnnotationWriter.toBytes(anns));
        }
        seeds.add(WfdbAnnotationWriter.toBytes(List.of()));
        return seeds;
    }

    @Override
    public void parse(byte[] input) throws SignalFormatException {
        List<Annotation> anns = WfdbAnnotationReader.read("fuzz.atr", input);
        List<Annotation> again = WfdbAnnotationReader.read("rewritten.atr", WfdbAnnotationWriter.toBytes(anns));
        if (!anns.equals(again)) {
            throw new IllegalStateException("annotations changed in a write and re-read");
        }
    }
}
