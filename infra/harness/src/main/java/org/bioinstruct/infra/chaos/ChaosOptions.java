package org.bioinstruct.infra.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A chaos run: a demo-sized pipeline generating {@code count} instructions at {@code rate} per second (so
 * the faults land while records are in flight), {@code killsPerStage} kill -9s of each service stage and one
 * broker restart, spread over {@code window} from {@code firstFaultAfter}, with a seeded pause of
 * {@code minPause}..{@code maxPause} before each restart.
 *
 * @param stageSettings extra settings for every stage (e.g. {@code shards.size=24})
 */
public record ChaosOptions(Path dataDir, int count, double rate, long seed, int killsPerStage,
                           Duration firstFaultAfter, Duration window, Duration minPause, Duration maxPause,
                           Duration timeout, Map<String, String> stageSettings) {
    public ChaosOptions {
        if (count < 1 || rate <= 0 || killsPerStage < 1) {
            throw new IllegalArgumentException("count, rate and kills per stage must be positive");
        }
        dataDir = dataDir.toAbsolutePath().normalize();
        stageSettings = Map.copyOf(stageSettings);
    }

    /**
     * The figures of docs/RELIABILITY.md: 480 instructions at 6/s (80 s of generation), 3 kills per stage over
     * 100 s from 15 s after the stages started, 32 examples per shard. Every stage runs with its defaults:
     * the restarted filter takes over its killed member at once (static membership) rather than waiting for
     * the group to drop it after Kafka's 45 s session timeout.
     */
    public static ChaosOptions standard(Path dataDir, long seed) {
        return new ChaosOptions(dataDir, 480, 6, seed, 3, Duration.ofSeconds(15), Duration.ofSeconds(100),
                Duration.ofMillis(500), Duration.ofSeconds(3), Duration.ofMinutes(12), Map.of("shards.size", "32"));
    }
}
