package org.bioinstruct.shards;

import java.util.List;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;

/**
 * Runs {@link ShardBatcher} and, when a subtask starts (first start, restart after a failure, or restore
 * from a checkpoint or savepoint), cleans the shard store of orphans for each key this subtask owns, before
 * any element is processed. Only the owner of a key writes that key's files, so the clean-up never races a
 * writer; keys are known up front (splits times categories), so a key with no state yet is cleaned too.
 */
public final class ShardBatcherOperator extends KeyedProcessOperator<String, InstructionExample, ShardDescriptor> {
    private static final long serialVersionUID = 1L;

    public ShardBatcherOperator(ShardBatcher batcher) {
        super(batcher);
    }

    @Override
    public void open() throws Exception {
        super.open();
        ShardBatcher batcher = (ShardBatcher) userFunction;
        List<ShardKeys.StoredFile> files = batcher.storedFiles();
        if (files.isEmpty()) {
            return;
        }
        TaskInfo task = getRuntimeContext().getTaskInfo();
        for (String key : batcher.spec().keys()) {
            int owner = KeyGroupRangeAssignment.assignKeyToParallelOperator(key,
                    task.getMaxNumberOfParallelSubtasks(), task.getNumberOfParallelSubtasks());
            if (owner == task.getIndexOfThisSubtask()) {
                setCurrentKey(key);
                batcher.cleanUpOrphans(key, files);
            }
        }
    }
}
