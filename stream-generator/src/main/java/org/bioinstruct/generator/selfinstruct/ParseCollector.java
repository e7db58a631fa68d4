package org.bioinstruct.generator.selfinstruct;

import java.util.ArrayList;
import java.util.List;
import org.bioinstruct.generator.CandidateTask;

/** Gathers one response's tasks and malformed items while it is parsed. */
final class ParseCollector {
    static final int MAX_SAMPLES = 5;
    static final int SAMPLE_CHARS = 160;

    private final List<CandidateTask> tasks = new ArrayList<>();
    private final List<String> samples = new ArrayList<>();
    private int malformed;
    private boolean droppedPartial;

    void add(TaskFields.Item item, int position, String raw) {
        if (item.task() != null) {
            tasks.add(item.task());
        } else {
            malformed("item " + position + ": " + item.problem(), raw);
        }
    }

    void malformed(String reason, String raw) {
        malformed++;
        if (samples.size() < MAX_SAMPLES) {
            samples.add(reason + (raw.isBlank() ? "" : ": " + shorten(raw)));
        }
    }

    /** The response was cut off inside its last item, which is dropped without counting as malformed. */
    void droppedPartial() {
        droppedPartial = true;
    }

    boolean producedNothing() {
        return tasks.isEmpty() && malformed == 0 && !droppedPartial;
    }

    ParseResult result() {
        return new ParseResult(tasks, malformed, samples);
    }

    static String shorten(String raw) {
        String flat = raw.strip().replaceAll("\\s+", " ");
        return flat.length() <= SAMPLE_CHARS ? flat : flat.substring(0, SAMPLE_CHARS - 3) + "...";
    }
}
