package org.bioinstruct.generator.selfinstruct;

import org.bioinstruct.generator.llm.ChatResponse;

/**
 * Reads the tasks out of a model's answer, whatever shape it took: JSON (an array, an object holding one,
 * a single task; fenced or in prose) or labelled text (numbered Alpaca style, "###" blocks, "Task 1:").
 * Never throws: what cannot be used is counted as malformed, and a truncated answer loses only its last,
 * partial item. Stateless and thread-safe.
 */
public final class TaskParser {

    public ParseResult parse(ChatResponse response) {
        return parse(response.content(), response.truncated());
    }

    /** @param truncated the model stopped at its token limit (finish_reason {@code length}) */
    public ParseResult parse(String content, boolean truncated) {
        ParseCollector out = new ParseCollector();
        String text = content == null ? "" : content.strip();
        if (text.isEmpty()) {
            out.malformed("empty response", "");
            return out.result();
        }
        boolean found;
        try {
            found = JsonTasks.collect(text, truncated, out) || LabelledTextTasks.collect(text, truncated, out);
        } catch (RuntimeException e) {
            // A parser bug must cost one response, not the generator.
            out.malformed("unparseable response (" + e + ")", text);
            return out.result();
        }
        if (!found) {
            out.malformed("no tasks found in the response", text);
        } else if (out.producedNothing()) {
            out.malformed("the response holds no tasks", text);
        }
        return out.result();
    }
}
