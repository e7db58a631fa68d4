package org.bioinstruct.generator.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bioinstruct.generator.CandidateTask;
import org.bioinstruct.schemas.avro.Category;

/**
 * Multiple-choice and yes/no/maybe QA JSONL, the style detected per line. MedQA: {@code question},
 * {@code options} ({@code {"A": ..., ...}}), {@code answer_idx} and/or {@code answer}; the answer is
 * {@code "C. <option text>"}. PubMedQA: {@code QUESTION}/{@code question}, {@code CONTEXTS}/{@code context}
 * (list or string), {@code final_decision}/{@code answer}; the answer is yes, no or maybe. A PubMedQA
 * record may also come wrapped under its PMID ({@code {"12345": {...}}}).
 */
final class McqaReader extends JsonLinesReader {
    static final Paraphrases MEDQA_TEMPLATES = new Paraphrases("medqa", List.of(
            "Answer the following multiple-choice medical question. Give the letter and the text of the correct option.",
            "Choose the best answer to this clinical question and reply with the option letter followed by its text.",
            "Read the case and select the single most appropriate option.",
            "Which of the listed options correctly answers the medical exam question? State the letter and the answer.",
            "Solve this board-style medical question by picking the correct choice."));
    static final Paraphrases PUBMEDQA_TEMPLATES = new Paraphrases("pubmedqa", List.of(
            "Answer the research question based on the abstract. Reply with yes, no or maybe.",
            "Using the context from a PubMed abstract, answer the question with yes, no, or maybe.",
            "Does the evidence in the passage support a yes, no, or maybe answer to the question? Give only the answer.",
            "Read the abstract excerpt and decide whether the answer to the question is yes, no or maybe.",
            "Based on the study summary, answer the biomedical question with one word: yes, no or maybe."));
    private static final Set<String> DECISIONS = Set.of("yes", "no", "maybe");

    private final CorpusOptions options;

    McqaReader(LineCursor lines, CorpusOptions options, CorpusErrorListener errors) {
        super(lines, errors);
        this.options = options;
    }

    @Override
    CandidateTask toTask(JsonNode record, String origin) {
        if (record.has("options")) {
            return medQa(record, origin);
        }
        JsonNode pubMed = unwrapped(record);
        if (pubMed.has("QUESTION") || pubMed.has("question")) {
            return pubMedQa(pubMed, origin);
        }
        throw new MalformedRecordException("neither MedQA (question, options, answer_idx) "
                + "nor PubMedQA (QUESTION, CONTEXTS, final_decision)");
    }

    private CandidateTask medQa(JsonNode record, String origin) {
        String question = requiredText(record, "question").strip();
        Map<String, String> choices = choices(record.get("options"));
        String letter = answerLetter(record, choices);
        StringBuilder input = new StringBuilder(question);
        choices.forEach((key, text) -> input.append('\n').append(key).append(". ").append(text));
        String output = letter + ". " + choices.get(letter);
        return new CandidateTask(MEDQA_TEMPLATES.choose(options.seed(), input.toString()), input.toString(),
                output, Category.QA, List.of(), origin);
    }

    private static Map<String, String> choices(JsonNode node) {
        if (!node.isObject() || node.isEmpty()) {
            throw new MalformedRecordException("'options' must be a non-empty object of letter to option text");
        }
        Map<String, String> choices = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isTextual() || field.getValue().textValue().isBlank()) {
                throw new MalformedRecordException("option '" + field.getKey() + "' must be non-empty text");
            }
            choices.put(field.getKey().strip(), field.getValue().textValue().strip());
        }
        return choices;
    }

    /** The correct option's key, from answer_idx, else by matching the answer text; both must agree. */
    private static String answerLetter(JsonNode record, Map<String, String> choices) {
        String answer = optionalText(record, "answer").map(String::strip).orElse("");
        String letter = optionalText(record, "answer_idx").map(String::strip)
                .orElseGet(() -> choices.entrySet().stream().filter(e -> e.getValue().equals(answer))
                        .map(Map.Entry::getKey).findFirst()
                        .orElseThrow(() -> new MalformedRecordException(
                                "no answer_idx, and answer '" + answer + "' matches no option")));
        if (!choices.containsKey(letter)) {
            throw new MalformedRecordException("answer_idx '" + letter + "' is not one of the options "
                    + choices.keySet());
        }
        if (!answer.isEmpty() && !answer.equals(choices.get(letter))) {
            throw new MalformedRecordException("answer '" + answer + "' differs from option " + letter + " '"
                    + choices.get(letter) + "'");
        }
        return letter;
    }

    private CandidateTask pubMedQa(JsonNode record, String origin) {
        String question = requiredText(record, "QUESTION", "question").strip();
        String context = context(record);
        String decision = requiredText(record, "final_decision", "answer").strip().toLowerCase(Locale.ROOT);
        if (!DECISIONS.contains(decision)) {
            throw new MalformedRecordException("final_decision '" + decision + "' is not yes, no or maybe");
        }
        String input = "Context: " + context + "\nQuestion: " + question;
        return new CandidateTask(PUBMEDQA_TEMPLATES.choose(options.seed(), input), input, decision, Category.QA,
                List.of(), origin);
    }

    private static String context(JsonNode record) {
        JsonNode node = record.has("CONTEXTS") ? record.get("CONTEXTS") : record.get("context");
        if (node != null && node.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode part : node) {
                if (!part.isTextual()) {
                    throw new MalformedRecordException("context entries must be strings");
                }
                parts.add(part.textValue().strip());
            }
            String joined = String.join(" ", parts).strip();
            if (!joined.isEmpty()) {
                return joined;
            }
        }
        if (node != null && node.isTextual() && !node.textValue().isBlank()) {
            return node.textValue().strip();
        }
        throw new MalformedRecordException("missing or empty context (CONTEXTS or context, a list or a string)");
    }

    /** {@code {"<pmid>": {...}}} -> the inner record; anything else as it is. */
    private static JsonNode unwrapped(JsonNode record) {
        if (record.size() == 1) {
            JsonNode inner = record.elements().next();
            if (inner.isObject()) {
                return inner;
            }
        }
        return record;
    }
}
