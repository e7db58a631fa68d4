package org.bioinstruct.generator.corpus;

import java.util.Locale;

/**
 * One BIO tag: {@code O}, or {@code B}/{@code I} with an entity type ({@code B-Disease}); corpora like
 * the BioBERT NER sets use bare {@code B} and {@code I}, whose type is empty.
 */
record BioTag(Kind kind, String type) {

    enum Kind { B, I, O }

    static final BioTag OUTSIDE = new BioTag(Kind.O, "");

    static BioTag parse(String tag) {
        String upper = tag.toUpperCase(Locale.ROOT);
        if (upper.equals("O")) {
            return OUTSIDE;
        }
        if (upper.equals("B") || upper.equals("I")) {
            return new BioTag(Kind.valueOf(upper), "");
        }
        if (tag.length() > 2 && (upper.startsWith("B-") || upper.startsWith("I-"))) {
            return new BioTag(Kind.valueOf(upper.substring(0, 1)), tag.substring(2));
        }
        throw new MalformedRecordException("'" + tag + "' is not a BIO tag (O, B-<type>, I-<type>)");
    }
}
