package org.bioinstruct.generator.synthetic;

import java.util.List;

/** Small English helpers for filling templates. */
final class Text {
    private Text() {
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** "a", "a and b", "a, b and c". */
    static String series(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    static String commaList(List<String> items) {
        return String.join(", ", items);
    }

    /** The template with every {@code %s} replaced by {@code value}. */
    static String fill(String template, String value) {
        return template.replace("%s", value);
    }

    static String article(String noun) {
        return "aeiouAEIOU".indexOf(noun.charAt(0)) >= 0 ? "an " + noun : "a " + noun;
    }
}
