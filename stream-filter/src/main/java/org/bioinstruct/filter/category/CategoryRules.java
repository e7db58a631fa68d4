package org.bioinstruct.filter.category;

import java.util.List;
import java.util.regex.Pattern;
import org.bioinstruct.schemas.avro.Category;

/**
 * BioInstruct's high-precision category rules. Strong rules add ln 20 (a cue 20 times likelier under their
 * category), the question-form rule ln 8 because classification tasks are sometimes phrased as questions.
 * The convention they encode: QA answers a question, IE extracts, identifies or labels spans, entities,
 * relations or values in a given text, GEN writes, summarizes, rewrites or explains, OTHER classifies a whole
 * text, converts units, calculates, sorts or counts.
 */
public final class CategoryRules {
    public static final double STRONG = Math.log(20);
    public static final double MODERATE = Math.log(8);
    private static final int I = Pattern.CASE_INSENSITIVE;
    private static final String POLITE = "^\\s*(?:(?:please|kindly)[,]?\\s+)?";

    private CategoryRules() {
    }

    public static List<CategoryRule> all() {
        return List.of(
                // Three lettered options in order (A. / B) / (C) ...), in either field: a multiple-choice item.
                new CategoryRule("answer-options", Category.QA, options(), false, STRONG),
                new CategoryRule("answer-options-in-input", Category.QA, options(), true, STRONG),
                new CategoryRule("question-form", Category.QA,
                        Pattern.compile(POLITE + "(?:what|which|who|whom|whose|when|where|why|how|is|are|does|do|can"
                                + "|should|could|would|will|in what|in which|on which)\\b[^\\n]*\\?\\s*"
                                + "(?:(?:answer|respond|reply)[^\\n]*)?$", I), false, MODERATE),
                new CategoryRule("extract", Category.IE,
                        Pattern.compile("\\b(?:extract|pull out|pick out|tag|highlight)\\b", I), false, STRONG),
                new CategoryRule("identify-all-mentions", Category.IE,
                        Pattern.compile("\\b(?:identify|list|find|name|locate|recognize|mark|enumerate)\\s+(?:all|every"
                                + "|each)\\b|\\b(?:identify|list|find|name|enumerate)\\b[^?]*\\bmentioned\\b", I),
                        false, STRONG),
                new CategoryRule("write-summarize-rewrite", Category.GEN,
                        Pattern.compile(POLITE + "(?:summari[sz]e|rewrite|paraphrase|rephrase|compose|draft"
                                + "|write\\s+(?:a|an|one|two|three|short|brief|some)\\b)", I), false, STRONG),
                new CategoryRule("unit-conversion", Category.OTHER,
                        Pattern.compile("\\bconvert\\b[^\\n]*\\bfrom\\b[^\\n]*\\bto\\b|\\b(?:calculate|compute)\\b", I),
                        false, STRONG));
    }

    private static Pattern options() {
        return Pattern.compile("(?s)(?:^|\\s|\\()A[.)]\\s.+?(?:^|\\s|\\()B[.)]\\s.+?(?:^|\\s|\\()C[.)]\\s");
    }
}
