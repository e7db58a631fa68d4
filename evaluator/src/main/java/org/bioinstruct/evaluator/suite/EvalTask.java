package org.bioinstruct.evaluator.suite;

import java.util.List;

/** How one evaluation example is scored; {@link #name()} is the EvalMetric's task field. */
public sealed interface EvalTask {
    String name();

    /** Options scored by log-likelihood; {@code gold} indexes {@code options}. */
    record MultipleChoice(List<String> options, int gold) implements EvalTask {
        public MultipleChoice {
            options = List.copyOf(options);
            if (options.size() < 2 || gold < 0 || gold >= options.size()) {
                throw new IllegalArgumentException("need 2+ options and a gold index among them: " + options + " " + gold);
            }
        }

        @Override
        public String name() {
            return "multiple_choice";
        }
    }

    /** A short free answer compared by exact match. */
    record ShortAnswer(String answer) implements EvalTask {
        @Override
        public String name() {
            return "short_answer";
        }
    }

    /** A set of items (entity mentions, or relation pairs when {@code relations}) compared as sets. */
    record ItemSet(List<String> gold, boolean relations) implements EvalTask {
        public ItemSet {
            gold = List.copyOf(gold);
        }

        @Override
        public String name() {
            return relations ? "relations" : "entities";
        }
    }

    /** One BIO tag per token, compared as entity spans. */
    record BioTagging(List<String> tokens, List<String> gold) implements EvalTask {
        public BioTagging {
            tokens = List.copyOf(tokens);
            gold = List.copyOf(gold);
            if (tokens.size() != gold.size()) {
                throw new IllegalArgumentException(tokens.size() + " tokens but " + gold.size() + " tags");
            }
        }

        @Override
        public String name() {
            return "bio_tags";
        }
    }

    /** Free text compared with ROUGE-L (and the LLM judge, when one is configured, for generation). */
    record FreeText(String reference, boolean judged) implements EvalTask {
        @Override
        public String name() {
            return judged ? "generation" : "long_answer";
        }
    }
}
