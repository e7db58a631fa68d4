package org.bioinstruct.generator.selfinstruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.bioinstruct.generator.CandidateTask;
import org.bioinstruct.generator.llm.ChatRequest;
import org.bioinstruct.generator.llm.ChatResponse;
import org.bioinstruct.generator.llm.LlmException;
import org.junit.jupiter.api.Test;

class SelfInstructBackendTest {
    private static final SeedPool SEEDS = SeedPool.fromClasspath();
    private static final PromptTemplate TEMPLATE = PromptTemplate.fromClasspath();
    private static final Map<String, String> SEED_ID_BY_INSTRUCTION = new HashMap<>();

    static {
        SEEDS.tasks().forEach(t -> SEED_ID_BY_INSTRUCTION.put(t.instruction(), t.id()));
    }

    @Test
    void namesTheModelAsSourceAndTheTemplateAsPromptVersion() {
        try (SelfInstructBackend backend = backend(ScriptedChatClient::derivedTasks, options(3, 20, 2), 1)) {
            assertEquals("llm:test-model", backend.source());
            assertEquals("selfinstruct-v1", backend.promptVersion());
            assertFalse(backend.contentAddressed());
        }
    }

    @Test
    void everyTaskCarriesTheIdsOfTheSeedsItsPromptShowed() {
        try (SelfInstructBackend backend = backend(ScriptedChatClient::derivedTasks, options(3, 5, 2), 7)) {
            List<CandidateTask> tasks = backend.nextBatch(20);
            assertEquals(20, tasks.size());
            for (CandidateTask task : tasks) {
                assertEquals(3, task.seedIds().size());
                String firstShown = task.instruction().substring(task.instruction().indexOf(" of: ") + 5);
                assertEquals(SEED_ID_BY_INSTRUCTION.get(firstShown), task.seedIds().get(0), task.toString());
            }
        }
    }

    @Test
    void showsMachineTasksAndRecordsTheirIdsToo() {
        List<SeedTask> machineTasks = PromptExamplesTest.machineTasks(4);
        MachineTaskPool machine = (n, random) -> Sampling.withoutReplacement(machineTasks, n, random);
        List<List<String>> shown = new ArrayList<>();
        Function<ChatRequest, ChatResponse> answer = request -> {
            synchronized (shown) {
                shown.add(ScriptedChatClient.shownInstructions(request));
            }
            return ScriptedChatClient.derivedTasks(request);
        };
        try (SelfInstructBackend backend = new SelfInstructBackend(SEEDS, TEMPLATE, new ScriptedChatClient(answer),
                machine, new SelfInstructOptions(6, 2, 4, 1), 3)) {
            List<CandidateTask> tasks = backend.nextBatch(8);
            assertEquals(2, shown.size());
            for (CandidateTask task : tasks) {
                assertEquals(8, task.seedIds().size());
                assertEquals(2, task.seedIds().stream().filter(id -> id.startsWith("machine-")).count());
                assertEquals(6, task.seedIds().stream().filter(id -> id.startsWith("seed-")).count());
            }
            assertTrue(shown.get(0).stream().anyMatch(i -> i.startsWith("List the drugs in note")));
        }
    }

    @Test
    void sendsCeilOfSizeOverMRequestsAndKeepsTheSurplusForTheNextBatch() {
        ScriptedChatClient client = new ScriptedChatClient(ScriptedChatClient::derivedTasks);
        try (SelfInstructBackend backend = backend(client, options(3, 5, 3), 1)) {
            assertEquals(12, backend.nextBatch(12).size());
            assertEquals(3, client.calls.get());
            assertEquals(3, backend.nextBatch(3).size(), "three left over from 15");
            assertEquals(3, client.calls.get(), "served without a new request");
            assertEquals(1, backend.nextBatch(1).size());
            assertEquals(4, client.calls.get());
            assertEquals(4L, backend.counters().get("requests"));
            assertEquals(20L, backend.counters().get("tasks"));
        }
    }

    @Test
    void sameSeedGivesTheSameBatchWhateverOrderTheAnswersArriveIn() {
        List<CandidateTask> first = slowAndShuffledRun(42, new Random(1));
        List<CandidateTask> second = slowAndShuffledRun(42, new Random(2));
        assertEquals(first, second);
        assertNotEquals(first, slowAndShuffledRun(43, new Random(1)));
        List<String> origins = first.stream().map(CandidateTask::origin).toList();
        assertEquals("request-1/item-1", origins.get(0));
        assertEquals("request-4/item-3", origins.get(origins.size() - 1));
    }

    private static List<CandidateTask> slowAndShuffledRun(long seed, Random delays) {
        Function<ChatRequest, ChatResponse> answer = request -> {
            int delay;
            synchronized (delays) {
                delay = delays.nextInt(30);
            }
            sleep(delay);
            return ScriptedChatClient.derivedTasks(request);
        };
        try (SelfInstructBackend backend = backend(answer, options(3, 3, 4), seed)) {
            return backend.nextBatch(12);
        }
    }

    @Test
    void runsUpToParallelRequestsAtOnce() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Function<ChatRequest, ChatResponse> answer = request -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            sleep(40);
            inFlight.decrementAndGet();
            return ScriptedChatClient.derivedTasks(request);
        };
        try (SelfInstructBackend backend = backend(answer, options(3, 1, 3), 1)) {
            assertEquals(9, backend.nextBatch(9).size());
        }
        assertEquals(3, most.get());
    }

    @Test
    void countsMalformedItemsAndTruncatedResponsesAndKeepsTheGoodTasks() {
        String answer = """
                [{"instruction": "Name the antidote for opioid overdose.", "output": "Naloxone.", "category": "QA"},
                 {"instruction": "Name the enzyme.", "category": "QA"},
                 {"instruction": "Define bradycardia.", "output": "A resting heart rate below 60 beats per minute.", "ca""";
        try (SelfInstructBackend backend = backend(request -> new ChatResponse(answer, "length", 10, 10),
                options(3, 3, 1), 1)) {
            List<CandidateTask> tasks = new ArrayList<>(backend.nextBatch(2));
            assertEquals(1, tasks.size(), "one request, one usable task: fewer than asked");
            tasks.addAll(backend.nextBatch(1));
            assertTrue(tasks.stream().allMatch(t -> t.output().equals("Naloxone.")));
            Map<String, Number> counters = backend.counters();
            assertEquals(2L, counters.get("requests"));
            assertEquals(2L, counters.get("tasks"));
            assertEquals(2L, counters.get("malformed"), "one missing output per response; the cut item is not counted");
            assertEquals(2L, counters.get("truncated"));
            assertEquals(0L, counters.get("failedRequests"));
        }
    }

    @Test
    void aFailingRequestCostsOnlyItsOwnTasks() {
        AtomicInteger call = new AtomicInteger();
        Function<ChatRequest, ChatResponse> flaky = request -> {
            if (call.incrementAndGet() % 2 == 0) {
                throw new LlmException("HTTP 503 from the server", 503, null);
            }
            return ScriptedChatClient.derivedTasks(request);
        };
        try (SelfInstructBackend backend = backend(flaky, options(3, 5, 1), 1)) {
            List<CandidateTask> tasks = backend.nextBatch(20);
            assertEquals(10, tasks.size(), "two of four requests answered");
            assertEquals(4L, backend.counters().get("requests"));
            assertEquals(2L, backend.counters().get("failedRequests"));
        }
    }

    @Test
    void aClientThatThrowsSomethingUnexpectedDoesNotCrashTheBackend() {
        AtomicBoolean thrown = new AtomicBoolean();
        Function<ChatRequest, ChatResponse> buggy = request -> {
            if (thrown.compareAndSet(false, true)) {
                throw new IllegalStateException("bug in the client");
            }
            return ScriptedChatClient.derivedTasks(request);
        };
        try (SelfInstructBackend backend = backend(buggy, options(3, 5, 1), 1)) {
            assertEquals(5, backend.nextBatch(5).size(), "the failed round is asked again");
            assertEquals(1L, backend.counters().get("failedRequests"));
        }
    }

    @Test
    void asksAgainWhenARoundYieldsNothingButStillBelowTheFailureLimit() {
        AtomicInteger call = new AtomicInteger();
        Function<ChatRequest, ChatResponse> garbageFirst = request -> call.incrementAndGet() <= 2
                ? new ChatResponse("I cannot do that.", "stop", 5, 5) : ScriptedChatClient.derivedTasks(request);
        try (SelfInstructBackend backend = backend(garbageFirst, options(3, 4, 1), 1)) {
            assertEquals(4, backend.nextBatch(4).size());
            assertEquals(3L, backend.counters().get("requests"));
            assertEquals(2L, backend.counters().get("malformed"));
        }
    }

    @Test
    void givesUpWithLlmExceptionOnceTooManyRequestsInARowFailed() {
        ScriptedChatClient down = new ScriptedChatClient(request -> {
            throw new LlmException("connection refused", -1, null);
        });
        SelfInstructOptions options = new SelfInstructOptions(3, 0, 10, 2, 2, 100);
        try (SelfInstructBackend backend = new SelfInstructBackend(SEEDS, TEMPLATE, down, null, options, 1)) {
            LlmException e = assertThrows(LlmException.class, () -> backend.nextBatch(10));
            assertEquals(3, down.calls.get(), "limit 2: the third failure in a row gives up");
            assertEquals(-1, e.status());
            assertTrue(e.getMessage().contains("selfinstruct.max.consecutive.failures"), e.getMessage());
            assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
        }
    }

    @Test
    void logsAMalformedSampleAtTheFirstItemAndThenOncePerInterval() {
        int logged = 0;
        long total = 0;
        for (int response = 0; response < 100; response++) {
            long before = total;
            total += 3;
            logged += SelfInstructBackend.malformedLogDue(before, total, 50) ? 1 : 0;
        }
        assertEquals(7, logged, "at 3, then on reaching 51, 102, 150, 201, 252 and 300");
        assertFalse(SelfInstructBackend.malformedLogDue(10, 10, 1), "nothing new, nothing logged");
    }

    @Test
    void includesTheChatClientsCountersUnderAPrefix() {
        try (SelfInstructBackend backend = backend(ScriptedChatClient::derivedTasks, options(3, 2, 1), 1)) {
            backend.nextBatch(2);
            Map<String, Number> counters = backend.counters();
            assertEquals(List.of("requests", "failedRequests", "tasks", "malformed", "truncated"),
                    new ArrayList<>(counters.keySet()).subList(0, 5));
            assertEquals(1, counters.get("llm.requests"));
            assertEquals(123L, counters.get("llm.promptTokens"));
        }
    }

    @Test
    void closingClosesTheChatClientAndTheMachinePool() {
        ScriptedChatClient client = new ScriptedChatClient(ScriptedChatClient::derivedTasks);
        AtomicBoolean poolClosed = new AtomicBoolean();
        ClosablePool pool = new ClosablePool(poolClosed);
        new SelfInstructBackend(SEEDS, TEMPLATE, client, pool, new SelfInstructOptions(3, 1, 5, 1), 1).close();
        assertTrue(client.closed.get());
        assertTrue(poolClosed.get());
    }

    private record ClosablePool(AtomicBoolean closed) implements MachineTaskPool, AutoCloseable {
        @Override
        public List<SeedTask> sample(int n, Random random) {
            return List.of();
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    private static SelfInstructOptions options(int k, int tasksPerRequest, int parallel) {
        return new SelfInstructOptions(k, 0, tasksPerRequest, parallel);
    }

    private static SelfInstructBackend backend(Function<ChatRequest, ChatResponse> answer, SelfInstructOptions options,
                                               long seed) {
        return backend(new ScriptedChatClient(answer), options, seed);
    }

    private static SelfInstructBackend backend(ScriptedChatClient client, SelfInstructOptions options, long seed) {
        return new SelfInstructBackend(SEEDS, TEMPLATE, client, null, options, seed);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
