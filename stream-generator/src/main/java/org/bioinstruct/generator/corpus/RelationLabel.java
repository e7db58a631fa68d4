package org.bioinstruct.generator.corpus;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A relation-extraction label and the answer it becomes. Binary labels (0/1, no/yes) become no/yes;
 * ChemProt ({@code CPR:n}, and {@code false} between a chemical and a gene) and DDI ({@code DDI-*})
 * labels are kept and their label set is named in the instruction; any other label is kept as it is.
 */
record RelationLabel(Scheme scheme, String answer) {

    enum Scheme {
        BINARY(""),
        CHEMPROT("CPR:3, CPR:4, CPR:5, CPR:6, CPR:9 or false"),
        DDI("DDI-advise, DDI-effect, DDI-int, DDI-mechanism or DDI-false"),
        OTHER("");

        private final String choices;

        Scheme(String choices) {
            this.choices = choices;
        }

        /** The label set, or empty when the corpus's set is not known. */
        String choices() {
            return choices;
        }
    }

    private static final Pattern CHEMPROT_LABEL = Pattern.compile("CPR:\\d+", Pattern.CASE_INSENSITIVE);

    static RelationLabel of(String label, List<String> masks) {
        String lower = label.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "1", "yes" -> new RelationLabel(Scheme.BINARY, "yes");
            case "0", "no" -> new RelationLabel(Scheme.BINARY, "no");
            default -> multiClass(label, lower, masks);
        };
    }

    private static RelationLabel multiClass(String label, String lower, List<String> masks) {
        if (CHEMPROT_LABEL.matcher(label).matches()
                || lower.equals("false") && masks.contains("@CHEMICAL$") && masks.contains("@GENE$")) {
            return new RelationLabel(Scheme.CHEMPROT, label.toUpperCase(Locale.ROOT).equals("FALSE") ? "false"
                    : label.toUpperCase(Locale.ROOT));
        }
        if (lower.startsWith("ddi-")) {
            return new RelationLabel(Scheme.DDI, "DDI-" + lower.substring(4));
        }
        return new RelationLabel(Scheme.OTHER, label);
    }
}
