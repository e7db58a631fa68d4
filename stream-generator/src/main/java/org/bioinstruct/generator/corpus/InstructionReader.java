package org.bioinstruct.generator.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.bioinstruct.generator.CandidateTask;
import org.bioinstruct.schemas.avro.Category;

/**
 * Ready-made instruction JSONL ({@code instruction}, {@code input}, {@code output}, optional
 * {@code category}), e.g. the BioInstruct release. Texts are taken as they are; a missing input is empty.
 * The category is matched in any case and by common synonyms; a missing or unrecognised one is OTHER
 * (it is only a proposal: the filter assigns the final category).
 */
final class InstructionReader extends JsonLinesReader {
    private static final Pattern SEPARATORS = Pattern.compile("[\\s_\\-]+");
    private static final Map<String, Category> CATEGORY_NAMES = Map.ofEntries(
            Map.entry("qa", Category.QA),
            Map.entry("question answering", Category.QA),
            Map.entry("question", Category.QA),
            Map.entry("answering", Category.QA),
            Map.entry("ie", Category.IE),
            Map.entry("information extraction", Category.IE),
            Map.entry("extraction", Category.IE),
            Map.entry("ner", Category.IE),
            Map.entry("named entity recognition", Category.IE),
            Map.entry("relation extraction", Category.IE),
            Map.entry("gen", Category.GEN),
            Map.entry("generation", Category.GEN),
            Map.entry("text generation", Category.GEN),
            Map.entry("generative", Category.GEN),
            Map.entry("summarization", Category.GEN),
            Map.entry("other", Category.OTHER),
            Map.entry("others", Category.OTHER),
            Map.entry("classification", Category.OTHER));

    InstructionReader(LineCursor lines, CorpusErrorListener errors) {
        super(lines, errors);
    }

    @Override
    CandidateTask toTask(JsonNode record, String origin) {
        String instruction = requiredText(record, "instruction");
        String output = requiredText(record, "output");
        String input = optionalText(record, "input").orElse("");
        Category category = optionalText(record, "category").map(InstructionReader::category).orElse(Category.OTHER);
        return new CandidateTask(instruction, input, output, category, List.of(), origin);
    }

    static Category category(String name) {
        String key = SEPARATORS.matcher(name.strip().toLowerCase(Locale.ROOT)).replaceAll(" ");
        return CATEGORY_NAMES.getOrDefault(key, Category.OTHER);
    }
}
