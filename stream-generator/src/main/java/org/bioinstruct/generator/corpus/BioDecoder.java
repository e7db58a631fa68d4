package org.bioinstruct.generator.corpus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Turns a sentence's BIO tags into entity spans, leniently: an {@code I-X} that does not continue an
 * open {@code X} entity (after {@code O}, at the start, or after another type) starts a new entity, as
 * in IOB1 files; {@code B-X B-X} are two adjacent entities.
 */
final class BioDecoder {

    private BioDecoder() {
    }

    static List<EntitySpan> decode(List<BioTag> tags) {
        List<EntitySpan> spans = new ArrayList<>();
        int start = -1;
        String type = "";
        for (int i = 0; i < tags.size(); i++) {
            BioTag tag = tags.get(i);
            boolean continues = tag.kind() == BioTag.Kind.I && start >= 0 && tag.type().equals(type);
            if (start >= 0 && !continues) {
                spans.add(new EntitySpan(type, start, i));
                start = -1;
            }
            if (tag.kind() != BioTag.Kind.O && !continues) {
                start = i;
                type = tag.type();
            }
        }
        if (start >= 0) {
            spans.add(new EntitySpan(type, start, tags.size()));
        }
        return spans;
    }

    /** The IOB2 tags of {@code spans} over {@code length} tokens: every entity opens with {@code B}. */
    static List<String> encode(List<EntitySpan> spans, int length) {
        List<String> tags = new ArrayList<>(Collections.nCopies(length, "O"));
        for (EntitySpan span : spans) {
            String suffix = span.type().isEmpty() ? "" : "-" + span.type();
            tags.set(span.start(), "B" + suffix);
            for (int i = span.start() + 1; i < span.end(); i++) {
                tags.set(i, "I" + suffix);
            }
        }
        return tags;
    }
}
