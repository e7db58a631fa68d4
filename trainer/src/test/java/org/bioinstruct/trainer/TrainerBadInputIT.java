package org.bioinstruct.trainer;

import static org.bioinstruct.trainer.TrainerFixture.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bioinstruct.model.BaseModel;
import org.bioinstruct.schemas.avro.AdapterCheckpoint;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.bioinstruct.schemas.avro.Split;
import org.bioinstruct.schemas.shards.ShardFile;
import org.bioinstruct.schemas.topics.DlqHeaders;
import org.bioinstruct.schemas.topics.TopicCatalogue;
import org.bioinstruct.trainer.adapters.AdapterStore;
import org.bioinstruct.trainer.adapters.ShardRef;
import org.bioinstruct.trainer.training.IncrementalTrainer;
import org.bioinstruct.trainer.training.TestShards;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Manifests the trainer cannot train, on a real KRaft broker: one whose file is missing and one of a Parquet
 * shard go to the DLQ with the reason in headers, and the loop goes on to train the gzipped JSONL shard after
 * them, recording its format in the lineage.
 */
class TrainerBadInputIT {
    private static final TopicCatalogue TOPICS = TrainerFixture.TOPICS;

    @RegisterExtension
    static final TrainerFixture fixture = new TrainerFixture("mock://trainer-bad-input-it");

    @Test
    void deadLettersMissingAndParquetShardsAndTrainsTheGzippedShardAfterThem() throws Exception {
        TrainerSettings settings = fixture.settings(Map.of());
        BaseModel base = TrainerFixture.base(settings);
        Path shards = fixture.dataDir().resolve("shards");
        ShardRef missing = TestShards.write(shards, "train-000001", TestShards.examples("m", 2));
        Files.delete(Path.of(URI.create(missing.uri())));
        byte[] parquetBytes = "PAR1 shard bytes PAR1".getBytes(StandardCharsets.US_ASCII);
        Path parquet = Files.write(shards.resolve("train-000002.parquet"), parquetBytes);
        ShardRef gz = gzipped(TestShards.write(shards, "train-000003", TestShards.examples("g", 4)));
        fixture.produce(manifest(missing.id(), missing.uri(), missing.sha256(), "jsonl"),
                manifest("train-000002", parquet.toUri().toString(), ShardFile.sha256(parquetBytes), "parquet"),
                manifest(gz.id(), gz.uri(), gz.sha256(), "jsonl.gz"));

        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (IncrementalTrainer trainer = TrainerFixture.trainer(settings, base)) {
            TrainerLoop loop = new TrainerLoop(settings, trainer);
            Thread thread = TrainerFixture.start(loop, failure);
            fixture.kafka().awaitCommittedOffset(settings.groupId(), TOPICS.shardsReady().name(), 3,
                    Duration.ofSeconds(120));
            loop.stop(Duration.ofSeconds(30));
            thread.join(30_000);
        }
        assertNull(failure.get());

        List<ConsumerRecord<byte[], byte[]>> dead =
                fixture.kafka().readCommitted(TOPICS.dlq().name(), 3, Duration.ofSeconds(3));
        assertEquals(List.of(missing.id(), "train-000002"), dead.stream().map(r -> key(r)).toList());
        assertTrue(header(dead.get(0), DlqHeaders.ERROR_MESSAGE).startsWith("cannot read shard file "
                + Path.of(URI.create(missing.uri()))), header(dead.get(0), DlqHeaders.ERROR_MESSAGE));
        assertTrue(header(dead.get(1), DlqHeaders.ERROR_MESSAGE).contains("parquet shard"));
        assertTrue(header(dead.get(1), DlqHeaders.ERROR_MESSAGE).contains("shards.format=jsonl"));
        for (ConsumerRecord<byte[], byte[]> r : dead) {
            assertEquals("trainer", header(r, DlqHeaders.STAGE));
            assertEquals(ShardFile.ShardFileException.class.getName(), header(r, DlqHeaders.ERROR_CLASS));
            assertEquals(TOPICS.shardsReady().name(), header(r, DlqHeaders.SOURCE_TOPIC));
        }
        assertEquals(List.of("0", "1"), dead.stream().map(r -> header(r, DlqHeaders.SOURCE_OFFSET)).toList());

        List<AdapterCheckpoint> checkpoints = fixture.read(TOPICS.checkpoints(), 2, Duration.ofSeconds(3));
        assertEquals(1, checkpoints.size());
        assertEquals(List.of(gz.id()), checkpoints.get(0).getShardIds());
        assertEquals(4, checkpoints.get(0).getExamples(), "the 4 examples of the gzipped shard, nothing replayed");
        ShardRef recorded = new AdapterStore(settings.adaptersDir()).newest().orElseThrow().lineage().shardFiles().get(0);
        assertEquals("jsonl.gz", recorded.format(), "replay reads it back in its own format");
    }

    private static ShardRef gzipped(ShardRef jsonl) throws IOException {
        Path plain = Path.of(URI.create(jsonl.uri()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(Files.readAllBytes(plain));
        }
        Path file = Files.write(plain.resolveSibling(plain.getFileName() + ".gz"), bytes.toByteArray());
        Files.delete(plain);
        return new ShardRef(jsonl.id(), file.toUri().toString(), ShardFile.sha256(bytes.toByteArray()), "jsonl.gz", null);
    }

    private static ShardManifest manifest(String id, String uri, String sha256, String format) {
        return ShardManifest.newBuilder().setShardId(id).setUri(uri).setSplit(Split.TRAIN).setFormat(format)
                .setRecordCount(4).setSha256(sha256).setByteSize(1).setCreatedAt(Instant.now()).build();
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.key(), StandardCharsets.UTF_8);
    }
}
