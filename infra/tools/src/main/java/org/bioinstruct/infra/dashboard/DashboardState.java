package org.bioinstruct.infra.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import org.bioinstruct.schemas.avro.AcceptedInstruction;
import org.bioinstruct.schemas.avro.EvalMetric;
import org.bioinstruct.schemas.avro.RejectedInstruction;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.avro.TrainingMetric;

/**
 * What the dashboard shows, folded from the topics: the latest training points, the newest value of every eval
 * figure per adapter version, accepted instructions per category, rejected ones per reason, and shards and their
 * examples per category. Every change bumps {@link #version()}; {@link #toJson()} is the snapshot the page draws.
 */
public final class DashboardState {
    static final int MAX_TRAINING_POINTS = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Deque<TrainingMetric> training = new ArrayDeque<>();
    private final Map<String, EvalMetric> eval = new TreeMap<>();
    private final Map<String, Long> accepted = new TreeMap<>();
    private final Map<String, Long> rejected = new TreeMap<>();
    private final Map<String, Long> shardsPerCategory = new TreeMap<>();
    private final Map<String, Long> examplesPerCategory = new TreeMap<>();
    private final Map<String, Long> shardsPerSplit = new TreeMap<>();
    private long version;

    public synchronized void add(TrainingMetric m) {
        training.addLast(m);
        if (training.size() > MAX_TRAINING_POINTS) {
            training.removeFirst();
        }
        version++;
    }

    public synchronized void add(EvalMetric m) {
        String category = m.getCategory() == null ? "ALL" : m.getCategory().name();
        eval.put(String.join("|", m.getSuite(), category, m.getTask(), m.getMetric(),
                String.format("%09d", m.getAdapterVersion())), m);
        version++;
    }

    public synchronized void add(AcceptedInstruction a) {
        accepted.merge(a.getCategory().name(), 1L, Long::sum);
        version++;
    }

    public synchronized void add(RejectedInstruction r) {
        rejected.merge(r.getReason().toString(), 1L, Long::sum);
        version++;
    }

    public synchronized void add(ShardManifest s) {
        shardsPerSplit.merge(s.getSplit().name(), 1L, Long::sum);
        s.getCategoryCounts().forEach((category, count) -> {
            if (count > 0) {
                shardsPerCategory.merge(category.toString(), 1L, Long::sum);
                examplesPerCategory.merge(category.toString(), (long) count, Long::sum);
            }
        });
        version++;
    }

    public synchronized long version() {
        return version;
    }

    public synchronized String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", version);
        ArrayNode points = root.putArray("training");
        for (TrainingMetric m : training) {
            points.addObject().put("runId", m.getRunId()).put("adapterVersion", m.getAdapterVersion())
                    .put("step", m.getStep()).put("loss", m.getLoss()).put("tokensPerSecond", m.getTokensPerSecond())
                    .put("learningRate", m.getLearningRate());
        }
        ArrayNode metrics = root.putArray("eval");
        for (EvalMetric m : eval.values()) {
            metrics.addObject().put("adapterVersion", m.getAdapterVersion()).put("suite", m.getSuite())
                    .put("category", m.getCategory() == null ? "ALL" : m.getCategory().name())
                    .put("task", m.getTask()).put("metric", m.getMetric()).put("value", m.getValue())
                    .put("baseline", m.getBaseline()).put("gain", m.getGain()).put("n", m.getN());
        }
        counts(root.putObject("accepted"), accepted);
        counts(root.putObject("rejected"), rejected);
        counts(root.putObject("shardsPerCategory"), shardsPerCategory);
        counts(root.putObject("examplesPerCategory"), examplesPerCategory);
        counts(root.putObject("shardsPerSplit"), shardsPerSplit);
        return root.toString();
    }

    private static void counts(ObjectNode node, Map<String, Long> counts) {
        counts.forEach(node::put);
    }
}
