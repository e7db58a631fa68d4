package org.bioinstruct.shards;

import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;
import org.apache.flink.metrics.Counter;
import org.bioinstruct.schemas.avro.Split;

/**
 * Keeps the training examples of the configured categories (all by default; e.g. only QA for the paper's
 * "QA only" ablation) and counts the others, which by configuration go into no shard. Evaluation examples
 * of every category are kept, so every ablation is evaluated on the same held-out set, as in the paper.
 */
public final class CategorySelection extends RichFilterFunction<InstructionExample> {
    private static final long serialVersionUID = 1L;

    private final Set<String> categories;
    private final SplitAssigner splits;
    private transient Counter excluded;

    public CategorySelection(List<String> categories, SplitAssigner splits) {
        this.categories = Set.copyOf(categories);
        this.splits = splits;
    }

    @Override
    public void open(OpenContext openContext) {
        excluded = getRuntimeContext().getMetricGroup().counter("examplesOutsideSelectedCategories");
    }

    @Override
    public boolean filter(InstructionExample example) {
        if (categories.contains(example.category()) || splits.splitOf(example) == Split.EVAL) {
            return true;
        }
        excluded.inc();
        return false;
    }
}
