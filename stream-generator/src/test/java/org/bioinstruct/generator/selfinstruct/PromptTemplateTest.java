package org.bioinstruct.generator.selfinstruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.bioinstruct.generator.llm.ChatMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptTemplateTest {
    private static final List<SeedTask> EXAMPLES = SeedPool.fromClasspath().sample(3, new Random(1));

    @Test
    void bundledTemplateIsVersionSelfinstructV1() {
        assertEquals("selfinstruct-v1", PromptTemplate.fromClasspath().version());
    }

    @Test
    void rendersASystemMessageAndAUserMessageAskingForMTasks() {
        List<ChatMessage> messages = PromptTemplate.fromClasspath().render(EXAMPLES, 17);
        assertEquals(List.of("system", "user"), messages.stream().map(ChatMessage::role).toList());
        String user = messages.get(1).content();
        assertTrue(user.startsWith("You are asked to come up with a set of 17 diverse biomedical task instructions"));
        assertTrue(user.contains("Now write 17 new, different tasks"));
        assertTrue(user.contains("Here are 3 examples"));
        assertFalse(user.contains("{{") || messages.get(0).content().contains("{{"), "unfilled placeholder");
    }

    @Test
    void showsTheExamplesAsAJsonArrayInTheAnswerFormat() throws IOException {
        String user = PromptTemplate.fromClasspath().render(EXAMPLES, 20).get(1).content();
        String json = user.substring(user.indexOf("\n[") + 1, user.indexOf("\n]") + 2);
        JsonNode shown = new ObjectMapper().readTree(json);
        assertEquals(3, shown.size());
        for (int i = 0; i < 3; i++) {
            SeedTask seed = EXAMPLES.get(i);
            JsonNode example = shown.get(i);
            assertEquals(seed.instruction(), example.get("instruction").textValue());
            assertEquals(seed.input(), example.get("input").textValue());
            assertEquals(seed.output(), example.get("output").textValue());
            assertEquals(seed.category().name(), example.get("category").textValue());
            assertFalse(example.has("id"), "seed ids stay out of the prompt");
        }
    }

    @Test
    void templateFromAFileTakesItsVersionFromTheFileName(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("selfinstruct-v9.txt");
        Files.writeString(file, "comment\n[user]\nWrite {{count}} tasks like these {{example_count}}:\n{{examples}}\n");
        PromptTemplate template = PromptTemplate.fromFile(file);
        assertEquals("selfinstruct-v9", template.version());
        List<ChatMessage> messages = template.render(EXAMPLES.subList(0, 2), 5);
        assertEquals(1, messages.size(), "no [system] section, no system message");
        assertTrue(messages.get(0).content().startsWith("Write 5 tasks like these 2:\n["));
    }

    @Test
    void rejectsATemplateWithoutCountOrExamplesOrWithUnknownPlaceholders() {
        assertThrows(IllegalArgumentException.class, () -> PromptTemplate.parse("v", "[user]\n{{examples}}"));
        assertThrows(IllegalArgumentException.class, () -> PromptTemplate.parse("v", "[user]\n{{count}}"));
        assertThrows(IllegalArgumentException.class, () -> PromptTemplate.parse("v", "no sections {{count}} {{examples}}"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> PromptTemplate.parse("v", "[user]\n{{count}} {{examples}} {{topic}}"));
        assertTrue(unknown.getMessage().contains("[topic]"), unknown.getMessage());
    }
}
