package org.bioinstruct.infra.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * What {@code bioinstruct up} started, kept in {@code <data-dir>/stack.properties} so later commands
 * (status, run, down) find the same broker and registry.
 */
public record StackState(int brokerPort, int controllerPort, int registryPort, long brokerPid, long registryPid) {
    public static final String FILE = "stack.properties";

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    public String registryUrl() {
        return "http://127.0.0.1:" + registryPort;
    }

    public static Optional<StackState> read(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(new StackState(
                Integer.parseInt(p.getProperty("broker.port")),
                Integer.parseInt(p.getProperty("controller.port")),
                Integer.parseInt(p.getProperty("registry.port")),
                Long.parseLong(p.getProperty("broker.pid", "-1")),
                Long.parseLong(p.getProperty("registry.pid", "-1"))));
    }

    public void write(Path dataDir) {
        Properties p = new Properties();
        p.setProperty("broker.port", Integer.toString(brokerPort));
        p.setProperty("controller.port", Integer.toString(controllerPort));
        p.setProperty("registry.port", Integer.toString(registryPort));
        p.setProperty("broker.pid", Long.toString(brokerPid));
        p.setProperty("registry.pid", Long.toString(registryPid));
        p.setProperty("bootstrap.servers", bootstrapServers());
        p.setProperty("schema.registry.url", registryUrl());
        try {
            Path tmp = dataDir.resolve(FILE + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "local BioInstruct stack");
            }
            Files.move(tmp, dataDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
