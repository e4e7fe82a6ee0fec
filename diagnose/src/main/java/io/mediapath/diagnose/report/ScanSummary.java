package io.mediapath.diagnose.report;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@code scan} run keeps for its HTML page, bounded whatever the list's length: the count per cause with the
 * first targets, the count per modality and support, and the first rows of targets that failed (the rest counted).
 * The same figures the command's summary table on stderr prints.
 *
 * @param input      the list scanned (a file name or {@code -})
 * @param targets    targets probed
 * @param failed     targets that failed
 * @param invalid    malformed lines
 * @param elapsed    how long the scan took
 * @param causes     per cause (root cause, {@code OK}, or where it failed), most frequent first
 * @param modalities per modality ({@code audio}, …): how many targets per support ({@code WORKS}, …)
 * @param rows       the first failing targets, in completion order
 * @param rowsOmitted failing targets not kept as rows
 */
public record ScanSummary(String input, long targets, long failed, long invalid, Duration elapsed, List<Cause> causes,
        Map<String, Map<String, Long>> modalities, List<Row> rows, long rowsOmitted) {

    /** Failing targets kept as rows; the rest are counted. */
    public static final int MAX_ROWS = 500;

    public ScanSummary {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(elapsed, "elapsed");
        causes = List.copyOf(causes);
        modalities = Map.copyOf(modalities);
        rows = List.copyOf(rows);
    }

    /**
     * One cause and how many targets it covers.
     *
     * @param cause        the cause code
     * @param count        targets with it
     * @param firstTargets the first of them (bounded)
     */
    public record Cause(String cause, long count, List<String> firstTargets) {
        public Cause {
            Objects.requireNonNull(cause, "cause");
            firstTargets = List.copyOf(firstTargets);
        }
    }

    /**
     * One target that failed.
     *
     * @param line    its line in the list
     * @param target  HOST[:PORT] as written
     * @param module  the module that probed it
     * @param millis  how long the probe took
     * @param cause   the cause code
     * @param product the interception product named, or empty
     * @param detail  one line of what was seen
     */
    public record Row(long line, String target, String module, long millis, String cause, String product,
            String detail) {
        public Row {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(module, "module");
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(product, "product");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
