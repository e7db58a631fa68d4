package org.bioinstruct.schemas.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tokenizer of Google's rouge_score without stemming: lowercase, every run of characters outside
 * [a-z0-9] is a separator, so accented and other non-ASCII letters split words ("café" gives "caf").
 */
public final class RougeTokenizer {
    private RougeTokenizer() {
    }

    public static List<String> tokens(String text) {
        String lower = isAscii(text) ? text : text.toLowerCase(Locale.ROOT);
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < lower.length(); i++) {
            char c = asciiLower(lower.charAt(i));
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                token.append(c);
            } else if (!token.isEmpty()) {
                tokens.add(token.toString());
                token.setLength(0);
            }
        }
        if (!token.isEmpty()) {
            tokens.add(token.toString());
        }
        return tokens;
    }

    // Python's str.lower() maps a few non-ASCII letters to ASCII (KELVIN SIGN to "k", "İ" to "i" plus a
    // combining dot); String.toLowerCase(Locale.ROOT) does the same, so only non-ASCII text needs it.
    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 127) {
                return false;
            }
        }
        return true;
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
