package org.bioinstruct.generator;

import java.util.Arrays;

/** A set of longs without boxing: open addressing, linear probing, grows at half full. */
public final class LongHashSet {
    private static final long EMPTY = 0L;

    private long[] slots = new long[1024];
    private boolean containsZero;
    private int size;

    /** Adds {@code value}; false when it was already there. */
    public boolean add(long value) {
        if (value == EMPTY) {
            boolean added = !containsZero;
            containsZero = true;
            size += added ? 1 : 0;
            return added;
        }
        if (2 * (size + 1) > slots.length) {
            grow();
        }
        return insert(slots, value);
    }

    public int size() {
        return size;
    }

    private boolean insert(long[] table, long value) {
        int mask = table.length - 1;
        for (int i = mix(value) & mask; ; i = (i + 1) & mask) {
            if (table[i] == EMPTY) {
                table[i] = value;
                size++;
                return true;
            }
            if (table[i] == value) {
                return false;
            }
        }
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        int kept = size;
        size = 0;
        Arrays.stream(old).filter(v -> v != EMPTY).forEach(v -> insert(slots, v));
        size = kept;
    }

    private static int mix(long value) {
        long h = value * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
