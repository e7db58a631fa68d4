package org.bioinstruct.infra.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * @param stageSettings extra {@code key=value} settings passed to every stage (e.g. {@code shards.size=32})
 */
public record DemoOptions(Path dataDir, int count, long seed, Duration timeout, Map<String, String> stageSettings) {
    public static final int DEFAULT_COUNT = 400;

    public DemoOptions {
        if (count < 1) {
            throw new IllegalArgumentException("--count must be at least 1, was " + count);
        }
        dataDir = dataDir.toAbsolutePath().normalize();
        stageSettings = Map.copyOf(stageSettings);
    }
}
