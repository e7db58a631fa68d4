package org.bioinstruct.infra.dashboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bioinstruct.schemas.avro.EvalMetric;

/**
 * The paper-style results table of the newest adapter version: per suite, category x metric with the base
 * model's value, the tuned value and the relative gain; first a summary of the category scores of the held-out
 * suite. The newest figure wins when a version was evaluated more than once.
 */
public final class EvalReport {
    private final int version;
    private final String runId;
    private final List<EvalMetric> rows;

    private EvalReport(int version, String runId, List<EvalMetric> rows) {
        this.version = version;
        this.runId = runId;
        this.rows = rows;
    }

    /** The report of the highest adapter version among the metrics; empty when there are none. */
    public static Optional<EvalReport> newest(List<EvalMetric> metrics) {
        Optional<EvalMetric> last = metrics.stream().max(Comparator.comparingInt(EvalMetric::getAdapterVersion));
        if (last.isEmpty()) {
            return Optional.empty();
        }
        int version = last.get().getAdapterVersion();
        Map<String, EvalMetric> latest = new LinkedHashMap<>();
        metrics.stream().filter(m -> m.getAdapterVersion() == version)
                .forEach(m -> latest.put(m.getSuite() + "|" + category(m) + "|" + m.getTask() + "|" + m.getMetric(), m));
        List<EvalMetric> rows = new ArrayList<>(latest.values());
        rows.sort(Comparator.comparing(EvalMetric::getSuite, EvalReport::suiteOrder).thenComparing(EvalReport::categoryOrder)
                .thenComparing(EvalMetric::getTask).thenComparing(EvalMetric::getMetric));
        return Optional.of(new EvalReport(version, last.get().getRunId(), rows));
    }

    public int version() {
        return version;
    }

    public String markdown() {
        StringBuilder md = new StringBuilder("# Evaluation report: adapter v").append(version)
                .append(" (run ").append(runId).append(")\n\n");
        List<EvalMetric> summary = summary();
        if (!summary.isEmpty()) {
            md.append("## Score per category (held-out suite)\n\n| category | base | tuned | gain | n |\n|---|---:|---:|---:|---:|\n");
            summary.forEach(m -> md.append("| ").append(category(m)).append(" | ").append(num(m.getBaseline()))
                    .append(" | ").append(num(m.getValue())).append(" | ").append(gain(m)).append(" | ")
                    .append(m.getN()).append(" |\n"));
            md.append('\n');
        }
        md.append("## Every figure\n\n| suite | category | task | metric | base | tuned | gain | n |\n")
                .append("|---|---|---|---|---:|---:|---:|---:|\n");
        rows.forEach(m -> md.append("| ").append(m.getSuite()).append(" | ").append(category(m)).append(" | ")
                .append(m.getTask()).append(" | ").append(m.getMetric()).append(" | ").append(num(m.getBaseline()))
                .append(" | ").append(num(m.getValue())).append(" | ").append(gain(m)).append(" | ").append(m.getN())
                .append(" |\n"));
        return md.toString();
    }

    public String html() {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Evaluation report v").append(version).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;margin-bottom:2rem}")
                .append("th,td{padding:.25rem .6rem;border-bottom:1px solid #ddd;text-align:left}td.n{text-align:right}")
                .append("</style></head><body>\n<h1>Evaluation report: adapter v").append(version).append(" (run ")
                .append(escape(runId)).append(")</h1>\n");
        List<EvalMetric> summary = summary();
        if (!summary.isEmpty()) {
            html.append("<h2>Score per category (held-out suite)</h2>\n<table><tr><th>category</th><th>base</th>")
                    .append("<th>tuned</th><th>gain</th><th>n</th></tr>\n");
            summary.forEach(m -> html.append("<tr><td>").append(category(m)).append("</td>").append(numCells(m)).append("</tr>\n"));
            html.append("</table>\n");
        }
        html.append("<h2>Every figure</h2>\n<table><tr><th>suite</th><th>category</th><th>task</th><th>metric</th>")
                .append("<th>base</th><th>tuned</th><th>gain</th><th>n</th></tr>\n");
        rows.forEach(m -> html.append("<tr><td>").append(escape(m.getSuite())).append("</td><td>").append(category(m))
                .append("</td><td>").append(escape(m.getTask())).append("</td><td>").append(escape(m.getMetric()))
                .append("</td>").append(numCells(m)).append("</tr>\n"));
        return html.append("</table>\n</body></html>\n").toString();
    }

    private List<EvalMetric> summary() {
        return rows.stream().filter(m -> m.getSuite().equals("heldout") && m.getTask().equals("all")
                && m.getMetric().equals("score")).toList();
    }

    private static String numCells(EvalMetric m) {
        return "<td class=\"n\">" + num(m.getBaseline()) + "</td><td class=\"n\">" + num(m.getValue())
                + "</td><td class=\"n\">" + gain(m) + "</td><td class=\"n\">" + m.getN() + "</td>";
    }

    private static String category(EvalMetric m) {
        return m.getCategory() == null ? "ALL" : m.getCategory().name();
    }

    private static int categoryOrder(EvalMetric m) {
        return m.getCategory() == null ? Integer.MAX_VALUE : m.getCategory().ordinal();
    }

    private static int suiteOrder(String a, String b) {
        return a.equals(b) ? 0 : a.equals("heldout") ? -1 : b.equals("heldout") ? 1 : a.compareTo(b);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String gain(EvalMetric m) {
        return String.format(Locale.ROOT, "%+.1f%%", 100 * m.getGain());
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
