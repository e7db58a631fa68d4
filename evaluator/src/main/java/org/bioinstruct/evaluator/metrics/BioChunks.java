package org.bioinstruct.evaluator.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Entity chunks of a BIO tag sequence with seqeval's default (non-strict, IOB2) semantics, and span-level
 * precision/recall/F1: a chunk counts only when its type, start and end all match. A chunk starts at {@code B-X},
 * at {@code I-X} after {@code O} or after a chunk of another type (the "I- after O starts a chunk" rule of
 * conlleval), and ends before {@code O}, a {@code B-}, or a tag of another type. Unknown tags count as {@code O}.
 */
public final class BioChunks {
    private BioChunks() {
    }

    /** One entity: its type and token span [start, end). */
    public record Chunk(String type, int start, int end) {
    }

    public static List<Chunk> chunks(List<String> tags) {
        List<Chunk> out = new ArrayList<>();
        String type = null;
        int start = -1;
        for (int i = 0; i <= tags.size(); i++) {
            String tag = i < tags.size() ? tags.get(i).strip() : "O";
            char prefix = prefix(tag);
            String tagType = prefix == 'O' ? "" : tag.substring(2);
            boolean continues = prefix == 'I' && type != null && type.equals(tagType);
            if (type != null && !continues) {
                out.add(new Chunk(type, start, i));
                type = null;
            }
            if (prefix == 'B' || (prefix == 'I' && type == null)) {
                type = tagType;
                start = i;
            }
        }
        return out;
    }

    /** Span counts of one sentence; the predicted tags are padded with O or cut to the gold length. */
    public static Prf count(List<String> predicted, List<String> gold) {
        List<String> aligned = new ArrayList<>(predicted.subList(0, Math.min(predicted.size(), gold.size())));
        while (aligned.size() < gold.size()) {
            aligned.add("O");
        }
        return SetMatch.count(new HashSet<>(chunks(aligned)), Set.copyOf(chunks(gold)));
    }

    private static char prefix(String tag) {
        if (tag.length() > 2 && (tag.startsWith("B-") || tag.startsWith("I-"))) {
            return tag.charAt(0);
        }
        return 'O';
    }
}
