package io.beatflow.cli;

import io.beatflow.datasets.AamiClass;
import io.beatflow.datasets.ClassCounts;
import io.beatflow.datasets.DataDirectory;
import io.beatflow.datasets.MitBih;
import io.beatflow.datasets.Split;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code beatflow dataset-stats mitdb [--split DS1|DS2] [--json]}: AAMI class counts per part of the
 * de Chazal inter-patient split, counted from the reference annotations ({@code .atr}).
 */
@Command(name = "dataset-stats", mixinStandardHelpOptions = true,
        description = "AAMI class counts (N, S, V, F, Q) of a database's reference annotations, per split part.")
final class DatasetStatsCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATABASE", description = "Database; only mitdb is supported.")
    String database;

    @Option(names = "--split", paramLabel = "PART", description = "Only this part of the de Chazal 2004 split: DS1 or DS2.")
    String part;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data root holding mitdb/ (default: $BEATFLOW_DATA, else ../shared/data, else ./data).")
    Path data;

    @Override
    public Integer call() throws IOException {
        if (!MitBih.DATABASE.equals(database)) {
            throw new IllegalArgumentException("dataset-stats knows database mitdb only, got '" + database + "'");
        }
        DataDirectory dir = data != null ? new DataDirectory(data) : DataDirectory.resolve();
        Split split = Split.deChazal2004();
        List<String> parts = part == null ? List.copyOf(split.parts().keySet()) : List.of(part);
        Map<String, List<String>> chosen = new LinkedHashMap<>();
        for (String p : parts) {
            chosen.put(p, split.part(p)); // throws naming the valid parts
        }
        List<String> records = chosen.values().stream().flatMap(List::stream).toList();
        dir.requireRecords(MitBih.DATABASE, MitBih.VERSION, records, List.of("atr"));
        Map<String, ClassCounts> counts = ClassCounts.ofSplit(dir.database(MitBih.DATABASE),
                new Split(split.name(), chosen), "atr");
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            StringBuilder sb = new StringBuilder("{\"database\":\"mitdb\",\"split\":\"" + split.name() + "\",\"parts\":{");
            boolean first = true;
            for (Map.Entry<String, ClassCounts> e : counts.entrySet()) {
                sb.append(first ? "" : ",").append('"').append(e.getKey()).append("\":{\"records\":")
                        .append(chosen.get(e.getKey()).size());
                for (AamiClass c : AamiClass.values()) {
                    sb.append(",\"").append(c).append("\":").append(e.getValue().get(c));
                }
                sb.append(",\"total\":").append(e.getValue().total()).append('}');
                first = false;
            }
            out.println(sb.append("}}"));
        } else {
            out.printf("%-5s %7s %7s %7s %7s %7s %7s %8s%n", "part", "records", "N", "S", "V", "F", "Q", "total");
            for (Map.Entry<String, ClassCounts> e : counts.entrySet()) {
                ClassCounts c = e.getValue();
                out.printf("%-5s %7d %7d %7d %7d %7d %7d %8d%n", e.getKey(), chosen.get(e.getKey()).size(),
                        c.get(AamiClass.N), c.get(AamiClass.S), c.get(AamiClass.V), c.get(AamiClass.F),
                        c.get(AamiClass.Q), c.total());
            }
        }
        out.flush();
        return 0;
    }
}
