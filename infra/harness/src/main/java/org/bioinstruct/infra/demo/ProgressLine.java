package org.bioinstruct.infra.demo;

import java.util.Optional;
import org.bioinstruct.infra.pipeline.PipelineCounts;
import org.bioinstruct.schemas.avro.AdapterCheckpoint;

/** One line of progress per stage, e.g. for a terminal or a log. */
final class ProgressLine {
    private final long expected;

    ProgressLine(long expected) {
        this.expected = expected;
    }

    String render(double elapsedSeconds, PipelineCounts counts, Optional<String> missing) {
        Optional<AdapterCheckpoint> latest = counts.latestCheckpoint();
        return String.format("[%5.1fs] generator %d/%d | filter %d accepted, %d rejected%s | shard-builder %d shards"
                        + " (%d examples%s) | trainer %s | evaluator %d metrics | %s",
                elapsedSeconds, counts.generated(), expected, counts.accepted(), counts.rejected(),
                counts.deadLettered() > 0 ? ", " + counts.deadLettered() + " dead-lettered" : "",
                counts.shards().size(), counts.examplesInShards(), counts.acceptedOutsideSelectedCategories() > 0
                        ? ", " + counts.acceptedOutsideSelectedCategories() + " outside shards.categories" : "",
                latest.map(c -> String.format("v%d (loss %.3f)", c.getAdapterVersion(), c.getLoss())).orElse("-"),
                counts.evalMetrics().size(), missing.map(m -> "waiting: " + m).orElse("done"));
    }
}
