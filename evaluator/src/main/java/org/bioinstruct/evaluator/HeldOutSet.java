package org.bioinstruct.evaluator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.bioinstruct.trainer.model.Example;
import org.bioinstruct.trainer.model.ShardFile;

/** Held-out examples collected from EVAL shards; evaluation uses a deterministic subset of them. */
public final class HeldOutSet {
    private final Map<String, Example> examples = new LinkedHashMap<>();
    private final Map<String, String> shardOf = new LinkedHashMap<>();

    /** Adds a shard's examples; an id seen before keeps its first shard. */
    public void add(String shardId, List<Example> shardExamples) {
        for (Example e : shardExamples) {
            if (examples.putIfAbsent(e.id(), e) == null) {
                shardOf.put(e.id(), shardId);
            }
        }
    }

    public boolean isEmpty() {
        return examples.isEmpty();
    }

    public int size() {
        return examples.size();
    }

    /**
     * Up to {@code max} examples ordered by the SHA-256 of their id: a stable pseudo-random sample that does not
     * depend on arrival order.
     */
    public EvalSet subset(int max) {
        List<Example> chosen = examples.values().stream()
                .sorted(Comparator.comparing((Example e) -> ShardFile.sha256(e.id().getBytes(
                        java.nio.charset.StandardCharsets.UTF_8))).thenComparing(Example::id))
                .limit(max)
                .toList();
        TreeSet<String> shards = new TreeSet<>();
        chosen.forEach(e -> shards.add(shardOf.get(e.id())));
        return new EvalSet(chosen, new ArrayList<>(shards));
    }

    /** The examples one evaluation runs on and the shards they came from. */
    public record EvalSet(List<Example> examples, List<String> shardIds) {
        public EvalSet {
            examples = List.copyOf(examples);
            shardIds = List.copyOf(shardIds);
        }
    }
}
