package org.bioinstruct.schemas.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Temporary directories for extensions that live as long as a test class, where JUnit's {@code @TempDir} cannot
 * reach: deleted with everything below them when the class's extension context closes.
 */
public final class TempDirs {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TempDirs.class);

    private TempDirs() {
    }

    public static Path create(ExtensionContext context, String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        context.getStore(NAMESPACE).put(dir, (AutoCloseable) () -> delete(dir));
        return dir;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
