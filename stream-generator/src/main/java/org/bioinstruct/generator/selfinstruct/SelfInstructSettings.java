package org.bioinstruct.generator.selfinstruct;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bioinstruct.generator.llm.ChatClient;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;

/**
 * The validated {@code selfinstruct.*} settings, with the seed pool and prompt template already loaded, so
 * that a bad key, a bad seed line or a bad template stops the generator at start-up naming the key.
 */
public record SelfInstructSettings(SeedPool seeds, PromptTemplate template, SelfInstructOptions options,
                                   int machinePoolSize) {
    public static final String PREFIX = "selfinstruct.";
    /** JSONL seed tasks; default: the bundled {@value SeedPool#DEFAULT_RESOURCE}. */
    public static final String SEED_FILE = "selfinstruct.seed.file";
    /** Prompt template file, its name (without .txt) the prompt version; default: the bundled selfinstruct-v1. */
    public static final String PROMPT_FILE = "selfinstruct.prompt.file";
    public static final String SEEDS_PER_PROMPT = "selfinstruct.seeds.per.prompt";
    public static final String MACHINE_PER_PROMPT = "selfinstruct.machine.per.prompt";
    public static final String TASKS_PER_REQUEST = "selfinstruct.tasks.per.request";
    public static final String PARALLEL_REQUESTS = "selfinstruct.parallel.requests";
    public static final String MAX_CONSECUTIVE_FAILURES = "selfinstruct.max.consecutive.failures";
    public static final String MALFORMED_LOG_EVERY = "selfinstruct.malformed.log.every";
    /** How many accepted machine tasks the pool keeps (a uniform reservoir). */
    public static final String MACHINE_POOL_SIZE = "selfinstruct.machine.pool.size";
    public static final int DEFAULT_MACHINE_POOL_SIZE = 5_000;

    private static final Set<String> KEYS = Set.of(SEED_FILE, PROMPT_FILE, SEEDS_PER_PROMPT, MACHINE_PER_PROMPT,
            TASKS_PER_REQUEST, PARALLEL_REQUESTS, MAX_CONSECUTIVE_FAILURES, MALFORMED_LOG_EVERY, MACHINE_POOL_SIZE);

    public static SelfInstructSettings from(Settings settings) {
        rejectUnknownKeys(settings);
        SeedPool seeds = seeds(settings);
        int seedsPerPrompt = settings.intValue(SEEDS_PER_PROMPT, SelfInstructOptions.DEFAULT_SEEDS_PER_PROMPT, 1, 20);
        if (seedsPerPrompt > seeds.size()) {
            throw new InvalidConfigException(SEEDS_PER_PROMPT, seedsPerPrompt,
                    "more than the " + seeds.size() + " seed tasks available");
        }
        SelfInstructOptions options = new SelfInstructOptions(
                seedsPerPrompt,
                settings.intValue(MACHINE_PER_PROMPT, SelfInstructOptions.DEFAULT_MACHINE_PER_PROMPT, 0, 20),
                settings.intValue(TASKS_PER_REQUEST, SelfInstructOptions.DEFAULT_TASKS_PER_REQUEST, 1, 100),
                settings.intValue(PARALLEL_REQUESTS, SelfInstructOptions.DEFAULT_PARALLEL_REQUESTS, 1, 64),
                settings.intValue(MAX_CONSECUTIVE_FAILURES, SelfInstructOptions.DEFAULT_MAX_CONSECUTIVE_FAILURES, 0,
                        1_000),
                settings.intValue(MALFORMED_LOG_EVERY, SelfInstructOptions.DEFAULT_MALFORMED_LOG_EVERY, 1, 1_000_000));
        return new SelfInstructSettings(seeds, template(settings), options,
                settings.intValue(MACHINE_POOL_SIZE, DEFAULT_MACHINE_POOL_SIZE, 1, 1_000_000));
    }

    private static void rejectUnknownKeys(Settings settings) {
        for (String key : settings.asMap().keySet()) {
            if (key.startsWith(PREFIX) && !KEYS.contains(key)) {
                throw new InvalidConfigException(key, settings.asMap().get(key),
                        "unknown setting; known: " + new TreeSet<>(KEYS));
            }
        }
    }

    private static SeedPool seeds(Settings settings) {
        try {
            return settings.has(SEED_FILE) ? SeedPool.fromFile(Path.of(settings.string(SEED_FILE)))
                    : SeedPool.fromClasspath();
        } catch (SeedFileException e) {
            throw new InvalidConfigException(SEED_FILE, settings.string(SEED_FILE, null), e.getMessage());
        }
    }

    private static PromptTemplate template(Settings settings) {
        try {
            return settings.has(PROMPT_FILE) ? PromptTemplate.fromFile(Path.of(settings.string(PROMPT_FILE)))
                    : PromptTemplate.fromClasspath();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new InvalidConfigException(PROMPT_FILE, settings.string(PROMPT_FILE, null), e.getMessage());
        }
    }

    /**
     * A backend for these settings. With {@code selfinstruct.machine.per.prompt} above 0 it also starts an
     * {@link AcceptedTaskPool} on the accepted topic (using {@code bootstrap.servers},
     * {@code schema.registry.url}, {@code topic.accepted} and {@code kafka.*} from {@code settings}).
     */
    public SelfInstructBackend createBackend(Settings settings, ChatClient chat, long seed) {
        MachineTaskPool machine = options.machinePerPrompt() > 0
                ? AcceptedTaskPool.start(settings, machinePoolSize, seed) : null;
        return new SelfInstructBackend(seeds, template, chat, machine, options, seed);
    }

    /** Every key this class reads. */
    public static List<String> keys() {
        return List.copyOf(new TreeSet<>(KEYS));
    }
}
