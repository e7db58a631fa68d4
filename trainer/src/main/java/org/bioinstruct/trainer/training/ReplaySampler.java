package org.bioinstruct.trainer.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bioinstruct.schemas.shards.Example;
import org.bioinstruct.schemas.shards.ShardFile;
import org.bioinstruct.trainer.adapters.ShardRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws examples from earlier shards to mix into a new one (against forgetting). The draw is a function of the
 * seed and the shard list alone: each example first picks a shard uniformly, then each picked shard gives that
 * many distinct examples. Only picked shards are read, each checked against its SHA-256; an earlier shard that
 * is gone or changed is skipped with a warning, never trained from.
 */
final class ReplaySampler {
    private static final Logger LOG = LoggerFactory.getLogger(ReplaySampler.class);

    private ReplaySampler() {
    }

    static List<Example> sample(List<ShardRef> earlier, int count, long seed) {
        if (count <= 0 || earlier.isEmpty()) {
            return List.of();
        }
        Random random = new Random(seed);
        Map<ShardRef, Integer> picks = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            picks.merge(earlier.get(random.nextInt(earlier.size())), 1, Integer::sum);
        }
        List<Example> replay = new ArrayList<>();
        for (Map.Entry<ShardRef, Integer> pick : picks.entrySet()) {
            List<Example> examples;
            try {
                examples = new ArrayList<>(ShardFile.read(pick.getKey().uri(), pick.getKey().sha256(),
                        pick.getKey().format()));
            } catch (ShardFile.ShardFileException e) {
                LOG.warn("replay: skipping earlier shard {}: {}", pick.getKey().id(), e.getMessage());
                continue;
            }
            Collections.shuffle(examples, random);
            replay.addAll(examples.subList(0, Math.min(pick.getValue(), examples.size())));
        }
        return replay;
    }
}
