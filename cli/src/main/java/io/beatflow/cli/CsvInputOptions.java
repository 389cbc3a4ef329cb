package io.beatflow.cli;

import io.beatflow.ingest.CsvReadOptions;
import picocli.CommandLine.Option;

/**
 * How the commands that read records read a CSV record ({@code inspect}, {@code detect},
 * {@code export}, {@code classify}, {@code pretrain}): the command-line face of
 * {@link CsvReadOptions}, which the CSV reader's messages name. Records of other kinds ignore them.
 */
final class CsvInputOptions {
    @Option(names = "--csv-gaps", description = "Read blank and NaN cells of a CSV record as gaps, as beatflow export"
            + " writes gaps (without it they are an error).")
    boolean gaps;

    @Option(names = "--csv-rate", paramLabel = "HZ", description = "Sample rate of a CSV record, for a file without a"
            + " time column in seconds (none, or a sample column); used instead of a time column's rate.")
    Double rateHz;

    @Option(names = "--csv-time-column", paramLabel = "NAME", description = "Time column of a CSV record (seconds, or"
            + " sample numbers if named sample) (default: the column named time, t, seconds, time_s or sample).")
    String timeColumn;

    /**
     * The reader's options these give.
     *
     * @throws IllegalArgumentException naming the option, if the rate is not a positive number or the
     *     time column's name is blank
     */
    CsvReadOptions readOptions() {
        CsvReadOptions o = CsvReadOptions.defaults().withGapsAllowed(gaps);
        if (rateHz != null) {
            if (!(rateHz > 0) || rateHz.isInfinite()) {
                throw new IllegalArgumentException("--csv-rate " + rateHz + ": give the sample rate in Hz, a positive"
                        + " number");
            }
            o = o.withSampleRateHz(rateHz);
        }
        if (timeColumn != null) {
            if (timeColumn.isBlank()) {
                throw new IllegalArgumentException("--csv-time-column is blank: give the time column's name");
            }
            o = o.withTimeColumn(timeColumn);
        }
        return o;
    }
}
