package org.bioinstruct.generator.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bioinstruct.generator.CandidateTask;
import org.bioinstruct.schemas.avro.Category;

/**
 * Relation extraction in the BLUE TSV layout: {@code id<TAB>sentence<TAB>label} (or
 * {@code sentence<TAB>label}) with the two entities masked as {@code @GENE$}, {@code @DISEASE$},
 * {@code @CHEMICAL$}, ...; a first line whose last column is {@code label} is a header.
 */
final class RelationTsvReader extends LineRecordReader {
    static final Paraphrases BINARY_TEMPLATES = new Paraphrases("re-binary", List.of(
            "Does the sentence describe a relation between {pair}? Answer yes or no.",
            "Based on the sentence, is there an association between {pair}? Reply with yes or no.",
            "Read the sentence and decide whether it reports a link between {pair}. Answer yes or no.",
            "In the following text, are {pair} related? Answer yes or no.",
            "Determine whether the sentence asserts a relationship between {pair}, answering yes or no."));
    static final Paraphrases CLASS_TEMPLATES = new Paraphrases("re-class", List.of(
            "Which relation holds between {pair} in the sentence? {choices}",
            "Classify the relationship the sentence states between {pair}. {choices}",
            "Identify the type of interaction between {pair} described in the text. {choices}",
            "Read the sentence and label the relation between {pair}. {choices}",
            "What kind of relation does the sentence express between {pair}? {choices}"));
    private static final Pattern MASK = Pattern.compile("@[A-Z][A-Z_]*\\$");
    private static final Pattern TAB = Pattern.compile("\t");

    private final CorpusOptions options;
    private boolean firstRecord = true;

    RelationTsvReader(LineCursor lines, CorpusOptions options, CorpusErrorListener errors) {
        super(lines, errors);
        this.options = options;
    }

    @Override
    Optional<CandidateTask> parse(String line, int lineNumber, String origin) {
        String[] columns = TAB.split(line, -1);
        if (columns.length < 2 || columns.length > 3) {
            throw new MalformedRecordException("expected id<TAB>sentence<TAB>label, found " + columns.length
                    + (columns.length == 1 ? " column" : " columns"));
        }
        String label = columns[columns.length - 1].strip();
        boolean header = firstRecord && label.equalsIgnoreCase("label");
        firstRecord = false;
        if (header) {
            return Optional.empty();
        }
        String sentence = columns[columns.length - 2].strip();
        if (sentence.isEmpty() || label.isEmpty()) {
            throw new MalformedRecordException(sentence.isEmpty() ? "empty sentence" : "empty label");
        }
        List<String> masks = masks(sentence);
        if (masks.size() < 2) {
            throw new MalformedRecordException("expected two masked entities such as @GENE$ and @DISEASE$, found "
                    + masks.size());
        }
        return Optional.of(task(sentence, RelationLabel.of(label, masks), masks, origin));
    }

    private CandidateTask task(String sentence, RelationLabel label, List<String> masks, String origin) {
        boolean binary = label.scheme() == RelationLabel.Scheme.BINARY;
        String choices = label.scheme().choices().isEmpty() ? "Answer with the relation label."
                : "Answer with one of: " + label.scheme().choices() + ".";
        String instruction = (binary ? BINARY_TEMPLATES : CLASS_TEMPLATES).choose(options.seed(), sentence)
                .replace("{pair}", pair(masks))
                .replace("{choices}", choices);
        return new CandidateTask(instruction, sentence, label.answer(), Category.IE, List.of(), origin);
    }

    private static List<String> masks(String sentence) {
        List<String> masks = new ArrayList<>();
        Matcher matcher = MASK.matcher(sentence);
        while (matcher.find()) {
            masks.add(matcher.group());
        }
        return masks;
    }

    /** "@GENE$ and @DISEASE$", or "the two @DRUG$ entities" when both carry the same mask. */
    private static String pair(List<String> masks) {
        String first = masks.get(0);
        return masks.stream().skip(1).filter(mask -> !mask.equals(first)).findFirst()
                .map(second -> first + " and " + second)
                .orElse("the two " + first + " entities");
    }
}
