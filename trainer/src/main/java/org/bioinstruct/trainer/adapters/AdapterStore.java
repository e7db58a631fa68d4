package org.bioinstruct.trainer.adapters;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bioinstruct.model.lora.LoraAdapter;

/**
 * Adapter versions on disk: {@code <root>/v000001/} holding {@code adapter_model.safetensors},
 * {@code adapter_config.json} (PEFT), the optimizer state ({@code optimizer.safetensors},
 * {@code trainer_state.json}) and {@code lineage.json}. A version is written to a temporary directory, synced
 * and renamed into place, so a directory named {@code vNNNNNN} is always complete.
 */
public final class AdapterStore {
    public static final String LINEAGE_FILE = "lineage.json";
    private static final String TMP_PREFIX = ".";
    private static final Pattern VERSION_DIR = Pattern.compile("v(\\d{6,})");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;

    public AdapterStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public static String dirName(int version) {
        return String.format("v%06d", version);
    }

    /** @throws CorruptAdapterVersionException when the newest version's lineage.json cannot be read */
    public Optional<AdapterVersion> newest() throws IOException {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            Optional<Path> newest = dirs.filter(d -> VERSION_DIR.matcher(d.getFileName().toString()).matches())
                    .max(Comparator.comparingInt(d -> Integer.parseInt(d.getFileName().toString().substring(1))));
            return newest.isPresent() ? Optional.of(readIntact(newest.get())) : Optional.empty();
        }
    }

    public AdapterVersion read(Path dir) throws IOException {
        return new AdapterVersion(dir, JSON.readValue(dir.resolve(LINEAGE_FILE).toFile(), Lineage.class));
    }

    private AdapterVersion readIntact(Path dir) throws CorruptAdapterVersionException {
        try {
            return read(dir);
        } catch (IOException | RuntimeException e) {
            throw new CorruptAdapterVersionException(dir, e);
        }
    }

    public LoraAdapter adapter(AdapterVersion version) throws IOException {
        return LoraAdapter.load(version.dir());
    }

    /** The optimizer state saved with the version; empty for versions written without one. */
    public Optional<OptimizerState> optimizerState(AdapterVersion version) throws IOException {
        return OptimizerState.load(version.dir());
    }

    /** Writes a new version atomically; fails if that version already exists. */
    public AdapterVersion write(LoraAdapter adapter, OptimizerState optimizer, Lineage lineage) throws IOException {
        return write(adapter, optimizer, lineage, Map.of());
    }

    /** As {@link #write(LoraAdapter, OptimizerState, Lineage)}, with extra fields for trainer_state.json. */
    public AdapterVersion write(LoraAdapter adapter, OptimizerState optimizer, Lineage lineage,
                                Map<String, Object> trainerState) throws IOException {
        Files.createDirectories(root);
        Path target = root.resolve(dirName(lineage.version()));
        if (Files.exists(target)) {
            throw new IOException("adapter version already exists: " + target);
        }
        Path tmp = Files.createDirectory(root.resolve(TMP_PREFIX + target.getFileName() + ".tmp-" + UUID.randomUUID()));
        try {
            adapter.save(tmp);
            Map<String, Object> state = new java.util.LinkedHashMap<>();
            state.put("adapter_version", lineage.version());
            state.put("shards_seen", lineage.shardIds().size());
            state.putAll(trainerState);
            optimizer.save(tmp, state);
            JSON.writeValue(tmp.resolve(LINEAGE_FILE).toFile(), lineage);
            syncFiles(tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            sync(root);
        } finally {
            deleteIfPresent(tmp);
        }
        return new AdapterVersion(target, lineage);
    }

    /** Removes half-written versions a crash left behind; returns how many. */
    public int deleteIncompleteVersions() throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        List<Path> stale;
        try (Stream<Path> dirs = Files.list(root)) {
            stale = dirs.filter(d -> d.getFileName().toString().startsWith(TMP_PREFIX)).toList();
        }
        stale.forEach(AdapterStore::deleteIfPresent);
        return stale.size();
    }

    private static void syncFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                sync(file);
            }
        }
        sync(dir);
    }

    private static void sync(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void deleteIfPresent(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
