package org.bioinstruct.shards;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The share of each category in a mixed shard, e.g. {@code QA:2,IE:1,GEN:1}. Turned into whole-record
 * quotas per shard by largest remainders, so a full shard of size N holds exactly the quotas and they sum
 * to N.
 */
public record CategoryMixture(Map<String, Double> weights) implements Serializable {

    public CategoryMixture {
        weights = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }

    public static CategoryMixture none() {
        return new CategoryMixture(Map.of());
    }

    public boolean isEmpty() {
        return weights.isEmpty();
    }

    public Set<String> categories() {
        return weights.keySet();
    }

    /**
     * Parses {@code CAT:weight,...}; weights are positive numbers, relative to their sum.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static CategoryMixture parse(String value, Set<String> knownCategories) {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (String part : value.split(",")) {
            String[] pair = part.trim().split(":");
            if (pair.length != 2) {
                throw new IllegalArgumentException("expected CATEGORY:weight pairs, e.g. QA:2,IE:1,GEN:1");
            }
            String category = pair[0].trim().toUpperCase(java.util.Locale.ROOT);
            if (!knownCategories.contains(category)) {
                throw new IllegalArgumentException("unknown category " + pair[0].trim() + ", known: "
                        + knownCategories);
            }
            double weight;
            try {
                weight = Double.parseDouble(pair[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("weight of " + category + " is not a number");
            }
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weight of " + category + " must be positive");
            }
            if (weights.put(category, weight) != null) {
                throw new IllegalArgumentException(category + " is listed twice");
            }
        }
        return new CategoryMixture(weights);
    }

    /** Records per category in a full shard of {@code shardSize}; every quota is at least 1. */
    public Map<String, Integer> quotas(int shardSize) {
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Integer> quotas = new LinkedHashMap<>();
        List<Map.Entry<String, Double>> remainders = new ArrayList<>();
        int assigned = 0;
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            double exact = shardSize * e.getValue() / total;
            int whole = (int) Math.floor(exact);
            quotas.put(e.getKey(), whole);
            remainders.add(Map.entry(e.getKey(), exact - whole));
            assigned += whole;
        }
        remainders.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
        for (int i = 0; i < shardSize - assigned; i++) {
            quotas.merge(remainders.get(i).getKey(), 1, Integer::sum);
        }
        quotas.forEach((category, quota) -> {
            if (quota < 1) {
                throw new IllegalArgumentException(category + "'s share of a " + shardSize
                        + "-record shard rounds to 0 records");
            }
        });
        return quotas;
    }
}
