package org.bioinstruct.filter;

import org.bioinstruct.schemas.avro.RawInstruction;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;

/**
 * How near duplicates are judged: Self-Instruct rejects a task whose ROUGE-L F-measure against any earlier
 * accepted task exceeds {@code threshold}. By default the compared text is what the model sees,
 * instruction plus input (corpus imports reuse a few templated instructions over many different inputs,
 * and those are not duplicates); {@code instruction} compares instructions only, as Self-Instruct did.
 * Accepted tasks report their nearest accepted neighbour when it is at least {@code reportThreshold}
 * similar; by default that equals the threshold, because a lower one widens the index search several
 * times over (docs/BENCHMARKS.md), so accepted tasks usually report none.
 */
public record NearDuplicateSettings(double threshold, double reportThreshold, boolean instructionOnly) {
    public static final String THRESHOLD = "filter.neardup.threshold";
    public static final String REPORT_THRESHOLD = "filter.neardup.report.threshold";
    public static final String COMPARE = "filter.neardup.compare";

    public static NearDuplicateSettings defaults() {
        return new NearDuplicateSettings(0.7, 0.7, false);
    }

    public static NearDuplicateSettings from(Settings settings) {
        double threshold = settings.doubleValue(THRESHOLD, 0.7, 0.05, 1.0);
        double report = settings.doubleValue(REPORT_THRESHOLD, threshold, 0.05, 1.0);
        if (report > threshold) {
            throw new InvalidConfigException(REPORT_THRESHOLD, report, "must not exceed " + THRESHOLD + " (" + threshold + ")");
        }
        String compare = settings.string(COMPARE, "instruction+input");
        return switch (compare) {
            case "instruction+input" -> new NearDuplicateSettings(threshold, report, false);
            case "instruction" -> new NearDuplicateSettings(threshold, report, true);
            default -> throw new InvalidConfigException(COMPARE, compare, "one of instruction+input, instruction");
        };
    }

    /** The text whose similarity counts. */
    public String comparedText(RawInstruction task) {
        return comparedText(task.getInstruction(), task.getInput());
    }

    public String comparedText(String instruction, String input) {
        return instructionOnly || input.isEmpty() ? instruction : instruction + " " + input;
    }
}
