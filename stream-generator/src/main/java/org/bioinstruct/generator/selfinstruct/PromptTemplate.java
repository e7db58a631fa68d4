package org.bioinstruct.generator.selfinstruct;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bioinstruct.generator.llm.ChatMessage;

/**
 * A versioned Self-Instruct prompt. The text has an optional {@code [system]} section and a required
 * {@code [user]} section (each marker alone on a line; text before the first marker is a comment) with the
 * placeholders {@code {{count}}}, {@code {{examples}}} and optionally {@code {{example_count}}}. The
 * version (the file name without {@code .txt}) becomes the records' {@code promptVersion}.
 */
public final class PromptTemplate {
    public static final String DEFAULT_VERSION = "selfinstruct-v1";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z_]+)\\s*}}");
    private static final Pattern SECTION = Pattern.compile("(?m)^\\[(system|user)]\\s*$");
    private static final Set<String> KNOWN = Set.of("count", "examples", "example_count");
    private static final ObjectWriter EXAMPLES_JSON = examplesWriter();

    private final String version;
    private final String system;
    private final String user;

    private PromptTemplate(String version, String system, String user) {
        this.version = version;
        this.system = system;
        this.user = user;
    }

    /** The template that ships with the generator. */
    public static PromptTemplate fromClasspath() {
        return fromClasspath(DEFAULT_VERSION);
    }

    /** {@code prompts/<version>.txt} from the classpath. */
    public static PromptTemplate fromClasspath(String version) {
        String resource = "prompts/" + version + ".txt";
        try (InputStream in = PromptTemplate.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no prompt template " + resource + " on the classpath");
            }
            return parse(version, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
    }

    /** A template file; its version is the file name without {@code .txt}. */
    public static PromptTemplate fromFile(Path file) {
        String name = file.getFileName().toString();
        String version = name.endsWith(".txt") ? name.substring(0, name.length() - 4) : name;
        try {
            return parse(version, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }

    /** Parses template text, checking its sections and placeholders. */
    public static PromptTemplate parse(String version, String text) {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("a prompt template needs a version");
        }
        Map<String, String> sections = sections(version, text);
        String user = sections.get("user");
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("prompt template " + version + " has no [user] section");
        }
        String system = sections.getOrDefault("system", "");
        Set<String> used = placeholders(system + "\n" + user);
        Set<String> unknown = new TreeSet<>(used);
        unknown.removeAll(KNOWN);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("prompt template " + version + " uses unknown placeholders " + unknown
                    + "; known: " + new TreeSet<>(KNOWN));
        }
        for (String required : List.of("count", "examples")) {
            if (!placeholders(user).contains(required)) {
                throw new IllegalArgumentException("prompt template " + version + " lacks {{" + required + "}} in [user]");
            }
        }
        return new PromptTemplate(version, system, user);
    }

    private static Map<String, String> sections(String version, String text) {
        Map<String, String> sections = new LinkedHashMap<>();
        Matcher marker = SECTION.matcher(text);
        String current = null;
        int start = 0;
        while (marker.find()) {
            if (current != null) {
                sections.put(current, text.substring(start, marker.start()).strip());
            }
            current = marker.group(1);
            if (sections.containsKey(current)) {
                throw new IllegalArgumentException("prompt template " + version + " has two [" + current + "] sections");
            }
            start = marker.end();
        }
        if (current != null) {
            sections.put(current, text.substring(start).strip());
        }
        return sections;
    }

    private static Set<String> placeholders(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    public String version() {
        return version;
    }

    /** The chat messages asking for {@code count} new tasks, showing {@code examples} in the answer format. */
    public List<ChatMessage> render(List<SeedTask> examples, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("must ask for at least one task, not " + count);
        }
        Map<String, String> values = Map.of(
                "count", Integer.toString(count),
                "example_count", Integer.toString(examples.size()),
                "examples", examplesJson(examples));
        List<ChatMessage> messages = new ArrayList<>(2);
        if (!system.isEmpty()) {
            messages.add(ChatMessage.system(fill(system, values)));
        }
        messages.add(ChatMessage.user(fill(user, values)));
        return messages;
    }

    private static String fill(String text, Map<String, String> values) {
        return PLACEHOLDER.matcher(text).replaceAll(m -> Matcher.quoteReplacement(values.get(m.group(1))));
    }

    /** The examples exactly in the format the model is asked to answer in; ids stay out of the prompt. */
    static String examplesJson(List<SeedTask> examples) {
        List<Map<String, String>> shown = new ArrayList<>(examples.size());
        for (SeedTask task : examples) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("instruction", task.instruction());
            fields.put("input", task.input());
            fields.put("output", task.output());
            fields.put("category", task.category().name());
            shown.add(fields);
        }
        try {
            return EXAMPLES_JSON.writeValueAsString(shown);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write examples as JSON", e);
        }
    }

    /** Plain two-space JSON with one element per line, as a model would be expected to write it. */
    private static ObjectWriter examplesWriter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentArraysWith(indenter);
        printer.indentObjectsWith(indenter);
        return new ObjectMapper().writer(printer);
    }
}
