package org.bioinstruct.shards;

import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;
import org.apache.flink.metrics.Counter;

/**
 * Keeps the examples of the configured categories (all by default; e.g. only QA for the paper's "QA only"
 * ablation) and counts the others, which by configuration go into no shard.
 */
public final class CategorySelection extends RichFilterFunction<InstructionExample> {
    private static final long serialVersionUID = 1L;

    private final Set<String> categories;
    private transient Counter excluded;

    public CategorySelection(List<String> categories) {
        this.categories = Set.copyOf(categories);
    }

    @Override
    public void open(OpenContext openContext) {
        excluded = getRuntimeContext().getMetricGroup().counter("examplesOutsideSelectedCategories");
    }

    @Override
    public boolean filter(InstructionExample example) {
        if (categories.contains(example.category())) {
            return true;
        }
        excluded.inc();
        return false;
    }
}
