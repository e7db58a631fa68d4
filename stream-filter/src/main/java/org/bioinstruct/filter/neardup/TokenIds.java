package org.bioinstruct.filter.neardup;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Dense ids for tokens, found where each token lies in a lowercased text, so a lookup makes no String. A
 * text's tokens are {@link org.bioinstruct.schemas.text.RougeTokenizer}'s: the runs of [a-z0-9] in the text lowercased with
 * {@code toLowerCase(Locale.ROOT)}.
 *
 * <p>{@link #find} works in passes of independent loads (tokenize and hash; read every token's home slot;
 * follow the slots; read every candidate's characters; compare), because a lookup is a chain of cache misses
 * whose branches would otherwise make each token's misses wait for the previous token's.
 */
final class TokenIds {
    /** Open addressing, at most half full: per slot the token's hash (high half) and its id + 1 (low; 0 free). */
    private long[] slots = new long[2048];
    /** The tokens' characters one after another in id order: token id is {@code chars[starts[id], starts[id + 1])}. */
    private byte[] chars = new byte[8192];
    private int[] starts = new int[1025];
    private int size;

    /** The last {@link #find}'s tokens: their spans in the text, hashes, slot words and ids (-1 unknown). */
    private int count;
    private int[] tokenStart = new int[64];
    private int[] tokenEnd = new int[64];
    private int[] tokenHash = new int[64];
    private long[] tokenSlot = new long[64];
    private int[] tokenId = new int[64];
    private int[] charsAt = new int[64];
    /** Keeps the touched characters live so their loads are not optimized away. */
    private int sink;

    /** Tokenizes {@code lower} and looks every token up: returns the number of tokens; see {@link #id}. */
    int find(String lower) {
        tokenize(lower);
        int mask = slots.length - 1;
        for (int i = 0; i < count; i++) {
            tokenSlot[i] = slots[slot(tokenHash[i], mask)];
        }
        for (int i = 0; i < count; i++) {
            long word = tokenSlot[i];
            // a home slot holding another hash sends the token to the slow path, as does a free one
            tokenId[i] = word != 0 && (int) (word >>> 32) == tokenHash[i] ? (int) word - 1 : -1;
        }
        for (int i = 0; i < count; i++) {
            charsAt[i] = starts[Math.max(tokenId[i], 0)];
        }
        int touched = 0;
        for (int i = 0; i < count; i++) {
            touched += chars[charsAt[i]];
        }
        for (int i = 0; i < count; i++) {
            if (tokenId[i] < 0 || !matches(lower, i, tokenId[i])) {
                tokenId[i] = probe(lower, i);
            }
        }
        sink += touched;
        return count;
    }

    /** The id of token i of the last {@link #find}, or -1 when it has none. */
    int id(int i) {
        return tokenId[i];
    }

    /** Token i of the last {@link #find}, as a String. */
    String text(String lower, int i) {
        return lower.substring(tokenStart[i], tokenEnd[i]);
    }

    /** Token i of the last {@link #find}: its id, made now if it has none (an earlier token may have made it). */
    int intern(String lower, int i) {
        int id = probe(lower, i);
        if (id >= 0) {
            return id;
        }
        id = size;
        int start = starts[id];
        int length = tokenEnd[i] - tokenStart[i];
        if (start + length > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(2 * chars.length, start + length));
        }
        for (int c = 0; c < length; c++) {
            chars[start + c] = (byte) lower.charAt(tokenStart[i] + c);
        }
        if (id + 2 > starts.length) {
            starts = Arrays.copyOf(starts, 2 * starts.length);
        }
        starts[id + 1] = start + length;
        size++;
        if (2 * size > slots.length) {
            rehash(2 * slots.length);
        } else {
            place(id, tokenHash[i]);
        }
        tokenId[i] = id;
        return id;
    }

    String token(int id) {
        return new String(chars, starts[id], starts[id + 1] - starts[id], StandardCharsets.ISO_8859_1);
    }

    int size() {
        return size;
    }

    long approximateBytes() {
        return 8L * slots.length + chars.length + 4L * starts.length;
    }

    private void tokenize(String lower) {
        count = 0;
        int length = lower.length();
        for (int i = 0; i < length; ) {
            char c = lower.charAt(i);
            if (!isTokenChar(c)) {
                i++;
                continue;
            }
            int start = i;
            int hash = 0;
            do {
                hash = 31 * hash + c;
            } while (++i < length && isTokenChar(c = lower.charAt(i)));
            if (count == tokenStart.length) {
                grow();
            }
            tokenStart[count] = start;
            tokenEnd[count] = i;
            tokenHash[count] = hash;
            count++;
        }
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private boolean matches(String lower, int i, int id) {
        int start = starts[id];
        int length = starts[id + 1] - start;
        if (tokenEnd[i] - tokenStart[i] != length) {
            return false;
        }
        for (int c = 0; c < length; c++) {
            if (chars[start + c] != lower.charAt(tokenStart[i] + c)) {
                return false;
            }
        }
        return true;
    }

    /** Token i's id by walking its probe sequence, or -1. */
    private int probe(String lower, int i) {
        int hash = tokenHash[i];
        int mask = slots.length - 1;
        for (int slot = slot(hash, mask); ; slot = (slot + 1) & mask) {
            long word = slots[slot];
            if (word == 0) {
                return -1;
            }
            if ((int) (word >>> 32) == hash && matches(lower, i, (int) word - 1)) {
                return (int) word - 1;
            }
        }
    }

    private void place(int id, int hash) {
        int mask = slots.length - 1;
        int slot = slot(hash, mask);
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = ((long) hash << 32) | (id + 1);
    }

    private void rehash(int slotCount) {
        slots = new long[slotCount];
        for (int id = 0; id < size; id++) {
            place(id, token(id).hashCode());
        }
    }

    private static int slot(int hash, int mask) {
        int h = hash * 0x9E3779B9;
        return (h ^ (h >>> 15)) & mask;
    }

    private void grow() {
        int grown = 2 * tokenStart.length;
        tokenStart = Arrays.copyOf(tokenStart, grown);
        tokenEnd = Arrays.copyOf(tokenEnd, grown);
        tokenHash = Arrays.copyOf(tokenHash, grown);
        tokenSlot = Arrays.copyOf(tokenSlot, grown);
        tokenId = Arrays.copyOf(tokenId, grown);
        charsAt = Arrays.copyOf(charsAt, grown);
    }
}
