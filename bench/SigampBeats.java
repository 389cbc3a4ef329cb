import io.beatflow.datasets.NoiseStress;
import io.beatflow.ingest.Annotation;
import io.beatflow.ingest.AnnotationCode;
import io.beatflow.ingest.Signal;
import io.beatflow.ingest.WfdbAnnotationReader;
import io.beatflow.ingest.WfdbReader;
import java.nio.file.Path;
import java.util.List;

/**
 * How far the noise stress test's S (QRS power) moves when it is measured, as nst's sigamp does,
 * on every beat the WFDB library calls normal instead of on N beats alone, per lead of MIT-BIH
 * records: 10 log10(S_sigamp / S_N), the shift of every SNR set on that lead.
 *
 * <pre>
 * ./beatflow --version >/dev/null   # builds cli/target once
 * BEATFLOW_DATA=../shared/data java -cp "cli/target/beatflow-cli.jar:cli/target/lib/*" bench/SigampBeats.java 212 231 217
 * </pre>
 */
public class SigampBeats {
    public static void main(String[] records) throws Exception {
        String data = System.getenv().getOrDefault("BEATFLOW_DATA", "../shared/data");
        for (String r : records) {
            Path p = Path.of(data, "mitdb", r);
            Signal s = WfdbReader.read(p);
            List<Annotation> all = WfdbAnnotationReader.read(Path.of(p + ".atr"));
            List<Annotation> normalOnly = all.stream().filter(a -> a.code() == AnnotationCode.NORMAL).toList();
            for (int lead = 0; lead < s.leadCount(); lead++) {
                String shift = normalOnly.isEmpty() ? "no N beat"
                        : String.format("%+.2f dB", 10 * Math.log10(NoiseStress.signalPower(s, lead, all)
                                / NoiseStress.signalPower(s, lead, normalOnly)));
                System.out.printf("%s %s: %s%n", r, s.leads().get(lead).name(), shift);
            }
        }
    }
}
