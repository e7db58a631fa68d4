package org.bioinstruct.trainer.training;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.bioinstruct.model.BaseModel;
import org.bioinstruct.model.llama.LanguageModel;
import org.bioinstruct.model.lora.LoraAdapter;
import org.bioinstruct.model.lora.LoraSpec;
import org.bioinstruct.schemas.shards.Example;
import org.bioinstruct.trainer.adapters.AdapterStore;
import org.bioinstruct.trainer.adapters.AdapterVersion;
import org.bioinstruct.trainer.adapters.CorruptAdapterVersionException;
import org.bioinstruct.trainer.adapters.Lineage;
import org.bioinstruct.trainer.adapters.OptimizerState;
import org.bioinstruct.trainer.adapters.ShardRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains shard after shard into successive adapter versions, each starting from the previous one's weights and
 * optimizer state. Resumes from the newest version on disk and recognises shards already in its lineage, so no
 * shard is trained twice across restarts. Batch order, replay draw and dropout are seeded from the run seed
 * and the version number, so a shard trained after a restart gives the same weights as without the restart.
 */
public final class IncrementalTrainer implements ShardTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(IncrementalTrainer.class);

    private final BaseModel base;
    private final AdapterStore store;
    private final String runId;
    private final long seed;
    private final LanguageModel model;
    private final LoraTrainer trainer;
    private AdapterVersion current;

    public IncrementalTrainer(BaseModel base, LoraSpec lora, TrainingOptions options, AdapterStore store,
                              String runId, long seed) throws IOException {
        this.base = base;
        this.store = store;
        this.runId = runId;
        this.seed = seed;
        int removed = store.deleteIncompleteVersions();
        if (removed > 0) {
            LOG.warn("removed {} half-written adapter version(s) left by a crash", removed);
        }
        this.current = store.newest().orElse(null);
        this.model = LanguageModel.create(base, lora, seed);
        try {
            this.trainer = new LoraTrainer(model, options);
            if (current != null) {
                resumeFrom(current);
            }
        } catch (RuntimeException | IOException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Loads the newest version's weights and optimizer state. A LoRA shape other than the configured one is a
     * configuration error; any other failure means the version is corrupt.
     */
    private void resumeFrom(AdapterVersion version) throws CorruptAdapterVersionException {
        LoraAdapter adapter;
        try {
            adapter = store.adapter(version);
        } catch (IOException | RuntimeException e) {
            throw new CorruptAdapterVersionException(version.dir(), e);
        }
        if (!adapter.spec().compatibleWith(model.lora())) {
            throw new IllegalArgumentException("adapter v" + version.version() + " in " + version.dir() + " has LoRA "
                    + adapter.spec() + ", the trainer is configured for " + model.lora());
        }
        Optional<OptimizerState> state;
        try {
            model.loadAdapter(adapter);
            state = store.optimizerState(version);
            state.ifPresent(trainer::loadOptimizerState);
        } catch (IOException | RuntimeException e) {
            throw new CorruptAdapterVersionException(version.dir(), e);
        }
        if (state.isEmpty()) {
            LOG.warn("adapter v{} has no optimizer state: AdamW moments start from zero", version.version());
        }
    }

    @Override
    public Optional<AdapterVersion> current() {
        return Optional.ofNullable(current);
    }

    public BaseModel base() {
        return base;
    }

    @Override
    public int nextVersion() {
        return current == null ? 1 : current.version() + 1;
    }

    @Override
    public Decision decide(String shardId, ShardRef.ManifestPosition position) {
        if (current == null || !current.lineage().shardIds().contains(shardId)) {
            return Decision.TRAIN;
        }
        if (!current.lineage().newShardIds().contains(shardId)) {
            return Decision.ALREADY_TRAINED;
        }
        ShardRef.ManifestPosition trainedFrom = null;
        for (ShardRef file : current.lineage().shardFiles()) {
            trainedFrom = file.id().equals(shardId) ? file.manifest() : trainedFrom;
        }
        // without both positions the redelivery cannot be told from a duplicate: publishing again is the safe side
        boolean sameRecord = trainedFrom == null || position == null || trainedFrom.equals(position);
        return sameRecord ? Decision.REPUBLISH : Decision.ALREADY_TRAINED;
    }

    /**
     * Trains the shard (plus replayed examples) and writes the next adapter version with its optimizer state;
     * on failure weights and optimizer state are rolled back and nothing is written.
     */
    @Override
    public AdapterVersion train(ShardRef shard, List<Example> examples, Consumer<StepMetrics> onStep)
            throws IOException {
        int version = nextVersion();
        long versionSeed = seed * 1_000_003L + version;
        LoraAdapter adapterBefore = model.exportAdapter();
        OptimizerState optimizerBefore = trainer.optimizerState();
        try {
            Engine.getInstance().setRandomSeed((int) (versionSeed ^ (versionSeed >>> 32)));
            List<ShardRef> earlier = current == null ? List.of() : current.lineage().shardFiles();
            int replayCount = (int) Math.round(trainer.options().replayFraction() * examples.size());
            List<Example> replay = ReplaySampler.sample(earlier, replayCount, versionSeed);
            List<Example> all = new ArrayList<>(examples);
            all.addAll(replay);
            List<StepMetrics> history = new ArrayList<>();
            TrainingResult result = trainer.train(all, versionSeed, step -> {
                history.add(step);
                onStep.accept(step);
            });
            current = store.write(model.exportAdapter(), trainer.optimizerState(),
                    lineage(version, shard, result, replay.size()), Map.of(LogHistory.KEY, LogHistory.toJson(history)));
            return current;
        } catch (RuntimeException | IOException e) {
            model.loadAdapter(adapterBefore);
            trainer.loadOptimizerState(optimizerBefore);
            throw e;
        }
    }

    @Override
    public List<StepMetrics> history(AdapterVersion version) throws IOException {
        return LogHistory.read(version.dir());
    }

    private Lineage lineage(int version, ShardRef shard, TrainingResult result, int replayed) {
        List<String> shardIds = new ArrayList<>(current == null ? List.of() : current.lineage().shardIds());
        shardIds.add(shard.id());
        List<ShardRef> files = new ArrayList<>(current == null ? List.of() : current.lineage().shardFiles());
        files.add(shard);
        return new Lineage(version, current == null ? null : current.version(), List.of(shard.id()), shardIds,
                result.examples(), result.tokens(), result.meanLoss(), runId, base.name(), System.currentTimeMillis(),
                files, replayed, trainer.optimizerState().step());
    }

    @Override
    public void close() {
        model.close();
    }
}
