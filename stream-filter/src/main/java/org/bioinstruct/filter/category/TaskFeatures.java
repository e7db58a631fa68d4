package org.bioinstruct.filter.category;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words a task is judged by: lower-cased word unigrams and bigrams of the instruction (digits folded to
 * 0, a start marker so "^ what" differs from a "what" inside), the first words of the input, and whether the
 * input is empty or asks a question. Each feature counts once per task (binarized naive Bayes), which suits
 * one-sentence instructions better than raw counts.
 */
final class TaskFeatures {
    static final String START = "^";
    static final int INPUT_WORDS = 2;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’-][\\p{L}\\p{N}]+)*");
    private static final Pattern DIGIT = Pattern.compile("\\p{N}");

    private TaskFeatures() {
    }

    static Set<String> of(String instruction, String input) {
        Set<String> features = new LinkedHashSet<>();
        List<String> words = words(instruction);
        String previous = START;
        for (String word : words) {
            features.add(word);
            features.add(previous + " " + word);
            previous = word;
        }
        if (input.isBlank()) {
            features.add("input:none");
        } else {
            words(input).stream().limit(INPUT_WORDS).forEach(word -> features.add("input:" + word));
            if (input.contains("?")) {
                features.add("input:question");
            }
        }
        return features;
    }

    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            words.add(DIGIT.matcher(matcher.group()).replaceAll("0"));
        }
        return words;
    }
}
