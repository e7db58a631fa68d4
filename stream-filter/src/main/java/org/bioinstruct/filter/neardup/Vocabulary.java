package org.bioinstruct.filter.neardup;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Token ids for the indexed texts, their document frequencies, and each id's place in the current
 * global order. Ids are dense from 0; a text that is only looked up gives its unknown tokens temporary
 * negative ids, which match nothing indexed, so rejected texts never grow the vocabulary.
 *
 * <p>The order is a snapshot ({@link #snapshot}): tokens by ascending document frequency at snapshot
 * time, ties by the static {@link TokenOrder} and then by id, each given its rank from 1. A token first
 * seen after the snapshot counts as rarest: it gets the next order down from -1. Each id thus has its own
 * order, so an order stands for its token. Tokens of looked-up texts that no indexed text has get
 * {@link #UNKNOWN_ORDER} (ties by their temporary ids), equal to no id's. Between snapshots a token's
 * order never changes, so indexed texts and queries always share one order.
 */
final class Vocabulary {
    private final TokenOrder tokenOrder;
    private final Map<String, Integer> ids = new HashMap<>();
    private int[] orders = new int[1024];
    private int[] documentFrequencies = new int[1024];
    private long tokenChars;
    private int nextNewOrder = -1;

    /** The order of tokens no indexed text has (in looked-up texts only); no id has it. */
    static final int UNKNOWN_ORDER = Integer.MIN_VALUE;

    Vocabulary(TokenOrder tokenOrder) {
        this.tokenOrder = tokenOrder;
    }

    /** A text's token ids in sequence, and its elements in the global order (see {@link #orderKey}). */
    record Encoded(int[] sequence, long[] orderedKeys) {
        int length() {
            return sequence.length;
        }

        /** Whether every token has an id (no temporary one from a lookup), so the encoding can be indexed. */
        boolean allKnown() {
            for (int id : sequence) {
                if (id < 0) {
                    return false;
                }
            }
            return true;
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
            keys[i] = orderKey(id >= 0 ? orders[id] : UNKNOWN_ORDER, id);
        }
        Arrays.sort(keys);
        return new Encoded(sequence, keys);
    }

    /** Counts one more document holding each distinct token of {@code orderedKeys} (sorted keys). */
    void countDocument(long[] orderedKeys) {
        for (int i = 0; i < orderedKeys.length; i++) {
            if (i == 0 || orderedKeys[i] != orderedKeys[i - 1]) {
                documentFrequencies[idOf(orderedKeys[i])]++;
            }
        }
    }

    /** Takes a new order from the current document frequencies; every indexed text must be re-ordered. */
    void snapshot() {
        int count = ids.size();
        int[] staticOrders = new int[count];
        for (Map.Entry<String, Integer> entry : ids.entrySet()) {
            staticOrders[entry.getValue()] = tokenOrder.of(entry.getKey());
        }
        long[] byFrequency = new long[count];
        for (int id = 0; id < count; id++) {
            // frequency (below 2^31) then static order (flipped to unsigned) in one long; ties broken by id below
            byFrequency[id] = ((long) documentFrequencies[id] << 32) | ((staticOrders[id] ^ Integer.MIN_VALUE) & 0xFFFFFFFFL);
        }
        Integer[] sorted = new Integer[count];
        for (int id = 0; id < count; id++) {
            sorted[id] = id;
        }
        Arrays.sort(sorted, (a, b) -> byFrequency[a] != byFrequency[b]
                ? Long.compare(byFrequency[a], byFrequency[b]) : Integer.compare(a, b));
        for (int rank = 0; rank < count; rank++) {
            orders[sorted[rank]] = rank + 1;
        }
        nextNewOrder = -1;
    }

    /** Sorting these sorts by the current order, ties (only unknown tokens) by id; equal tokens end up adjacent. */
    long orderKey(int id) {
        return orderKey(orders[id], id);
    }

    static long orderKey(int order, int id) {
        return ((long) order << 32) | ((id ^ Integer.MIN_VALUE) & 0xFFFFFFFFL);
    }

    static int orderOf(long orderKey) {
        return (int) (orderKey >> 32);
    }

    static int idOf(long orderKey) {
        return (int) orderKey ^ Integer.MIN_VALUE;
    }

    int size() {
        return ids.size();
    }

    long approximateBytes() {
        // HashMap node 32 + table slot 4 + String 24 + byte[] header 16 + Integer 16, plus the order array
        return ids.size() * 92L + tokenChars + 32 + 8L * orders.length;
    }

    private int intern(String token) {
        int id = ids.size();
        if (id == orders.length) {
            orders = Arrays.copyOf(orders, id * 2);
            documentFrequencies = Arrays.copyOf(documentFrequencies, id * 2);
        }
        if (nextNewOrder == UNKNOWN_ORDER) {
            throw new IllegalStateException("over 2^31 new tokens since the last snapshot");
        }
        orders[id] = nextNewOrder--;
        ids.put(token, id);
        tokenChars += token.length();
        return id;
    }
}
