package org.bioinstruct.filter.category;

import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bioinstruct.schemas.avro.Category;

/**
 * Multinomial naive Bayes over binarized task features with Laplace (add-alpha) smoothing and a uniform class
 * prior: the training file's category mix is chosen by us, not a property of the stream. Features never seen
 * in training are skipped, so an unknown word moves no category.
 */
final class NaiveBayes {
    static final double LAPLACE_ALPHA = 1.0;
    private static final Category[] CATEGORIES = Category.values();

    private final Map<Category, Map<String, Integer>> counts;
    private final Map<Category, Double> logDenominators = new EnumMap<>(Category.class);
    private final Set<String> vocabulary;

    private NaiveBayes(Map<Category, Map<String, Integer>> counts, Set<String> vocabulary) {
        this.counts = counts;
        this.vocabulary = vocabulary;
        for (Category category : CATEGORIES) {
            long total = counts.get(category).values().stream().mapToLong(Integer::longValue).sum();
            logDenominators.put(category, Math.log(total + LAPLACE_ALPHA * vocabulary.size()));
        }
    }

    static NaiveBayes train(Collection<LabelledTask> tasks) {
        Map<Category, Map<String, Integer>> counts = new EnumMap<>(Category.class);
        for (Category category : CATEGORIES) {
            counts.put(category, new HashMap<>());
        }
        Set<String> vocabulary = new HashSet<>();
        for (LabelledTask task : tasks) {
            Map<String, Integer> perCategory = counts.get(task.category());
            for (String feature : TaskFeatures.of(task.instruction(), task.input())) {
                perCategory.merge(feature, 1, Integer::sum);
                vocabulary.add(feature);
            }
        }
        return new NaiveBayes(counts, vocabulary);
    }

    /** Log-likelihood of the features under each category, indexed by {@link Category#ordinal()}. */
    double[] logLikelihoods(Set<String> features) {
        double[] scores = new double[CATEGORIES.length];
        for (String feature : features) {
            if (vocabulary.contains(feature)) {
                for (Category category : CATEGORIES) {
                    scores[category.ordinal()] += logProbability(feature, category);
                }
            }
        }
        return scores;
    }

    /** The known features that favour {@code category} most over the average of the others, strongest first. */
    List<String> strongestCues(Set<String> features, Category category, int limit) {
        return features.stream()
                .filter(vocabulary::contains)
                .filter(feature -> lift(feature, category) > 0)
                .sorted(Comparator.comparingDouble((String feature) -> -lift(feature, category))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(limit)
                .toList();
    }

    private double lift(String feature, Category category) {
        double others = 0;
        for (Category other : CATEGORIES) {
            if (other != category) {
                others += logProbability(feature, other);
            }
        }
        return logProbability(feature, category) - others / (CATEGORIES.length - 1);
    }

    private double logProbability(String feature, Category category) {
        int count = counts.get(category).getOrDefault(feature, 0);
        return Math.log(count + LAPLACE_ALPHA) - logDenominators.get(category);
    }
}
