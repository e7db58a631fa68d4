package org.bioinstruct.generator.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Optional;
import org.bioinstruct.generator.CandidateTask;

/** A reader for JSONL files: one JSON object per line, fields the format does not use are ignored. */
abstract class JsonLinesReader extends LineRecordReader {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    JsonLinesReader(LineCursor lines, CorpusErrorListener errors) {
        super(lines, errors);
    }

    @Override
    final Optional<CandidateTask> parse(String line, int lineNumber, String origin) {
        JsonNode record;
        try {
            record = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new MalformedRecordException("not valid JSON: " + e.getOriginalMessage());
        }
        if (!record.isObject()) {
            throw new MalformedRecordException("expected a JSON object, found " + record.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return Optional.of(toTask(record, origin));
    }

    /** @throws MalformedRecordException when a field the format needs is missing or wrong */
    abstract CandidateTask toTask(JsonNode record, String origin);

    /** The first of {@code names} present in {@code record}, as non-blank text. */
    static String requiredText(JsonNode record, String... names) {
        return optionalText(record, names)
                .filter(text -> !text.isBlank())
                .orElseThrow(() -> new MalformedRecordException("missing or empty text field '" + names[0] + "'"));
    }

    /** The first of {@code names} present and not null in {@code record}; it must be a string. */
    static Optional<String> optionalText(JsonNode record, String... names) {
        for (String name : names) {
            JsonNode value = record.get(name);
            if (value == null || value.isNull()) {
                continue;
            }
            if (!value.isTextual()) {
                throw new MalformedRecordException("field '" + name + "' must be a string, found "
                        + value.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            return Optional.of(value.textValue());
        }
        return Optional.empty();
    }
}
