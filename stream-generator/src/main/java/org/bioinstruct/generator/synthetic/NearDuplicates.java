package org.bioinstruct.generator.synthetic;

import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.bioinstruct.generator.CandidateTask;

/**
 * Light rewordings of an earlier task, as an LLM produces when it half-remembers its own output: a
 * politeness prefix, a brevity request, a synonym for the leading verb. They differ from the original
 * after exact-dedup normalization, but their ROUGE-L against it stays far above 0.7, so only a
 * near-duplicate filter catches them.
 */
final class NearDuplicates {
    private static final List<String[]> VERB_SYNONYMS = List.of(
            new String[] {"Identify", "Find"}, new String[] {"List", "Name"}, new String[] {"Explain", "Describe"},
            new String[] {"Summarize", "Briefly summarize"}, new String[] {"Extract", "Pull out"},
            new String[] {"Classify", "Categorize"}, new String[] {"Rewrite", "Rephrase"},
            new String[] {"Which", "What"}, new String[] {"Convert", "Translate"}, new String[] {"Give", "Provide"});

    private static final List<UnaryOperator<String>> REWORDINGS = List.of(
            NearDuplicates::politely,
            instruction -> instruction + " Be concise.",
            NearDuplicates::withSynonymVerb);

    private NearDuplicates() {
    }

    static CandidateTask reword(CandidateTask original, Pick pick) {
        String instruction = pick.one(REWORDINGS).apply(original.instruction());
        return new CandidateTask(instruction, original.input(), original.output(), original.proposedCategory());
    }

    private static String politely(String instruction) {
        return "Please " + Character.toLowerCase(instruction.charAt(0)) + instruction.substring(1);
    }

    private static String withSynonymVerb(String instruction) {
        for (String[] pair : VERB_SYNONYMS) {
            if (instruction.startsWith(pair[0] + " ")) {
                return pair[1] + instruction.substring(pair[0].length());
            }
        }
        return "Kindly " + instruction.substring(0, 1).toLowerCase(Locale.ROOT) + instruction.substring(1);
    }
}
