package org.bioinstruct.generator.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bioinstruct.generator.CandidateTask;
import org.bioinstruct.schemas.avro.Category;

/**
 * Writes one NER task per sentence. The instruction names every entity type seen in the file so far
 * (not just this sentence's, which would give the answer away); the answer is either
 * {@code token : tag} lines (IOB2, so a stray {@code I-} comes out as {@code B-}) or one
 * {@code mention (type)} line per entity.
 */
final class NerTaskWriter {
    static final Paraphrases TAG_TEMPLATES = new Paraphrases("ner-tags", List.of(
            "Identify all {types} mentions in the sentence and label each token with BIO tags.",
            "Tag every token of the following sentence as B, I or O for {types} entities, writing one token : tag pair per line.",
            "Perform named entity recognition for {types} names and give each token with its BIO tag.",
            "Label the tokens of this biomedical sentence with the BIO scheme, marking {types} entities.",
            "For each token in the text below, write the token and its BIO tag for {types} mentions."));
    static final Paraphrases ENTITY_TEMPLATES = new Paraphrases("ner-entities", List.of(
            "List the {types} entities mentioned in the following text.",
            "Extract every {types} mention from the sentence, one per line with its type.",
            "Which {types} names appear in this sentence? List each of them.",
            "Find all mentions of {types} entities in the passage and list them.",
            "Read the biomedical sentence and enumerate the {types} entities it contains."));
    static final String NO_ENTITIES = "None";

    private final CorpusOptions options;
    private final Set<String> typesSeen = new TreeSet<>();

    NerTaskWriter(CorpusOptions options) {
        this.options = options;
    }

    CandidateTask task(List<String> tokens, List<BioTag> tags, String origin) {
        List<EntitySpan> spans = typed(BioDecoder.decode(tags));
        spans.stream().filter(span -> !span.type().isEmpty())
                .forEach(span -> typesSeen.add(EntityTypes.display(span.type())));
        String sentence = Tokens.join(tokens);
        boolean asTags = answerAsTags(sentence);
        String instruction = (asTags ? TAG_TEMPLATES : ENTITY_TEMPLATES).choose(options.seed(), sentence)
                .replace("{types}", EntityTypes.phrase(new ArrayList<>(typesSeen)));
        String output = asTags ? tagLines(tokens, spans) : entityLines(tokens, spans);
        return new CandidateTask(instruction, sentence, output, Category.IE, List.of(), origin);
    }

    private List<EntitySpan> typed(List<EntitySpan> spans) {
        if (options.nerEntityType().isEmpty()) {
            return spans;
        }
        return spans.stream().map(span -> span.withType(options.nerEntityType())).toList();
    }

    private boolean answerAsTags(String sentence) {
        return switch (options.nerOutput()) {
            case TAGS -> true;
            case ENTITIES -> false;
            case MIXED -> Paraphrases.index(options.seed(), "ner-output", sentence, 2) == 0;
        };
    }

    private static String tagLines(List<String> tokens, List<EntitySpan> spans) {
        List<String> tags = BioDecoder.encode(spans, tokens.size());
        List<String> lines = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            lines.add(tokens.get(i) + " : " + tags.get(i));
        }
        return String.join("\n", lines);
    }

    private static String entityLines(List<String> tokens, List<EntitySpan> spans) {
        if (spans.isEmpty()) {
            return NO_ENTITIES;
        }
        List<String> lines = new ArrayList<>(spans.size());
        for (EntitySpan span : spans) {
            String mention = Tokens.join(tokens.subList(span.start(), span.end()));
            lines.add(span.type().isEmpty() ? mention : mention + " (" + EntityTypes.display(span.type()) + ")");
        }
        return String.join("\n", lines);
    }
}
