package org.bioinstruct.evaluator.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bioinstruct.evaluator.metrics.Prf;
import org.bioinstruct.evaluator.suite.EvalItem;
import org.bioinstruct.schemas.avro.Category;

/**
 * Turns per-item scores into a suite's figures, tuned next to base: for each category and task the mean of each
 * per-item metric and micro precision/recall/F1 from the summed counts; for each category (task {@code all},
 * metric {@code score}) the mean primary score of its items; and the same over every category.
 */
public final class MetricAggregator {
    public static final String ALL_TASKS = "all";
    public static final String SCORE = "score";
    public static final String PRECISION = "precision";
    public static final String RECALL = "recall";
    public static final String F1 = "f1";

    private MetricAggregator() {
    }

    public static List<MetricValue> aggregate(List<EvalItem> items, Map<String, ItemScore> tuned,
                                              Map<String, ItemScore> base) {
        Map<Category, Map<String, List<EvalItem>>> groups = new TreeMap<>();
        for (EvalItem item : items) {
            groups.computeIfAbsent(item.example().category(), c -> new TreeMap<>())
                    .computeIfAbsent(item.task().name(), t -> new ArrayList<>()).add(item);
        }
        List<MetricValue> out = new ArrayList<>();
        groups.forEach((category, tasks) -> {
            List<EvalItem> inCategory = new ArrayList<>();
            tasks.forEach((task, group) -> {
                inCategory.addAll(group);
                out.addAll(taskMetrics(category, task, group, tuned, base));
            });
            out.add(score(category, inCategory, tuned, base));
        });
        if (groups.size() > 1) {
            out.add(score(null, items, tuned, base));
        }
        return out;
    }

    private static List<MetricValue> taskMetrics(Category category, String task, List<EvalItem> group,
                                                 Map<String, ItemScore> tuned, Map<String, ItemScore> base) {
        List<MetricValue> out = new ArrayList<>();
        TreeSet<String> metrics = new TreeSet<>();
        group.forEach(i -> metrics.addAll(tuned.get(i.id()).means().keySet()));
        for (String metric : metrics) {
            List<EvalItem> scored = group.stream().filter(i -> tuned.get(i.id()).means().containsKey(metric)
                    && base.get(i.id()).means().containsKey(metric)).toList();
            if (!scored.isEmpty()) {
                out.add(new MetricValue(category, task, metric, mean(scored, tuned, metric), mean(scored, base, metric),
                        scored.size()));
            }
        }
        if (tuned.get(group.get(0).id()).counts() != null) {
            Prf t = sum(group, tuned);
            Prf b = sum(group, base);
            out.add(new MetricValue(category, task, PRECISION, t.precision(), b.precision(), group.size()));
            out.add(new MetricValue(category, task, RECALL, t.recall(), b.recall(), group.size()));
            out.add(new MetricValue(category, task, F1, t.f1(), b.f1(), group.size()));
        }
        return out;
    }

    private static MetricValue score(Category category, List<EvalItem> items, Map<String, ItemScore> tuned,
                                     Map<String, ItemScore> base) {
        double t = items.stream().mapToDouble(i -> tuned.get(i.id()).primary()).average().orElse(0);
        double b = items.stream().mapToDouble(i -> base.get(i.id()).primary()).average().orElse(0);
        return new MetricValue(category, ALL_TASKS, SCORE, t, b, items.size());
    }

    private static double mean(List<EvalItem> items, Map<String, ItemScore> scores, String metric) {
        return items.stream().mapToDouble(i -> scores.get(i.id()).means().get(metric)).average().orElse(0);
    }

    private static Prf sum(List<EvalItem> items, Map<String, ItemScore> scores) {
        return items.stream().map(i -> scores.get(i.id()).counts()).reduce(Prf.ZERO, Prf::plus);
    }
}
