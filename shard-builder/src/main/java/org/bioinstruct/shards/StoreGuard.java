package org.bioinstruct.shards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.bioinstruct.schemas.config.InvalidConfigException;

/**
 * Refuses a fresh start (nothing to restore) over a shard store that already holds shard files: their
 * manifests may be committed, and a fresh job would number its shards from 1 again and replace them.
 * In-progress files alone are no reason to refuse; the batching operator deletes them.
 */
final class StoreGuard {
    private StoreGuard() {
    }

    static void checkFreshStart(ShardBuilderSettings config, boolean restoring) {
        if (restoring) {
            return;
        }
        List<ShardKeys.StoredFile> shards;
        try {
            shards = new ShardStore(config.storeUri()).list().stream().map(ShardKeys::parse)
                    .flatMap(Optional::stream).filter(f -> !f.inProgress()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the shard store " + config.storeUri(), e);
        }
        if (!shards.isEmpty()) {
            throw new InvalidConfigException(ShardBuilderSettings.STORE_URI, config.storeUri(), "holds "
                    + shards.size() + " shard files (e.g. " + shards.get(0).fileName() + ") but there is no "
                    + "checkpoint or savepoint to resume from in " + config.checkpointUri() + "; resume from "
                    + "the one that wrote them (" + ShardBuilderSettings.RESTORE + "=true with the same "
                    + ShardBuilderSettings.CHECKPOINT_DIR + ", or flink run -s), or use an empty store");
        }
    }
}
