package org.bioinstruct.filter.category;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses one flat JSON object whose values are strings, numbers, booleans or null (kept as text), which is
 * all the labelled-task files need; the filter has no JSON library of its own.
 */
final class FlatJson {
    private final String text;
    private final String where;
    private int pos;

    private FlatJson(String text, String where) {
        this.text = text;
        this.where = where;
    }

    static Map<String, String> parse(String text, String where) {
        return new FlatJson(text, where).object();
    }

    private Map<String, String> object() {
        Map<String, String> fields = new LinkedHashMap<>();
        expect('{');
        skipSpace();
        if (peek() == '}') {
            pos++;
            return fields;
        }
        do {
            skipSpace();
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            String value = peek() == '"' ? string() : bareValue();
            if (value != null) {
                fields.put(key, value);
            }
            skipSpace();
        } while (consume(','));
        expect('}');
        skipSpace();
        if (pos != text.length()) {
            throw error("trailing characters");
        }
        return fields;
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = next();
            switch (escaped) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw error("short \\u escape");
                    }
                    out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> out.append(escaped);
            }
        }
    }

    private String bareValue() {
        int start = pos;
        while (pos < text.length() && ",} \t".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        String value = text.substring(start, pos);
        if (value.isEmpty() || value.startsWith("{") || value.startsWith("[")) {
            throw error("only flat string, number, boolean or null values are supported");
        }
        return value.equals("null") ? null : value;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean consume(char c) {
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!consume(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(where + ": " + message + " at column " + (pos + 1));
    }
}
