package org.bioinstruct.generator.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bioinstruct.generator.CandidateTask;
import org.bioinstruct.schemas.avro.Category;

/**
 * MedNLI JSONL: {@code sentence1} (premise), {@code sentence2} (hypothesis), {@code gold_label}. The task
 * is a three-way classification, not a question about biomedical content, so it is proposed as
 * {@link Category#OTHER}.
 */
final class NliReader extends JsonLinesReader {
    static final Paraphrases TEMPLATES = new Paraphrases("nli", List.of(
            "Does the hypothesis follow from the premise? Answer entailment, neutral or contradiction.",
            "Given the clinical premise, decide whether the hypothesis is entailed, contradicted, or neither. "
                    + "Reply with entailment, contradiction or neutral.",
            "Classify the relationship between the premise and the hypothesis as entailment, neutral or contradiction.",
            "Read the patient note and the statement about it. Is the statement entailed by the note, "
                    + "contradicted by it, or neutral? Answer with one word.",
            "Determine the inference label for this premise and hypothesis pair: entailment, neutral, or contradiction."));
    private static final Set<String> LABELS = Set.of("entailment", "neutral", "contradiction");

    private final CorpusOptions options;

    NliReader(LineCursor lines, CorpusOptions options, CorpusErrorListener errors) {
        super(lines, errors);
        this.options = options;
    }

    @Override
    CandidateTask toTask(JsonNode record, String origin) {
        String premise = requiredText(record, "sentence1").strip();
        String hypothesis = requiredText(record, "sentence2").strip();
        String label = requiredText(record, "gold_label").strip().toLowerCase(Locale.ROOT);
        if (!LABELS.contains(label)) {
            throw new MalformedRecordException("gold_label '" + label + "' is not entailment, neutral or contradiction");
        }
        String input = "Premise: " + premise + "\nHypothesis: " + hypothesis;
        return new CandidateTask(TEMPLATES.choose(options.seed(), input), input, label, Category.OTHER, List.of(),
                origin);
    }
}
