package org.bioinstruct.schemas.split;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.avro.Split;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;

/**
 * Which accepted examples go into a shard: every EVAL example, and the TRAIN examples of the selected
 * training categories ({@code shards.categories}; all by default, e.g. only QA for the paper's "QA only"
 * ablation). Evaluation keeps every category, so every ablation is evaluated on the same held-out set. The
 * shard-builder applies this rule; the demo and the audit count with it, so they expect in shards exactly
 * what the shard-builder writes.
 */
public final class ShardSelection implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String EVAL_FRACTION = "shards.eval.fraction";
    /** {@code shards.eval.fraction.QA=0.2} overrides the eval fraction of one category. */
    public static final String CATEGORY_EVAL_FRACTION_PREFIX = EVAL_FRACTION + ".";
    public static final String CATEGORIES = "shards.categories";
    /** {@code QA:2,IE:1}: its categories are the training selection unless {@code shards.categories} says so too. */
    public static final String MIXTURE = "shards.mixture";
    public static final double DEFAULT_EVAL_FRACTION = 0.1;
    public static final List<String> ALL_CATEGORIES = Arrays.stream(Category.values()).map(Enum::name).toList();

    private final SplitAssigner splits;
    private final List<String> trainingCategories;

    /** @param trainingCategories the categories whose TRAIN examples go into shards, in shard-key order */
    public ShardSelection(SplitAssigner splits, Collection<String> trainingCategories) {
        trainingCategories.stream().filter(c -> !ALL_CATEGORIES.contains(c)).findFirst().ifPresent(c -> {
            throw new IllegalArgumentException("unknown category " + c + "; known: " + ALL_CATEGORIES);
        });
        this.splits = splits;
        this.trainingCategories = List.copyOf(new LinkedHashSet<>(trainingCategories));
    }

    /** Every example goes into a shard. */
    public static ShardSelection everything(SplitAssigner splits) {
        return new ShardSelection(splits, ALL_CATEGORIES);
    }

    /**
     * The split and selection settings of the shard-builder, validated: {@code shards.eval.fraction} (0.1),
     * {@code shards.eval.fraction.<CATEGORY>}, {@code shards.categories} ({@code all} or a list) and the
     * categories named by {@code shards.mixture}. A bad value names its key.
     */
    public static ShardSelection from(Settings settings) {
        SplitAssigner splits = new SplitAssigner(
                settings.doubleValue(EVAL_FRACTION, DEFAULT_EVAL_FRACTION, 0.0, 1.0), categoryEvalFractions(settings));
        return new ShardSelection(splits, trainingCategories(settings));
    }

    public SplitAssigner splits() {
        return splits;
    }

    public List<String> trainingCategories() {
        return trainingCategories;
    }

    public boolean selectsEveryCategory() {
        return trainingCategories.size() == ALL_CATEGORIES.size();
    }

    public boolean sharded(CategorizedExample example) {
        return sharded(example.id(), example.category());
    }

    /** True when the example goes into a shard: its category is selected for training, or it is an EVAL example. */
    public boolean sharded(String instructionId, String category) {
        return trainingCategories.contains(category) || splits.splitOf(instructionId, category) == Split.EVAL;
    }

    @Override
    public String toString() {
        return "training categories " + trainingCategories + ", eval fraction " + splits.evalFraction()
                + (splits.categoryEvalFractions().isEmpty() ? "" : " " + splits.categoryEvalFractions());
    }

    private static List<String> trainingCategories(Settings settings) {
        List<String> mixture = mixtureCategories(settings);
        if (!settings.has(CATEGORIES)) {
            return mixture.isEmpty() ? ALL_CATEGORIES : mixture;
        }
        String value = settings.string(CATEGORIES);
        Set<String> chosen = new LinkedHashSet<>();
        if (value.equalsIgnoreCase("all")) {
            chosen.addAll(ALL_CATEGORIES);
        } else {
            for (String name : value.split(",")) {
                String category = name.trim().toUpperCase(Locale.ROOT);
                if (!ALL_CATEGORIES.contains(category)) {
                    throw new InvalidConfigException(CATEGORIES, value,
                            "unknown category '" + name.trim() + "'; use all or a list of " + ALL_CATEGORIES);
                }
                chosen.add(category);
            }
        }
        if (!mixture.isEmpty()) {
            if (!chosen.equals(Set.copyOf(mixture))) {
                throw new InvalidConfigException(CATEGORIES, value,
                        "differs from the categories of " + MIXTURE + " " + mixture);
            }
            return mixture;
        }
        return ALL_CATEGORIES.stream().filter(chosen::contains).toList();
    }

    /**
     * The category names of {@code shards.mixture}, in its order; empty when unset. Only the names matter
     * here: the shard-builder validates the weights with the mixture itself.
     */
    private static List<String> mixtureCategories(Settings settings) {
        if (!settings.has(MIXTURE)) {
            return List.of();
        }
        String value = settings.string(MIXTURE);
        Set<String> names = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            String[] pair = part.trim().split(":");
            if (pair.length != 2) {
                throw new InvalidConfigException(MIXTURE, value,
                        "expected CATEGORY:weight pairs, e.g. QA:2,IE:1,GEN:1");
            }
            String category = pair[0].trim().toUpperCase(Locale.ROOT);
            if (!ALL_CATEGORIES.contains(category)) {
                throw new InvalidConfigException(MIXTURE, value,
                        "unknown category " + pair[0].trim() + ", known: " + ALL_CATEGORIES);
            }
            names.add(category);
        }
        return List.copyOf(names);
    }

    private static Map<String, Double> categoryEvalFractions(Settings settings) {
        Map<String, Double> fractions = new TreeMap<>();
        for (String key : settings.withPrefix(CATEGORY_EVAL_FRACTION_PREFIX).keySet()) {
            String category = key.toUpperCase(Locale.ROOT);
            String fullKey = CATEGORY_EVAL_FRACTION_PREFIX + key;
            if (!ALL_CATEGORIES.contains(category)) {
                throw new InvalidConfigException(fullKey, settings.string(fullKey),
                        "unknown category; known: " + ALL_CATEGORIES);
            }
            fractions.put(category, settings.doubleValue(fullKey, 0.0, 0.0, 1.0));
        }
        return fractions;
    }
}
