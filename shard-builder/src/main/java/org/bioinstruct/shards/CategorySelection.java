package org.bioinstruct.shards;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;
import org.apache.flink.metrics.Counter;
import org.bioinstruct.schemas.split.ShardSelection;

/**
 * Keeps the examples {@link ShardSelection} puts into shards (every evaluation example; training examples of
 * the configured categories, all by default) and counts the others, which by configuration go into no shard.
 */
public final class CategorySelection extends RichFilterFunction<InstructionExample> {
    private static final long serialVersionUID = 1L;

    private final ShardSelection selection;
    private transient Counter excluded;

    public CategorySelection(ShardSelection selection) {
        this.selection = selection;
    }

    @Override
    public void open(OpenContext openContext) {
        excluded = getRuntimeContext().getMetricGroup().counter("examplesOutsideSelectedCategories");
    }

    @Override
    public boolean filter(InstructionExample example) {
        if (selection.sharded(example)) {
            return true;
        }
        excluded.inc();
        return false;
    }
}
