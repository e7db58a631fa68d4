package org.bioinstruct.generator.corpus;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Readable names for entity types from tags: {@code Disease} -> disease, {@code CellLine} -> cell line. */
final class EntityTypes {
    /** Used in instructions when no entity type is known. */
    static final String UNNAMED_GROUP = "biomedical";
    /** Used in entity lists for untyped B/I tags. */
    static final String UNNAMED = "entity";
    private static final Pattern CAMEL_CASE = Pattern.compile("(?<=[a-z])(?=[A-Z])");
    private static final Pattern SEPARATORS = Pattern.compile("[_\\-\\s]+");
    private static final int LONGEST_ACRONYM = 3;

    private EntityTypes() {
    }

    static String display(String type) {
        if (type.isEmpty()) {
            return UNNAMED;
        }
        StringBuilder name = new StringBuilder();
        for (String word : SEPARATORS.split(CAMEL_CASE.matcher(type).replaceAll(" ").trim())) {
            if (!name.isEmpty()) {
                name.append(' ');
            }
            boolean acronym = word.length() <= LONGEST_ACRONYM && word.equals(word.toUpperCase(Locale.ROOT));
            name.append(acronym ? word : word.toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }

    /** {@code [chemical, disease, gene]} -> "chemical, disease and gene". */
    static String phrase(List<String> displayNames) {
        if (displayNames.isEmpty()) {
            return UNNAMED_GROUP;
        }
        if (displayNames.size() == 1) {
            return displayNames.get(0);
        }
        return String.join(", ", displayNames.subList(0, displayNames.size() - 1))
                + " and " + displayNames.get(displayNames.size() - 1);
    }
}
