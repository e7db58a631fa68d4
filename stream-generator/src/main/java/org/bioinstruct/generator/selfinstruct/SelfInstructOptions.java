package org.bioinstruct.generator.selfinstruct;

/**
 * How the Self-Instruct backend asks.
 *
 * @param seedsPerPrompt         k human-written seeds shown per request (BioInstruct: 3)
 * @param machinePerPrompt       j earlier machine tasks shown per request (Self-Instruct: 2; 0 = none)
 * @param tasksPerRequest        M tasks asked for per request
 * @param parallelRequests       requests in flight at once
 * @param maxConsecutiveFailures requests in a row that may fail or yield nothing before the backend gives up
 * @param malformedLogEvery      log a sample of malformed items at the first one and then once per this many
 */
public record SelfInstructOptions(int seedsPerPrompt, int machinePerPrompt, int tasksPerRequest,
                                  int parallelRequests, int maxConsecutiveFailures, int malformedLogEvery) {
    public static final int DEFAULT_SEEDS_PER_PROMPT = 3;
    public static final int DEFAULT_MACHINE_PER_PROMPT = 0;
    public static final int DEFAULT_TASKS_PER_REQUEST = 20;
    public static final int DEFAULT_PARALLEL_REQUESTS = 4;
    public static final int DEFAULT_MAX_CONSECUTIVE_FAILURES = 5;
    public static final int DEFAULT_MALFORMED_LOG_EVERY = 100;

    public SelfInstructOptions {
        atLeast("seedsPerPrompt", seedsPerPrompt, 1);
        atLeast("machinePerPrompt", machinePerPrompt, 0);
        atLeast("tasksPerRequest", tasksPerRequest, 1);
        atLeast("parallelRequests", parallelRequests, 1);
        atLeast("maxConsecutiveFailures", maxConsecutiveFailures, 0);
        atLeast("malformedLogEvery", malformedLogEvery, 1);
    }

    /** k, j, M and parallelism as given; the failure limit and log interval at their defaults. */
    public SelfInstructOptions(int seedsPerPrompt, int machinePerPrompt, int tasksPerRequest, int parallelRequests) {
        this(seedsPerPrompt, machinePerPrompt, tasksPerRequest, parallelRequests, DEFAULT_MAX_CONSECUTIVE_FAILURES,
                DEFAULT_MALFORMED_LOG_EVERY);
    }

    public static SelfInstructOptions defaults() {
        return new SelfInstructOptions(DEFAULT_SEEDS_PER_PROMPT, DEFAULT_MACHINE_PER_PROMPT, DEFAULT_TASKS_PER_REQUEST,
                DEFAULT_PARALLEL_REQUESTS);
    }

    private static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", not " + value);
        }
    }
}
