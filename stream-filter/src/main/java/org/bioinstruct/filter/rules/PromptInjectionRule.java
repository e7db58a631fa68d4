package org.bioinstruct.filter.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.bioinstruct.filter.RejectReason;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;

/**
 * Rejects a task whose text tries to take over the prompt it will be trained into: requests to ignore or
 * disregard earlier instructions, to reveal the system prompt, and chat-template role markers
 * ({@code ### System:}, {@code <|im_start|>}, {@code [INST]}, {@code <<SYS>>}). Such a task would teach the
 * model to obey injected text. Every field is checked. Patterns are named, case-insensitive regular
 * expressions: {@code filter.rules.prompt-injection.pattern.<name>=<regex>} adds one or replaces a default of
 * that name; an empty value removes it.
 */
public final class PromptInjectionRule {
    public static final String PATTERN_PREFIX = FilterRulesSettings.PREFIX + "prompt-injection.pattern.";
    /** The defaults, by name. */
    public static final Map<String, String> DEFAULT_PATTERNS = defaults();

    private PromptInjectionRule() {
    }

    /** @param patterns tried in their iteration order; the first match is reported */
    public static Rule of(Map<String, Pattern> patterns) {
        Map<String, Pattern> named = new LinkedHashMap<>(patterns);
        return new Rule(RejectReason.PROMPT_INJECTION, task -> {
            for (Field field : Field.values()) {
                String text = field.of(task);
                for (Map.Entry<String, Pattern> pattern : named.entrySet()) {
                    Matcher found = pattern.getValue().matcher(text);
                    if (found.find()) {
                        return Optional.of(field.label() + " matches injection pattern '" + pattern.getKey() + "': '"
                                + Text.abbreviate(found.group()) + "'");
                    }
                }
            }
            return Optional.empty();
        });
    }

    /** The defaults with the settings' additions, replacements and removals; a bad regex names its key. */
    static Map<String, Pattern> patterns(Settings settings) {
        Map<String, String> sources = new LinkedHashMap<>(DEFAULT_PATTERNS);
        settings.asMap().forEach((key, value) -> {
            if (key.startsWith(PATTERN_PREFIX)) {
                String name = key.substring(PATTERN_PREFIX.length());
                if (name.isBlank()) {
                    throw new InvalidConfigException(key, value, "a pattern needs a name after " + PATTERN_PREFIX);
                }
                if (value.isBlank()) {
                    sources.remove(name);
                } else {
                    sources.put(name, value);
                }
            }
        });
        Map<String, Pattern> compiled = new LinkedHashMap<>();
        sources.forEach((name, regex) -> {
            try {
                compiled.put(name, Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE
                        | Pattern.MULTILINE));
            } catch (PatternSyntaxException e) {
                throw new InvalidConfigException(PATTERN_PREFIX + name, regex, "not a regular expression: "
                        + e.getDescription());
            }
        });
        return compiled;
    }

    private static Map<String, String> defaults() {
        Map<String, String> patterns = new LinkedHashMap<>();
        patterns.put("ignore-previous", "\\b(ignore|disregard|forget|override)\\s+(all\\s+|any\\s+)?(of\\s+)?"
                + "(the\\s+|your\\s+)?(previous|prior|above|earlier|preceding|system)\\s+"
                + "(instructions?|prompts?|directions|rules|messages?)");
        patterns.put("reveal-system-prompt", "\\b(reveal|print|show|repeat|output)\\s+(me\\s+)?(your|the)\\s+"
                + "(system\\s+prompt|hidden\\s+instructions?|initial\\s+prompt)");
        patterns.put("role-header", "^\\s*#{2,}\\s*(system|assistant|user|instruction|response)\\s*:");
        patterns.put("chatml-marker", "<\\|\\s*(im_start|im_end|system|user|assistant|endoftext)\\s*\\|>");
        patterns.put("llama-marker", "\\[/?INST\\]|<</?SYS>>");
        return Collections.unmodifiableMap(patterns);
    }
}
