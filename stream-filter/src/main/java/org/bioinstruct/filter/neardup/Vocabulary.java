package org.bioinstruct.filter.neardup;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
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
    private final TokenIds ids = new TokenIds();
    private int[] orders = new int[1024];
    private int[] documentFrequencies = new int[1024];
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

        /** How often the most repeated token occurs. */
        int mostRepeats() {
            int most = 0;
            int run = 0;
            for (int i = 0; i < orderedKeys.length; i++) {
                run = i > 0 && orderedKeys[i] == orderedKeys[i - 1] ? run + 1 : 1;
                most = Math.max(most, run);
            }
            return most;
        }
    }

    /**
     * The text's tokens ({@link org.bioinstruct.schemas.text.RougeTokenizer}'s) as ids. With {@code intern} every
     * new token gets an id; without, new tokens get temporary negative ids, one per distinct token, and the vocabulary is unchanged.
     */
    Encoded encode(String text, boolean intern) {
        // for ASCII text, RougeTokenizer's per-character lowercasing; the text itself when nothing changes
        String lower = text.toLowerCase(Locale.ROOT);
        int length = ids.find(lower);
        int[] sequence = new int[length];
        long[] keys = new long[length];
        Map<String, Integer> temporary = null;
        for (int i = 0; i < length; i++) {
            int id = ids.id(i);
            if (id < 0 && intern) {
                id = intern(lower, i);
            } else if (id < 0) {
                temporary = temporary == null ? new HashMap<>() : temporary;
                Map<String, Integer> unknown = temporary;
                id = unknown.computeIfAbsent(ids.text(lower, i), t -> -1 - unknown.size());
            }
            sequence[i] = id;
        }
        for (int i = 0; i < length; i++) {
            int id = sequence[i];
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
        for (int id = 0; id < count; id++) {
            staticOrders[id] = tokenOrder.of(ids.token(id));
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

    String token(int id) {
        return ids.token(id);
    }

    long approximateBytes() {
        return ids.approximateBytes() + 8L * orders.length;
    }

    private int intern(String lower, int i) {
        int known = ids.size();
        int id = ids.intern(lower, i);
        if (id < known) {
            return id; // an earlier copy of the token in this text made it
        }
        if (id == orders.length) {
            orders = Arrays.copyOf(orders, id * 2);
            documentFrequencies = Arrays.copyOf(documentFrequencies, id * 2);
        }
        if (nextNewOrder == UNKNOWN_ORDER) {
            throw new IllegalStateException("over 2^31 new tokens since the last snapshot");
        }
        orders[id] = nextNewOrder--;
        return id;
    }
}
