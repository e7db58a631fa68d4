package org.bioinstruct.generator.selfinstruct;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bioinstruct.generator.CandidateTask;
import org.bioinstruct.generator.GenerationBackend;
import org.bioinstruct.generator.llm.ChatClient;
import org.bioinstruct.generator.llm.ChatMessage;
import org.bioinstruct.generator.llm.ChatRequest;
import org.bioinstruct.generator.llm.ChatResponse;
import org.bioinstruct.generator.llm.LlmException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BioInstruct's Self-Instruct generation: each request shows the model k random seed tasks (and optionally
 * j earlier machine tasks) and asks for M new ones. Requests run concurrently; their tasks come back in
 * request order, so with the same seed and the same answers a run is reproducible. Tasks beyond what a
 * batch asked for are kept for the next one. The backend owns the chat client and the machine pool and
 * closes them.
 */
public final class SelfInstructBackend implements GenerationBackend {
    public static final String SOURCE_PREFIX = "llm:";
    /** Prefix of the chat client's counters among this backend's counters. */
    public static final String CLIENT_COUNTER_PREFIX = "llm.";
    private static final Logger LOG = LoggerFactory.getLogger(SelfInstructBackend.class);

    private final PromptTemplate template;
    private final ChatClient chat;
    private final MachineTaskPool machine;
    private final SelfInstructOptions options;
    private final PromptExamples examples;
    private final Random random;
    private final TaskParser parser = new TaskParser();
    private final ExecutorService requests;
    private final Deque<CandidateTask> ready = new ArrayDeque<>();
    private final AtomicLong requestCount = new AtomicLong();
    private final AtomicLong failedCount = new AtomicLong();
    private final AtomicLong taskCount = new AtomicLong();
    private final AtomicLong malformedCount = new AtomicLong();
    private final AtomicLong truncatedCount = new AtomicLong();
    private long promptNumber;
    private int unproductiveInARow;
    private RuntimeException lastFailure;

    /**
     * @param machine earlier machine-generated tasks to show, or null for seeds only
     * @param seed    makes the choice of examples reproducible ({@code generator.seed})
     */
    public SelfInstructBackend(SeedPool seeds, PromptTemplate template, ChatClient chat, MachineTaskPool machine,
                               SelfInstructOptions options, long seed) {
        this.template = template;
        this.chat = chat;
        this.machine = machine;
        this.options = options;
        this.examples = new PromptExamples(seeds, machine, options.seedsPerPrompt(), options.machinePerPrompt());
        this.random = new Random(seed);
        this.requests = Executors.newFixedThreadPool(options.parallelRequests(), daemonThreads());
    }

    @Override
    public String source() {
        return SOURCE_PREFIX + chat.model();
    }

    @Override
    public String promptVersion() {
        return template.version();
    }

    /**
     * Asks for ceil(missing / M) requests' worth of tasks and returns up to {@code size} of them (fewer when
     * items were malformed). Only when a whole round yields nothing does it ask again, and it throws
     * {@link LlmException} once more than {@code maxConsecutiveFailures} requests in a row failed or yielded
     * no task. Returns early (possibly empty) when the calling thread is interrupted.
     */
    @Override
    public synchronized List<CandidateTask> nextBatch(int size) {
        List<CandidateTask> batch = new ArrayList<>(size);
        takeReady(batch, size);
        while (batch.size() < size && !Thread.currentThread().isInterrupted()) {
            int missing = size - batch.size();
            send(prompts(ceilDiv(missing, options.tasksPerRequest()))).forEach(this::record);
            takeReady(batch, size);
            if (!batch.isEmpty()) {
                break;
            }
            if (unproductiveInARow > options.maxConsecutiveFailures()) {
                throw giveUp();
            }
        }
        return batch;
    }

    private List<Prompt> prompts(int count) {
        List<Prompt> prompts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            List<SeedTask> shown = examples.draw(random);
            prompts.add(new Prompt(++promptNumber, shown.stream().map(SeedTask::id).toList(),
                    template.render(shown, options.tasksPerRequest())));
        }
        return prompts;
    }

    private List<Outcome> send(List<Prompt> prompts) {
        List<Future<Outcome>> futures = new ArrayList<>(prompts.size());
        prompts.forEach(prompt -> futures.add(requests.submit(() -> ask(prompt))));
        List<Outcome> outcomes = new ArrayList<>(prompts.size());
        for (int i = 0; i < futures.size(); i++) {
            try {
                outcomes.add(futures.get(i).get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(f -> f.cancel(true));
                break;
            } catch (ExecutionException e) {
                outcomes.add(Outcome.failed(prompts.get(i), new LlmException("request failed: " + e.getCause(), -1,
                        e.getCause())));
            }
        }
        return outcomes;
    }

    /** Runs on a request thread: a failing client costs this request only. */
    private Outcome ask(Prompt prompt) {
        try {
            ChatResponse response = chat.complete(new ChatRequest(prompt.messages(), false));
            return new Outcome(prompt, response, parser.parse(response), null);
        } catch (RuntimeException e) {
            return Outcome.failed(prompt, e);
        }
    }

    private void record(Outcome outcome) {
        requestCount.incrementAndGet();
        if (outcome.failure() != null) {
            failedCount.incrementAndGet();
            unproductiveInARow++;
            lastFailure = outcome.failure();
            LOG.warn("self-instruct request {} failed: {}", outcome.prompt().number(), outcome.failure().toString());
            return;
        }
        if (outcome.response().truncated()) {
            truncatedCount.incrementAndGet();
        }
        ParseResult parsed = outcome.parsed();
        List<CandidateTask> tasks = parsed.tasks();
        for (int i = 0; i < tasks.size(); i++) {
            ready.add(withLineage(tasks.get(i), outcome.prompt(), i + 1));
        }
        taskCount.addAndGet(tasks.size());
        unproductiveInARow = tasks.isEmpty() ? unproductiveInARow + 1 : 0;
        countMalformed(outcome.prompt(), parsed);
    }

    private static CandidateTask withLineage(CandidateTask task, Prompt prompt, int item) {
        return new CandidateTask(task.instruction(), task.input(), task.output(), task.proposedCategory(),
                prompt.seedIds(), "request-" + prompt.number() + "/item-" + item);
    }

    /** Logs a sample at the first malformed item and whenever the total passes a multiple of the interval. */
    private void countMalformed(Prompt prompt, ParseResult parsed) {
        if (parsed.malformed() == 0) {
            return;
        }
        long before = malformedCount.getAndAdd(parsed.malformed());
        long after = before + parsed.malformed();
        if (malformedLogDue(before, after, options.malformedLogEvery())) {
            LOG.warn("{} malformed generated items so far; e.g. from request {}: {}", after, prompt.number(),
                    parsed.samples().isEmpty() ? "(no sample)" : parsed.samples().get(0));
        }
    }

    /** True for the first malformed item and whenever the running total passes a multiple of {@code every}. */
    static boolean malformedLogDue(long before, long after, int every) {
        return after > before && (before == 0 || before / every != after / every);
    }

    private void takeReady(List<CandidateTask> batch, int size) {
        while (batch.size() < size && !ready.isEmpty()) {
            batch.add(ready.poll());
        }
    }

    private LlmException giveUp() {
        int status = lastFailure instanceof LlmException llm ? llm.status() : -1;
        String last = lastFailure == null ? "the responses held no usable task" : "last failure: " + lastFailure.getMessage();
        return new LlmException(unproductiveInARow + " self-instruct requests in a row failed or yielded no task"
                + " (selfinstruct.max.consecutive.failures = " + options.maxConsecutiveFailures() + "); " + last,
                status, lastFailure);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** requests, failedRequests, tasks, malformed, truncated, then the chat client's counters prefixed {@code llm.}. */
    @Override
    public Map<String, Number> counters() {
        Map<String, Number> counters = new LinkedHashMap<>();
        counters.put("requests", requestCount.get());
        counters.put("failedRequests", failedCount.get());
        counters.put("tasks", taskCount.get());
        counters.put("malformed", malformedCount.get());
        counters.put("truncated", truncatedCount.get());
        chat.counters().forEach((name, value) -> counters.put(CLIENT_COUNTER_PREFIX + name, value));
        return counters;
    }

    @Override
    public void close() {
        requests.shutdownNow();
        try {
            chat.close();
        } finally {
            if (machine instanceof AutoCloseable closeable) {
                closeQuietly(closeable);
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("closing the machine task pool failed: {}", e.toString());
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "selfinstruct-request-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private record Prompt(long number, List<String> seedIds, List<ChatMessage> messages) {
    }

    private record Outcome(Prompt prompt, ChatResponse response, ParseResult parsed, RuntimeException failure) {
        static Outcome failed(Prompt prompt, RuntimeException failure) {
            return new Outcome(prompt, null, null, failure);
        }
    }
}
