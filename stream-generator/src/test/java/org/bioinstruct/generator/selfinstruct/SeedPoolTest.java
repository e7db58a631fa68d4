package org.bioinstruct.generator.selfinstruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bioinstruct.generator.ContentKey;
import org.bioinstruct.schemas.avro.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedPoolTest {
    private static final SeedPool BUNDLED = SeedPool.fromClasspath();
    private static final String GOOD = "{\"id\":\"a\",\"instruction\":\"Name the gene.\",\"input\":\"\",\"output\":\"CFTR\",\"category\":\"QA\"}";

    @Test
    void bundledPoolHoldsEightyDistinctSeedsNumberedInOrder() {
        List<SeedTask> tasks = BUNDLED.tasks();
        assertEquals(80, tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            assertEquals(String.format("seed-%02d", i + 1), tasks.get(i).id());
        }
        Set<String> contents = new HashSet<>();
        tasks.forEach(t -> contents.add(ContentKey.of(t.instruction(), t.input())));
        assertEquals(80, contents.size());
    }

    @Test
    void everySeedHasAnInstructionAnOutputAndAnOutputDifferentFromItsInput() {
        for (SeedTask task : BUNDLED.tasks()) {
            assertFalse(task.instruction().isBlank(), task.id());
            assertFalse(task.output().isBlank(), task.id());
            assertFalse(task.input().strip().equals(task.output().strip()), task.id());
            assertTrue(task.instruction().split("\\s+").length > 3, task.id() + " instruction too short");
        }
    }

    @Test
    void categoryMixIsCloseToBioInstructs() {
        Map<Category, Integer> counts = new EnumMap<>(Category.class);
        BUNDLED.tasks().forEach(t -> counts.merge(t.category(), 1, Integer::sum));
        Map<Category, Integer> targets = Map.of(Category.IE, 27, Category.GEN, 27, Category.QA, 18, Category.OTHER, 8);
        targets.forEach((category, target) -> {
            int count = counts.getOrDefault(category, 0);
            assertTrue(Math.abs(count - target) <= 3, category + ": " + count + " seeds, target " + target);
        });
    }

    @Test
    void seedsCoverTheBiomedicalTextsAndTasksTheProjectNeeds() {
        Map<String, List<String>> topics = Map.ofEntries(
                Map.entry("clinical notes", List.of("discharge", "clinical note", "history of present illness", "triage note")),
                Map.entry("literature abstracts", List.of("abstract")),
                Map.entry("consumer health questions", List.of("patient", "consumer")),
                Map.entry("drugs", List.of("metformin", "warfarin", "atorvastatin", "drug")),
                Map.entry("genes", List.of("gene", "brca1", "cftr", "egfr")),
                Map.entry("diseases", List.of("diabetes", "cancer", "asthma", "heart failure")),
                Map.entry("lab values", List.of("laboratory", "mmol/l", "mg/dl", "hemoglobin")),
                Map.entry("summarization", List.of("summarize", "summary")),
                Map.entry("rewriting", List.of("rewrite", "plain language", "lay")),
                Map.entry("classification", List.of("classify")));
        topics.forEach((topic, words) -> {
            long covering = BUNDLED.tasks().stream()
                    .map(t -> (t.instruction() + " " + t.input()).toLowerCase(Locale.ROOT))
                    .filter(text -> words.stream().anyMatch(text::contains))
                    .count();
            assertTrue(covering >= 2, topic + " covered by only " + covering + " seeds");
        });
    }

    @Test
    void loadsASeedFileGivenByPath(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("seeds.jsonl");
        Files.writeString(file, GOOD + "\n\n" + GOOD.replace("\"a\"", "\"b\"").replace("gene", "protein") + "\n");
        SeedPool pool = SeedPool.fromFile(file);
        assertEquals(List.of("a", "b"), pool.tasks().stream().map(SeedTask::id).toList());
        assertEquals(Category.QA, pool.tasks().get(0).category());
    }

    @Test
    void rejectsADuplicateIdNamingFileAndLine() {
        SeedFileException e = rejected(GOOD + "\n" + GOOD.replace("Name the gene.", "Name the protein."));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("test.jsonl:2: duplicate id a"), e.getMessage());
    }

    @Test
    void rejectsTheSameInstructionAndInputUnderAnotherId() {
        SeedFileException e = rejected(GOOD + "\n" + GOOD.replace("\"a\"", "\"b\"").replace("Name the gene.", "name the GENE"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("same instruction and input as line 1"), e.getMessage());
    }

    @Test
    void rejectsEmptyInstructionOrOutput() {
        assertTrue(rejected(GOOD.replace("Name the gene.", " ")).getMessage().contains("'instruction' is empty"));
        assertTrue(rejected(GOOD.replace("\"CFTR\"", "\"\"")).getMessage().contains("'output' is empty"));
    }

    @Test
    void rejectsAnUnknownCategoryAndWrongTypes() {
        assertTrue(rejected(GOOD.replace("\"QA\"", "\"SUMMARY\"")).getMessage().contains("category 'SUMMARY'"));
        assertTrue(rejected(GOOD.replace("\"CFTR\"", "7")).getMessage().contains("'output' must be a string"));
        assertTrue(rejected(GOOD.replace("\"input\"", "\"inptu\"")).getMessage().contains("unknown field 'inptu'"));
    }

    @Test
    void rejectsALineThatIsNotJson() {
        SeedFileException e = rejected(GOOD + "\n" + "{\"id\": \"b\", ");
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    @Test
    void rejectsAFileWithoutSeeds() {
        assertThrows(SeedFileException.class, () -> SeedPool.read("empty.jsonl", new StringReader("\n\n")));
    }

    private static SeedFileException rejected(String jsonl) {
        return assertThrows(SeedFileException.class, () -> SeedPool.read("test.jsonl", new StringReader(jsonl)));
    }
}
