package org.bioinstruct.shards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.bioinstruct.schemas.avro.ShardManifest;

/**
 * Checks the exactly-once contract from the outside, as a consumer would: every expected id is in exactly
 * one committed manifest and in that manifest's file; every manifest's file exists with the recorded
 * checksum and size; the store holds no shard file that no committed manifest names, and no in-progress file.
 */
final class ExactlyOnceAudit {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExactlyOnceAudit() {
    }

    /** What the audit counted; {@link #toString} is the line the ITs print. */
    record Counts(int expected, int inManifests, int distinctInManifests, int duplicates, int missing,
                  int manifests, int filesInStore, int inProgressFiles) {
        @Override
        public String toString() {
            return "expected " + expected + ", in committed manifests " + inManifests + " (" + distinctInManifests
                    + " distinct), duplicates " + duplicates + ", missing " + missing + ", manifests " + manifests
                    + ", shard files " + filesInStore + ", in-progress files " + inProgressFiles;
        }
    }

    static Counts check(Collection<String> expectedIds, List<ShardManifest> manifests, Path store) throws IOException {
        Map<String, Integer> seen = new HashMap<>();
        Set<String> manifestFiles = new HashSet<>();
        for (ShardManifest manifest : manifests) {
            Path file = Path.of(URI.create(manifest.getUri()));
            assertTrue(Files.exists(file), "manifest " + manifest.getShardId() + " without its file " + file);
            byte[] bytes = Files.readAllBytes(file);
            assertEquals(manifest.getSha256(), ShardStore.sha256Hex(bytes), manifest.getShardId() + " checksum");
            assertEquals(manifest.getByteSize(), bytes.length, manifest.getShardId() + " size");
            assertEquals(manifest.getInstructionIds(), idsIn(bytes, manifest.getFormat()),
                    manifest.getShardId() + ": the file holds exactly the manifest's ids");
            assertEquals(manifest.getRecordCount(), manifest.getInstructionIds().size());
            assertEquals(manifest.getRecordCount(), manifest.getCategoryCounts().values().stream()
                    .mapToInt(Integer::intValue).sum(), manifest.getShardId() + " category counts");
            assertTrue(manifestFiles.add(file.getFileName().toString()), "two manifests name " + file);
            manifest.getInstructionIds().forEach(id -> seen.merge(id, 1, Integer::sum));
        }
        List<String> storeFiles;
        try (Stream<Path> files = Files.list(store)) {
            storeFiles = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        Set<String> expected = Set.copyOf(expectedIds);
        int duplicates = seen.values().stream().mapToInt(n -> n - 1).sum();
        int missing = (int) expected.stream().filter(id -> !seen.containsKey(id)).count();
        List<String> unexpected = seen.keySet().stream().filter(id -> !expected.contains(id)).toList();
        long inProgress = storeFiles.stream().filter(f -> f.contains(".inprogress.")).count();
        Counts counts = new Counts(expectedIds.size(), seen.values().stream().mapToInt(Integer::intValue).sum(),
                seen.size(), duplicates, missing, manifests.size(), storeFiles.size(), (int) inProgress);

        assertEquals(0, duplicates, "ids in more than one shard: " + counts);
        assertEquals(0, missing, "ids in no shard: " + counts);
        assertEquals(List.of(), unexpected, "ids nobody produced");
        assertEquals(new ArrayList<>(manifestFiles.stream().sorted().toList()), storeFiles,
                "the store holds exactly the committed manifests' files (no orphan, no in-progress file)");
        return counts;
    }

    static List<String> idsIn(byte[] bytes, String format) {
        try {
            if (format.equals("parquet")) {
                return ParquetRows.read(bytes).stream().map(row -> row.get(0)).toList();
            }
            byte[] jsonl = format.endsWith(".gz")
                    ? new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes() : bytes;
            List<String> ids = new ArrayList<>();
            for (String line : new String(jsonl, StandardCharsets.UTF_8).lines().toList()) {
                ids.add(JSON.readTree(line).get("id").asText());
            }
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<String> ids(List<ShardManifest> manifests) {
        return manifests.stream().flatMap(m -> m.getInstructionIds().stream()).collect(Collectors.toSet());
    }
}
