package org.bioinstruct.generator.selfinstruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bioinstruct.generator.CandidateTask;
import org.bioinstruct.generator.llm.ChatResponse;
import org.bioinstruct.schemas.avro.Category;
import org.junit.jupiter.api.Test;

class TaskParserTest {
    private static final String THREE_TASKS = """
            [
              {
                "instruction": "List the medications in the discharge note.",
                "input": "Discharged on apixaban 5 mg twice daily and metoprolol 25 mg daily.",
                "output": "apixaban 5 mg twice daily; metoprolol 25 mg daily",
                "category": "IE"
              },
              {
                "instruction": "What enzyme does allopurinol inhibit?",
                "input": "",
                "output": "Xanthine oxidase.",
                "category": "QA"
              },
              {
                "instruction": "Explain what a TSH of 9.8 mIU/L suggests, in plain language.",
                "input": "<noinput>",
                "output": "A TSH above the normal range suggests the thyroid is underactive (hypothyroidism).",
                "category": "GEN"
              }
            ]""";

    private final TaskParser parser = new TaskParser();

    @Test
    void readsAPlainJsonArray() {
        ParseResult result = parser.parse(THREE_TASKS, false);
        assertEquals(0, result.malformed());
        assertEquals(List.of("List the medications in the discharge note.", "What enzyme does allopurinol inhibit?",
                "Explain what a TSH of 9.8 mIU/L suggests, in plain language."), instructions(result));
        CandidateTask first = result.tasks().get(0);
        assertEquals("Discharged on apixaban 5 mg twice daily and metoprolol 25 mg daily.", first.input());
        assertEquals("apixaban 5 mg twice daily; metoprolol 25 mg daily", first.output());
        assertEquals(List.of(Category.IE, Category.QA, Category.GEN), categories(result));
        assertEquals("", result.tasks().get(2).input(), "<noinput> means no input");
    }

    @Test
    void readsJsonInsideAFenceWithProseAround() {
        String response = "Sure! Here are 3 new biomedical tasks [as requested]:\n\n```json\n" + THREE_TASKS
                + "\n```\n\nLet me know if you would like more {or different} tasks.";
        ParseResult result = parser.parse(response, false);
        assertEquals(3, result.tasks().size());
        assertEquals(0, result.malformed());
    }

    @Test
    void readsJsonInsideAFenceWithoutLanguage() {
        assertEquals(3, parser.parse("```\n" + THREE_TASKS + "\n```", false).tasks().size());
    }

    @Test
    void readsTheArrayInsideAWrapperObject() {
        ParseResult tasks = parser.parse("{\"tasks\": " + THREE_TASKS + "}", false);
        assertEquals(3, tasks.tasks().size());
        ParseResult otherName = parser.parse("{\"count\": 3, \"generated\": " + THREE_TASKS + "}", false);
        assertEquals(instructions(tasks), instructions(otherName));
    }

    @Test
    void readsASingleTaskObject() {
        ParseResult result = parser.parse("{\"Instruction\": \"Name the vector of Lyme disease.\", \"Input\": \"N/A\","
                + " \"Output\": \"Ixodes ticks (blacklegged or deer ticks).\", \"Category\": \"question answering\"}", false);
        assertEquals(1, result.tasks().size());
        CandidateTask task = result.tasks().get(0);
        assertEquals("", task.input());
        assertEquals(Category.QA, task.proposedCategory());
    }

    @Test
    void readsSelfInstructsInstancesFormat() {
        ParseResult result = parser.parse("[{\"instruction\": \"Give the normal adult range for serum sodium.\","
                + " \"instances\": [{\"input\": \"\", \"output\": \"135 to 145 mmol/L\"}], \"category\": \"QA\"}]", false);
        assertEquals("135 to 145 mmol/L", result.tasks().get(0).output());
    }

    @Test
    void toleratesTrailingCommasAndSingleQuotes() {
        ParseResult result = parser.parse("[{'instruction': 'Name the antidote for heparin.', 'output': 'Protamine"
                + " sulfate.', 'category': 'QA',},]", false);
        assertEquals(1, result.tasks().size());
        assertEquals("Protamine sulfate.", result.tasks().get(0).output());
    }

    @Test
    void keepsEveryCompleteObjectOfATruncatedJsonArray() {
        String cut = THREE_TASKS.substring(0, THREE_TASKS.indexOf("\"Explain what") + 30);
        ParseResult result = parser.parse(cut, true);
        assertEquals(2, result.tasks().size());
        assertEquals(0, result.malformed(), "the partial last item is dropped, not malformed");
        assertEquals("Xanthine oxidase.", result.tasks().get(1).output());
    }

    @Test
    void keepsCompleteObjectsOfATruncatedFencedWrapper() {
        String cut = "```json\n{\"tasks\": " + THREE_TASKS.substring(0, THREE_TASKS.indexOf("\"What enzyme"));
        ParseResult result = parser.parse(cut, true);
        assertEquals(List.of("List the medications in the discharge note."), instructions(result));
        assertEquals(0, result.malformed());
    }

    @Test
    void countsAnUnclosedArrayAsMalformedWhenTheModelSaidItFinished() {
        String cut = THREE_TASKS.substring(0, THREE_TASKS.indexOf("\"Explain what") + 30);
        ParseResult result = parser.parse(cut, false);
        assertEquals(2, result.tasks().size());
        assertEquals(1, result.malformed());
    }

    @Test
    void truncatedInsideTheOnlyTaskYieldsNothingAndNoMalformedItem() {
        ParseResult result = parser.parse("[{\"instruction\": \"Summarize the abstract.\", \"input\": \"We enro", true);
        assertEquals(0, result.tasks().size());
        assertEquals(0, result.malformed());
    }

    @Test
    void readsNumberedAlpacaStyleText() {
        String response = """
                1. Instruction: Identify the adverse drug reaction in the sentence.
                1. Input:
                After starting lisinopril, she developed a persistent dry cough.
                1. Output:
                Dry cough caused by lisinopril (an ACE inhibitor).
                ###
                2. Instruction: What is the first-line treatment for anaphylaxis?
                2. Input:
                <noinput>
                2. Output:
                Intramuscular epinephrine, given promptly
                into the anterolateral thigh.
                ###
                3. Instruction: Classify the sentence as Background, Methods or Results.
                3. Input: Mortality at 90 days was 12% in the intervention group.
                3. Output: Results
                3. Category: Other
                """;
        ParseResult result = parser.parse(response, false);
        assertEquals(0, result.malformed(), result.samples().toString());
        assertEquals(3, result.tasks().size());
        assertEquals("After starting lisinopril, she developed a persistent dry cough.", result.tasks().get(0).input());
        assertEquals("", result.tasks().get(1).input());
        assertEquals("Intramuscular epinephrine, given promptly\ninto the anterolateral thigh.",
                result.tasks().get(1).output());
        assertEquals("Results", result.tasks().get(2).output());
        assertEquals(Category.OTHER, result.tasks().get(2).proposedCategory());
    }

    @Test
    void readsHashHeadingBlocks() {
        String response = """
                ### Instruction
                Rewrite the sentence for a patient.
                ### Input
                The patient has hyperlipidemia.
                ### Response
                You have high levels of fat, such as cholesterol, in your blood.
                ### Category
                Text Generation

                ### Instruction
                Extract the lab values that are high.
                ### Input
                ALT 88 U/L (7-56); AST 30 U/L (10-40)
                ### Output
                ALT 88 U/L
                ### Category
                information extraction
                """;
        ParseResult result = parser.parse(response, false);
        assertEquals(List.of("Rewrite the sentence for a patient.", "Extract the lab values that are high."),
                instructions(result));
        assertEquals(List.of(Category.GEN, Category.IE), categories(result));
        assertEquals("You have high levels of fat, such as cholesterol, in your blood.", result.tasks().get(0).output());
    }

    @Test
    void readsTaskNumberedBlocksWithBoldLabels() {
        String response = """
                Here are the tasks.

                **Task 1:**
                **Instruction:** Which electrolyte abnormality causes peaked T waves?
                **Input:** None
                **Output:** Hyperkalemia.
                **Category:** QA

                Task 2: Summarize the radiology impression in one sentence.
                Input: No acute intracranial hemorrhage. Chronic microvascular changes.
                Output: There is no bleeding in the brain, only long-standing small-vessel changes.
                Category: GEN
                """;
        ParseResult result = parser.parse(response, false);
        assertEquals(0, result.malformed(), result.samples().toString());
        assertEquals(List.of("Which electrolyte abnormality causes peaked T waves?",
                "Summarize the radiology impression in one sentence."), instructions(result));
        assertEquals("", result.tasks().get(0).input());
        assertEquals(List.of(Category.QA, Category.GEN), categories(result));
    }

    @Test
    void dropsOnlyTheLastItemOfATruncatedNumberedList() {
        String response = """
                1. Instruction: Name the gene mutated in sickle cell disease.
                1. Input: <noinput>
                1. Output: HBB, the beta-globin gene.
                ###
                2. Instruction: Convert the dose to milligrams.
                2. Input: 0.5 g of amoxicillin
                2. Output: 500 mg
                ###
                3. Instruction: Explain why patients on warfarin should keep vitamin K intake consistent.
                3. Input: <noinput>
                3. Output: Vitamin K counteracts warfarin, so large changes in""";
        ParseResult result = parser.parse(response, true);
        assertEquals(2, result.tasks().size());
        assertEquals(0, result.malformed());
        assertEquals("500 mg", result.tasks().get(1).output());
    }

    @Test
    void pureGarbageYieldsNoTaskAndOneMalformedCount() {
        for (String garbage : List.of("I'm sorry, but I can't help with that request.", "{{{{ ]]] ::",
                "[1, 2, 3]", "[]", "   ", "{\"error\": \"rate limited\"}")) {
            ParseResult result = parser.parse(garbage, false);
            assertEquals(0, result.tasks().size(), garbage);
            assertEquals(1, result.malformed(), garbage);
            assertEquals(1, result.samples().size(), garbage);
        }
        assertEquals(1, parser.parse(null, false).malformed());
    }

    @Test
    void countsEachMalformedItemAndKeepsTheGoodOnes() {
        String response = """
                [
                  {"instruction": "Define tachycardia.", "output": "A heart rate above 100 beats per minute in adults."},
                  {"instruction": "", "output": "orphan output"},
                  {"instruction": "Name a loop diuretic."},
                  {"instruction": 42, "output": "number instruction"},
                  {"instruction": "List the symptoms.", "input": "fever", "output": ["fever", "cough"]},
                  "just a string",
                  {"instruction": "Name the hormone made by beta cells.", "output": "Insulin", "category": "qa"}
                ]""";
        ParseResult result = parser.parse(response, false);
        assertEquals(List.of("Define tachycardia.", "Name the hormone made by beta cells."), instructions(result));
        assertEquals(5, result.malformed());
        assertEquals(5, result.samples().size());
        assertTrue(result.samples().get(0).startsWith("item 2: missing instruction"), result.samples().get(0));
        assertTrue(result.samples().get(1).startsWith("item 3: missing output"), result.samples().get(1));
        assertTrue(result.samples().get(2).startsWith("item 4: instruction must be text, not number"), result.samples().get(2));
        assertTrue(result.samples().get(3).startsWith("item 5: output must be text, not array"), result.samples().get(3));
        assertEquals(Category.OTHER, result.tasks().get(0).proposedCategory(), "no category given");
    }

    @Test
    void samplesAreShortAndAtMostFive() {
        StringBuilder response = new StringBuilder("[");
        for (int i = 0; i < 12; i++) {
            response.append(i == 0 ? "" : ",").append("{\"instruction\": \"").append("x".repeat(500)).append("\"}");
        }
        ParseResult result = parser.parse(response.append("]").toString(), false);
        assertEquals(12, result.malformed());
        assertEquals(ParseCollector.MAX_SAMPLES, result.samples().size());
        result.samples().forEach(s -> assertTrue(s.length() < ParseCollector.SAMPLE_CHARS + 40, s));
    }

    @Test
    void mapsCategoryNamesAndSynonymsCaseInsensitively() {
        assertEquals(Category.QA, TaskFields.category("qa"));
        assertEquals(Category.QA, TaskFields.category("Question Answering"));
        assertEquals(Category.QA, TaskFields.category("question-answering (QA)"));
        assertEquals(Category.IE, TaskFields.category("Information Extraction"));
        assertEquals(Category.IE, TaskFields.category("IE"));
        assertEquals(Category.GEN, TaskFields.category("generation"));
        assertEquals(Category.GEN, TaskFields.category("Text generation"));
        assertEquals(Category.GEN, TaskFields.category("gen"));
        assertEquals(Category.OTHER, TaskFields.category("classification"));
        assertEquals(Category.OTHER, TaskFields.category(""));
        assertEquals(Category.OTHER, TaskFields.category(null));
    }

    @Test
    void treatsTheUsualNoInputMarkersAsEmptyInput() {
        for (String marker : List.of("<noinput>", "N/A", "none", "None", " <No Input> ", "")) {
            assertEquals("", TaskFields.input(marker), marker);
        }
        assertEquals("None of the patients relapsed.", TaskFields.input("None of the patients relapsed."));
    }

    @Test
    void readsTheContentAndTruncationOfAChatResponse() {
        String cut = THREE_TASKS.substring(0, THREE_TASKS.indexOf("\"What enzyme") + 20);
        assertEquals(1, parser.parse(new ChatResponse(cut, "length", 10, 10)).tasks().size());
        assertEquals(1, parser.parse(new ChatResponse(cut, "stop", 10, 10)).malformed());
    }

    private static List<String> instructions(ParseResult result) {
        return result.tasks().stream().map(CandidateTask::instruction).toList();
    }

    private static List<Category> categories(ParseResult result) {
        return result.tasks().stream().map(CandidateTask::proposedCategory).toList();
    }
}
