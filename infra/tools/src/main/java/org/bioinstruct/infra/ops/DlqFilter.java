package org.bioinstruct.infra.ops;

import java.util.List;
import java.util.function.Predicate;
import org.bioinstruct.schemas.topics.DlqHeaders;

/**
 * {@code --filter} terms, all of which must hold: {@code stage=NAME}, {@code source-topic=NAME},
 * {@code error-class=CLASS} (exact, or the simple name), {@code error-contains=TEXT}.
 */
public final class DlqFilter {
    private DlqFilter() {
    }

    public static Predicate<DlqRecord> parse(List<String> terms) {
        Predicate<DlqRecord> all = r -> true;
        for (String term : terms) {
            all = all.and(term(term));
        }
        return all;
    }

    private static Predicate<DlqRecord> term(String term) {
        int eq = term.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--filter '" + term + "': expected KEY=VALUE");
        }
        String value = term.substring(eq + 1);
        return switch (term.substring(0, eq)) {
            case "stage" -> r -> r.header(DlqHeaders.STAGE).filter(value::equals).isPresent();
            case "source-topic" -> r -> r.header(DlqHeaders.SOURCE_TOPIC).filter(value::equals).isPresent();
            case "error-class" -> r -> r.header(DlqHeaders.ERROR_CLASS)
                    .filter(c -> c.equals(value) || c.endsWith("." + value)).isPresent();
            case "error-contains" -> r -> r.header(DlqHeaders.ERROR_MESSAGE).filter(m -> m.contains(value)).isPresent();
            default -> throw new IllegalArgumentException("--filter '" + term
                    + "': key must be stage, source-topic, error-class or error-contains");
        };
    }
}
