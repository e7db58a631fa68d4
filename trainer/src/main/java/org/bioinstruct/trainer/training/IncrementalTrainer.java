package org.bioinstruct.trainer.training;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.bioinstruct.trainer.adapters.AdapterStore;
import org.bioinstruct.trainer.adapters.AdapterVersion;
import org.bioinstruct.trainer.adapters.Lineage;
import org.bioinstruct.trainer.model.BaseModel;
import org.bioinstruct.trainer.model.Example;
import org.bioinstruct.trainer.model.LanguageModel;
import org.bioinstruct.trainer.model.LoraAdapter;
import org.bioinstruct.trainer.model.LoraSpec;

/**
 * Trains shard after shard into successive adapter versions, each starting from the previous one's weights.
 * Resumes from the newest version on disk and recognises shards already in its lineage, so no shard is trained
 * twice across restarts.
 */
public final class IncrementalTrainer implements AutoCloseable {
    /** What to do with a train shard. */
    public enum Decision {
        /** Not yet seen: train it. */
        TRAIN,
        /** Trained into the newest version, whose checkpoint may not have been published: publish it again. */
        REPUBLISH,
        /** Trained into an older version: nothing to do. */
        ALREADY_TRAINED
    }

    private final BaseModel base;
    private final AdapterStore store;
    private final String runId;
    private final LanguageModel model;
    private final LoraTrainer trainer;
    private AdapterVersion current;

    public IncrementalTrainer(BaseModel base, LoraSpec lora, TrainingOptions options, AdapterStore store,
                              String runId, long seed) throws IOException {
        this.base = base;
        this.store = store;
        this.runId = runId;
        this.current = store.newest().orElse(null);
        this.model = LanguageModel.create(base, lora, seed);
        try {
            if (current != null) {
                model.loadAdapter(store.adapter(current));
            }
        } catch (RuntimeException | IOException e) {
            model.close();
            throw e;
        }
        this.trainer = new LoraTrainer(model, options);
    }

    public Optional<AdapterVersion> current() {
        return Optional.ofNullable(current);
    }

    public BaseModel base() {
        return base;
    }

    public int nextVersion() {
        return current == null ? 1 : current.version() + 1;
    }

    public Decision decide(String shardId) {
        if (current == null || !current.lineage().shardIds().contains(shardId)) {
            return Decision.TRAIN;
        }
        return current.lineage().newShardIds().contains(shardId) ? Decision.REPUBLISH : Decision.ALREADY_TRAINED;
    }

    /** Trains the shard and writes the next adapter version; on failure the adapter weights are rolled back. */
    public AdapterVersion train(String shardId, List<Example> examples, Consumer<StepMetrics> onStep)
            throws IOException {
        LoraAdapter before = model.exportAdapter();
        try {
            TrainingResult result = trainer.train(examples, onStep);
            List<String> lineage = new ArrayList<>(current == null ? List.of() : current.lineage().shardIds());
            lineage.add(shardId);
            Lineage next = new Lineage(nextVersion(), current == null ? null : current.version(), List.of(shardId),
                    lineage, result.examples(), result.tokens(), result.meanLoss(), runId, base.name(),
                    System.currentTimeMillis());
            current = store.write(model.exportAdapter(), next);
            return current;
        } catch (RuntimeException | IOException e) {
            model.loadAdapter(before);
            throw e;
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
