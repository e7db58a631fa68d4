package org.bioinstruct.trainer;

import java.time.Instant;
import org.bioinstruct.schemas.avro.AdapterCheckpoint;
import org.bioinstruct.trainer.adapters.AdapterVersion;
import org.bioinstruct.trainer.adapters.Lineage;

/** Builds the AdapterCheckpoint record announcing an adapter version. */
final class Checkpoints {
    private Checkpoints() {
    }

    static AdapterCheckpoint of(AdapterVersion version) {
        Lineage lineage = version.lineage();
        return AdapterCheckpoint.newBuilder()
                .setAdapterVersion(lineage.version())
                .setParentVersion(lineage.parent())
                .setRunId(lineage.runId())
                .setUri(version.dir().toAbsolutePath().normalize().toUri().toString())
                .setBaseModel(lineage.baseModel())
                .setNewShardIds(lineage.newShardIds())
                .setShardIds(lineage.shardIds())
                .setExamples(lineage.examples())
                .setTokens(lineage.tokens())
                .setLoss(lineage.loss())
                .setCreatedAt(Instant.ofEpochMilli(lineage.createdAtMillis()))
                .build();
    }
}
