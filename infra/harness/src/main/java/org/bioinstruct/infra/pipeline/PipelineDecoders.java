package org.bioinstruct.infra.pipeline;

import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.bioinstruct.schemas.avro.AcceptedInstruction;
import org.bioinstruct.schemas.avro.AdapterCheckpoint;
import org.bioinstruct.schemas.avro.EvalMetric;
import org.bioinstruct.schemas.avro.RejectedInstruction;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.serde.SerdeConfig;
import org.bioinstruct.schemas.topics.TopicCatalogue;

/** The value decoders of the pipeline topics a run follows, all against one Schema Registry. */
public record PipelineDecoders(
        Deserializer<AcceptedInstruction> accepted,
        Deserializer<RejectedInstruction> rejected,
        Deserializer<ShardManifest> shards,
        Deserializer<AdapterCheckpoint> checkpoints,
        Deserializer<EvalMetric> evalMetrics) {

    public static PipelineDecoders of(TopicCatalogue catalogue, String registryUrl) {
        Map<String, String> serdeConfig = Map.of(SerdeConfig.REGISTRY_URL, registryUrl);
        return new PipelineDecoders(
                catalogue.accepted().valueSerde(serdeConfig).deserializer(),
                catalogue.rejected().valueSerde(serdeConfig).deserializer(),
                catalogue.shardsReady().valueSerde(serdeConfig).deserializer(),
                catalogue.checkpoints().valueSerde(serdeConfig).deserializer(),
                catalogue.evalMetrics().valueSerde(serdeConfig).deserializer());
    }
}
