package org.bioinstruct.filter.category;

import java.util.Locale;
import org.bioinstruct.schemas.avro.Category;

/** Counts of (true category, predicted category) pairs, with accuracy and a printable table. */
public final class ConfusionMatrix {
    private static final Category[] CATEGORIES = Category.values();
    private final int[][] counts = new int[CATEGORIES.length][CATEGORIES.length];
    private int total;

    public void add(Category truth, Category predicted) {
        counts[truth.ordinal()][predicted.ordinal()]++;
        total++;
    }

    public int count(Category truth, Category predicted) {
        return counts[truth.ordinal()][predicted.ordinal()];
    }

    public int total() {
        return total;
    }

    public double accuracy() {
        int correct = 0;
        for (Category category : CATEGORIES) {
            correct += count(category, category);
        }
        return total == 0 ? 0 : (double) correct / total;
    }

    /** Recall of one category: the share of its tasks predicted as it. */
    public double recall(Category truth) {
        int row = 0;
        for (Category predicted : CATEGORIES) {
            row += count(truth, predicted);
        }
        return row == 0 ? 0 : (double) count(truth, truth) / row;
    }

    /** Rows are the true categories, columns the predicted ones. */
    @Override
    public String toString() {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-14s", "true\\predicted"));
        for (Category predicted : CATEGORIES) {
            table.append(String.format(Locale.ROOT, "%7s", predicted));
        }
        table.append(String.format(Locale.ROOT, "%9s%n", "recall"));
        for (Category truth : CATEGORIES) {
            table.append(String.format(Locale.ROOT, "%-14s", truth));
            for (Category predicted : CATEGORIES) {
                table.append(String.format(Locale.ROOT, "%7d", count(truth, predicted)));
            }
            table.append(String.format(Locale.ROOT, "%9.3f%n", recall(truth)));
        }
        return table.append(String.format(Locale.ROOT, "accuracy %.3f (%d tasks)", accuracy(), total)).toString();
    }
}
