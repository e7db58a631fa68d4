package org.bioinstruct.filter;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bioinstruct.schemas.avro.Category;

/**
 * Rule-based task category. Cues in the instruction (and answer options in the input) score QA, IE and
 * GEN; the highest score wins, the generator's proposal only breaks ties, and no cue at all means OTHER.
 * Confidence is the winner's share of all cue weight (0.5 for OTHER by default).
 */
public final class Categorizer {
    private record Cue(Category category, Pattern pattern, int weight, boolean inInput) {
    }

    private static final int FLAGS = Pattern.CASE_INSENSITIVE;
    private static final List<Category> TIE_ORDER = List.of(Category.IE, Category.QA, Category.GEN);
    private static final List<Cue> CUES = List.of(
            new Cue(Category.QA, Pattern.compile("\\?"), 2, false),
            new Cue(Category.QA, Pattern.compile("^\\s*(which|what|who|whom|whose|when|where|why|how|is|are|does|do|"
                    + "did|can|should)\\b", FLAGS), 2, false),
            new Cue(Category.QA, Pattern.compile("\\b(answer|choose|select the correct|true or false)\\b", FLAGS), 1, false),
            new Cue(Category.QA, Pattern.compile("(?m)^\\s*[A-E][.)]\\s"), 1, true),
            new Cue(Category.IE, Pattern.compile("\\bextract\\w*\\b", FLAGS), 3, false),
            new Cue(Category.IE, Pattern.compile("\\bidentify (all|every|each|the)\\b", FLAGS), 3, false),
            new Cue(Category.IE, Pattern.compile("\\b(list|find|tag|recognize) (all|every|each|the)\\b.*\\b(mentioned|in the "
                    + "following|from the following)\\b", FLAGS), 3, false),
            new Cue(Category.GEN, Pattern.compile("^\\s*(summari[sz]e|rewrite|paraphrase|write|explain|generate|compose|"
                    + "draft|describe|create|translate)\\b", FLAGS), 3, false),
            new Cue(Category.GEN, Pattern.compile("\\b(summary|summari[sz]e|rewrite|paraphrase|plain language)\\b", FLAGS),
                    1, false));

    /** A category with how sure the rules are, in [0, 1]. */
    public record Categorization(Category category, double confidence) {
    }

    public Categorization categorize(String instruction, String input, Category proposed) {
        Map<Category, Integer> scores = new EnumMap<>(Category.class);
        for (Cue cue : CUES) {
            if (cue.pattern().matcher(cue.inInput() ? input : instruction).find()) {
                scores.merge(cue.category(), cue.weight(), Integer::sum);
            }
        }
        int total = scores.values().stream().mapToInt(Integer::intValue).sum();
        if (total == 0) {
            return new Categorization(Category.OTHER, proposed == null || proposed == Category.OTHER ? 0.6 : 0.4);
        }
        int best = scores.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        Category winner = proposed != null && scores.getOrDefault(proposed, 0) == best ? proposed
                : TIE_ORDER.stream().filter(c -> scores.getOrDefault(c, 0) == best).findFirst().orElseThrow();
        return new Categorization(winner, (double) best / total);
    }
}
