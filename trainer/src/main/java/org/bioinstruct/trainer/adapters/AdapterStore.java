package org.bioinstruct.trainer.adapters;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bioinstruct.trainer.model.LoraAdapter;

/**
 * Adapter versions on disk: {@code <root>/v000001/} holding {@code adapter_model.safetensors},
 * {@code adapter_config.json} and {@code lineage.json}. A version is written to a temporary directory and
 * renamed into place, so a directory named {@code vNNNNNN} is always complete.
 */
public final class AdapterStore {
    public static final String LINEAGE_FILE = "lineage.json";
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

    public Optional<AdapterVersion> newest() throws IOException {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            Optional<Path> newest = dirs.filter(d -> VERSION_DIR.matcher(d.getFileName().toString()).matches())
                    .max(Comparator.comparingInt(d -> Integer.parseInt(d.getFileName().toString().substring(1))));
            return newest.isPresent() ? Optional.of(read(newest.get())) : Optional.empty();
        }
    }

    public AdapterVersion read(Path dir) throws IOException {
        return new AdapterVersion(dir, JSON.readValue(dir.resolve(LINEAGE_FILE).toFile(), Lineage.class));
    }

    public LoraAdapter adapter(AdapterVersion version) throws IOException {
        return LoraAdapter.load(version.dir());
    }

    /** Writes a new version atomically; fails if that version already exists. */
    public AdapterVersion write(LoraAdapter adapter, Lineage lineage) throws IOException {
        Files.createDirectories(root);
        Path target = root.resolve(dirName(lineage.version()));
        if (Files.exists(target)) {
            throw new IOException("adapter version already exists: " + target);
        }
        Path tmp = Files.createDirectory(root.resolve("." + target.getFileName() + ".tmp-" + UUID.randomUUID()));
        try {
            adapter.save(tmp);
            JSON.writeValue(tmp.resolve(LINEAGE_FILE).toFile(), lineage);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteIfPresent(tmp);
        }
        return new AdapterVersion(target, lineage);
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
