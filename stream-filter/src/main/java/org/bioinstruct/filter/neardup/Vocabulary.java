package org.bioinstruct.filter.neardup;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Token ids for the indexed texts, and each id's place in the static {@link TokenOrder}. Ids are dense
 * from 0; a text that is only looked up gives its unknown tokens temporary negative ids, which match
 * nothing indexed, so rejected texts never grow the vocabulary.
 */
final class Vocabulary {
    private final TokenOrder tokenOrder;
    private final Map<String, Integer> ids = new HashMap<>();
    private int[] orders = new int[1024];
    private long tokenChars;

    Vocabulary(TokenOrder tokenOrder) {
        this.tokenOrder = tokenOrder;
    }

    /** A text's token ids in sequence, and its elements in the global order (see {@link #orderKey}). */
    record Encoded(int[] sequence, long[] orderedKeys) {
        int length() {
            return sequence.length;
        }
    }

    Encoded encode(List<String> tokens, boolean intern) {
        int[] sequence = new int[tokens.size()];
        long[] keys = new long[tokens.size()];
        Map<String, Integer> temporary = intern ? Map.of() : new HashMap<>();
        for (int i = 0; i < sequence.length; i++) {
            String token = tokens.get(i);
            Integer id = ids.get(token);
            if (id == null) {
                id = intern ? intern(token) : temporary.computeIfAbsent(token, t -> -1 - temporary.size());
            }
            sequence[i] = id;
            keys[i] = orderKey(id >= 0 ? orders[id] : tokenOrder.of(token), id);
        }
        Arrays.sort(keys);
        return new Encoded(sequence, keys);
    }

    /** Sorting these sorts by static order, ties (hash collisions) by id; equal tokens end up adjacent. */
    long orderKey(int id) {
        return orderKey(orders[id], id);
    }

    static long orderKey(int order, int id) {
        return ((long) order << 32) | ((id ^ Integer.MIN_VALUE) & 0xFFFFFFFFL);
    }

    static int idOf(long orderKey) {
        return (int) orderKey ^ Integer.MIN_VALUE;
    }

    int size() {
        return ids.size();
    }

    long approximateBytes() {
        // HashMap node 32 + table slot 4 + String 24 + byte[] header 16 + Integer 16, plus the order array
        return ids.size() * 92L + tokenChars + 16 + 4L * orders.length;
    }

    private int intern(String token) {
        int id = ids.size();
        if (id == orders.length) {
            orders = Arrays.copyOf(orders, id * 2);
        }
        orders[id] = tokenOrder.of(token);
        ids.put(token, id);
        tokenChars += token.length();
        return id;
    }
}
