package org.bioinstruct.infra.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the built modules live. Every stage runs as its own JVM from its module's jar plus the runtime
 * classpath Maven writes to {@code target/classpath.txt} at {@code package}.
 */
public final class ProjectLayout {
    public static final String HOME_PROPERTY = "bioinstruct.home";

    private final Path root;

    public ProjectLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** From {@code -Dbioinstruct.home} (set by bin/bioinstruct), else the nearest folder holding infra/ and a pom.xml. */
    public static ProjectLayout detect() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null && !home.isBlank()) {
            return new ProjectLayout(Path.of(home));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("infra")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return new ProjectLayout(dir);
            }
        }
        throw new IllegalStateException("cannot find the project root: set -D" + HOME_PROPERTY);
    }

    public Path root() {
        return root;
    }

    /** {@link #classpath(BuiltModule)} of a module whose artifactId is its folder's name (every stage). */
    public String classpath(String module) {
        return classpath(BuiltModule.at(module));
    }

    /** The module's jar followed by its runtime dependencies, as a java {@code -cp} value. */
    public String classpath(BuiltModule module) {
        Path target = root.resolve(module.folder()).resolve("target");
        Path classpathFile = target.resolve("classpath.txt");
        if (!Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException("module '" + module.folder() + "' is not built (" + classpathFile
                    + " missing): run 'mvn -DskipTests package' in " + root);
        }
        try (Stream<Path> files = Files.list(target)) {
            // <artifactId>-<version>.jar is the shortest name: its -sources, -tests or shaded -job jars extend it
            Path jar = files.filter(p -> p.getFileName().toString().matches(
                            Pattern.quote(module.artifactId()) + "-[0-9].*\\.jar"))
                    .min(Comparator.comparingInt(p -> p.getFileName().toString().length()))
                    .orElseThrow(() -> new IllegalStateException("no jar for module '" + module.folder() + "' in " + target));
            return jar + java.io.File.pathSeparator + Files.readString(classpathFile).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the stages running PyTorch find the MKL shim the harness builds for them. */
    public Path nativeDir() {
        return root.resolve(BuiltModule.HARNESS.folder()).resolve("target").resolve("native");
    }
}
