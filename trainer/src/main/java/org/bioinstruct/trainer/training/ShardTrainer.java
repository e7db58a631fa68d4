package org.bioinstruct.trainer.training;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.bioinstruct.schemas.shards.Example;
import org.bioinstruct.trainer.adapters.AdapterVersion;
import org.bioinstruct.trainer.adapters.ShardRef;

/** What the trainer loop needs from the trainer: which shards to train, and training one into a new version. */
public interface ShardTrainer extends AutoCloseable {
    /** What to do with a train shard. */
    enum Decision {
        /** Not yet seen: train it. */
        TRAIN,
        /**
         * The manifest record the newest version was trained from, delivered again: the process stopped before
         * that version's checkpoint was committed, so publish it again.
         */
        REPUBLISH,
        /** Trained into an older version, or a second manifest of the newest version's shard: nothing to do. */
        ALREADY_TRAINED
    }

    /** What to do with the shard whose manifest was read at {@code position} (null: position unknown). */
    Decision decide(String shardId, ShardRef.ManifestPosition position);

    Optional<AdapterVersion> current();

    int nextVersion();

    /** Trains the shard into version {@link #nextVersion()}, written to disk before this returns. */
    AdapterVersion train(ShardRef shard, List<Example> examples, Consumer<StepMetrics> onStep) throws IOException;

    /** The step metrics recorded when {@code version} was trained. */
    List<StepMetrics> history(AdapterVersion version) throws IOException;

    @Override
    void close();
}
