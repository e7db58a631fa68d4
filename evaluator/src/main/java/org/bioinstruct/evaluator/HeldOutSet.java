package org.bioinstruct.evaluator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.bioinstruct.evaluator.suite.EvalItem;
import org.bioinstruct.evaluator.suite.Suite;
import org.bioinstruct.evaluator.suite.TaskClassifier;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.shards.Example;
import org.bioinstruct.schemas.shards.ShardFile;

/** Held-out examples collected from EVAL shards; each evaluation uses a deterministic sample per category. */
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
     * The {@value Suite#HELD_OUT} suite: up to {@code maxPerCategory} examples of each category, those first whose
     * id has the smallest SHA-256 (a stable pseudo-random sample that does not depend on arrival order, and that
     * keeps its earlier members as the set grows).
     */
    public Suite suite(int maxPerCategory) {
        Map<Category, List<Example>> byCategory = new LinkedHashMap<>();
        examples.values().stream()
                .sorted(Comparator.comparing((Example e) -> ShardFile.sha256(e.id().getBytes(StandardCharsets.UTF_8)))
                        .thenComparing(Example::id))
                .forEach(e -> byCategory.computeIfAbsent(e.category(), c -> new ArrayList<>()).add(e));
        List<EvalItem> items = new ArrayList<>();
        TreeSet<String> shards = new TreeSet<>();
        for (Category category : Category.values()) {
            List<Example> chosen = byCategory.getOrDefault(category, List.of());
            for (Example e : chosen.subList(0, Math.min(maxPerCategory, chosen.size()))) {
                items.add(new EvalItem(e, TaskClassifier.classify(e)));
                shards.add(shardOf.get(e.id()));
            }
        }
        return new Suite(Suite.HELD_OUT, items, new ArrayList<>(shards));
    }
}
