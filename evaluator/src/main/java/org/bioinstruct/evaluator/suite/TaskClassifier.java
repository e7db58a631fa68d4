package org.bioinstruct.evaluator.suite;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bioinstruct.schemas.shards.Example;

/**
 * Decides how a held-out example is scored from its category and the layout of its gold output: QA (and OTHER)
 * as multiple choice when it lists options or has a closed label set, else exact match for a short answer,
 * else ROUGE-L; IE as BIO spans, relation sets or entity sets; GEN as generation (ROUGE-L and the judge).
 */
public final class TaskClassifier {
    /** Answers of at most this many words are short answers, scored by exact match. */
    public static final int SHORT_ANSWER_WORDS = 5;
    private static final List<String> NLI_LABELS = List.of("entailment", "neutral", "contradiction");

    private TaskClassifier() {
    }

    public static EvalTask classify(Example example) {
        return switch (example.category()) {
            case IE -> extraction(example.output());
            case GEN -> new EvalTask.FreeText(example.output(), true);
            case QA, OTHER -> question(example);
        };
    }

    static EvalTask extraction(String output) {
        if (AnswerFormats.isTagLines(output)) {
            return new EvalTask.BioTagging(AnswerFormats.tokensOfTagLines(output), AnswerFormats.tagsOfTagLines(output));
        }
        Set<String> items = AnswerFormats.items(output);
        return new EvalTask.ItemSet(List.copyOf(items), AnswerFormats.isRelationList(items));
    }

    static EvalTask question(Example example) {
        String gold = example.output().strip();
        if (gold.isEmpty()) {
            return new EvalTask.ShortAnswer(gold);
        }
        String letter = AnswerFormats.optionLetter(gold);
        if (letter != null) {
            List<String> options = AnswerFormats.optionLines(example.input() + "\n" + example.instruction());
            for (int i = 0; i < options.size(); i++) {
                if (options.get(i).equals(gold)) {
                    return new EvalTask.MultipleChoice(options, i);
                }
            }
        }
        String label = gold.toLowerCase(Locale.ROOT).replaceAll("[.!]+$", "");
        List<String> labels = closedLabels(example, label);
        if (!labels.isEmpty()) {
            boolean capitalized = Character.isUpperCase(gold.charAt(0));
            List<String> options = labels.stream().map(l -> capitalized ? capitalize(l) : l).toList();
            return new EvalTask.MultipleChoice(options, labels.indexOf(label));
        }
        if (gold.split("\\s+").length <= SHORT_ANSWER_WORDS) {
            return new EvalTask.ShortAnswer(gold);
        }
        return new EvalTask.FreeText(gold, false);
    }

    private static List<String> closedLabels(Example example, String label) {
        if (NLI_LABELS.contains(label)) {
            return NLI_LABELS;
        }
        if (label.equals("yes") || label.equals("no") || label.equals("maybe")) {
            String prompt = (example.instruction() + " " + example.input()).toLowerCase(Locale.ROOT);
            return label.equals("maybe") || prompt.contains("maybe") ? List.of("yes", "no", "maybe") : List.of("yes", "no");
        }
        return List.of();
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
