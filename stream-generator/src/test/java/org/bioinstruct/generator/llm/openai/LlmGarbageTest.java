package org.bioinstruct.generator.llm.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bioinstruct.generator.CandidateTask;
import org.bioinstruct.generator.llm.openai.FakeOpenAiServer.Reply;
import org.bioinstruct.generator.selfinstruct.PromptTemplate;
import org.bioinstruct.generator.selfinstruct.SeedPool;
import org.bioinstruct.generator.selfinstruct.SelfInstructBackend;
import org.bioinstruct.generator.selfinstruct.SelfInstructOptions;
import org.bioinstruct.schemas.config.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bad-input catalogue's "LLM garbage": an OpenAI-compatible server (a local fake over real HTTP) that answers
 * with a non-JSON body, a cut-off JSON body, tasks missing fields and prose instead of tasks. The generator's
 * backend counts each, keeps only well-formed tasks and goes on generating.
 */
class LlmGarbageTest {
    private static final String GOOD_TASKS = """
            [{"instruction": "Name the antidote for an opioid overdose.", "input": "", "output": "Naloxone.", "category": "QA"},
             {"instruction": "Extract the drug names from the sentence.", "input": "She takes metformin and aspirin.",
              "output": "metformin, aspirin", "category": "IE"}]""";

    private FakeOpenAiServer server;
    private OpenAiChatClient client;

    @BeforeEach
    void start() throws IOException {
        server = new FakeOpenAiServer();
        OpenAiSettings settings = OpenAiSettings.from(Settings.of(Map.of("llm.base.url", server.baseUrl() + "/",
                "llm.model", "tiny-bio", "llm.max.retries", "0")), Map.of());
        client = new OpenAiChatClient(settings, new RecordingSleeper(), new Random(7));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void garbageRepliesCostOnlyTheirOwnTasksAndGenerationGoesOn() {
        server.then(new Reply(200, "<html><body>502 Bad Gateway</body></html>", Map.of(), 0));
        server.then(new Reply(200, "{\"id\": \"chatcmpl-1\", \"choices\": [{\"index\": 0, \"message\": {\"role\": \"as",
                Map.of(), 0));
        server.then(FakeOpenAiServer.ok("[{\"instruction\": \"Name the enzyme that converts angiotensin I.\","
                + " \"category\": \"QA\"}]"));
        server.then(FakeOpenAiServer.ok("I'm sorry, but I can't help with that request."));
        server.otherwise(FakeOpenAiServer.ok(GOOD_TASKS));
        SelfInstructOptions options = new SelfInstructOptions(3, 0, 2, 1, 5, 100);

        try (SelfInstructBackend backend = new SelfInstructBackend(SeedPool.fromClasspath(),
                PromptTemplate.fromClasspath(), client, null, options, 1)) {
            List<CandidateTask> tasks = backend.nextBatch(2);

            assertEquals(List.of("Naloxone.", "metformin, aspirin"), tasks.stream().map(CandidateTask::output).toList());
            Map<String, Number> counters = backend.counters();
            assertEquals(5L, counters.get("requests"));
            assertEquals(2L, counters.get("failedRequests"), "the non-JSON and the cut-off body");
            assertEquals(2L, counters.get("malformed"), "the task without an output and the prose answer");
            assertEquals(2L, counters.get("tasks"));
            assertEquals(2L, counters.get(SelfInstructBackend.CLIENT_COUNTER_PREFIX + "unusable"));
            assertTrue(tasks.stream().allMatch(t -> t.seedIds().size() == 3));
        }
    }
}
