package org.bioinstruct.filter.rules;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.bioinstruct.filter.RejectReason;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;

/**
 * What the validation rules allow. Keys (defaults): {@code filter.rules.min.words} (4),
 * {@code filter.rules.max.words} (150), {@code filter.rules.blacklist} (Self-Instruct's words, comma
 * separated), {@code filter.rules.max.instruction.bytes} (4096), {@code filter.rules.max.input.bytes}
 * (16384), {@code filter.rules.max.output.bytes} (16384), and {@code filter.rules.<reason>.enabled} (true)
 * for every rule, the reason in lower case with hyphens, e.g. {@code filter.rules.blacklisted-word.enabled},
 * and {@code filter.rules.prompt-injection.pattern.<name>} (see {@link PromptInjectionRule}).
 * Any other key under {@code filter.rules.} is refused, so a misspelt switch fails at start-up.
 */
public record FilterRulesSettings(int minWords, int maxWords, List<String> blacklist, Map<Field, Integer> maxBytes,
                                  Set<RejectReason> enabled, Map<String, Pattern> injectionPatterns) {
    public static final String PREFIX = "filter.rules.";
    public static final String MIN_WORDS = PREFIX + "min.words";
    public static final String MAX_WORDS = PREFIX + "max.words";
    public static final String BLACKLIST = PREFIX + "blacklist";
    public static final List<String> SELF_INSTRUCT_BLACKLIST = List.of("image", "images", "graph", "graphs",
            "picture", "pictures", "file", "files", "map", "maps", "draw", "plot", "go to", "video", "audio", "music",
            "flowchart", "diagram");
    /** The reasons a rule (rather than deduplication) rejects with, in the order rules are checked. */
    public static final List<RejectReason> RULE_REASONS = List.of(RejectReason.INVALID_UTF8,
            RejectReason.CONTROL_CHARACTERS, RejectReason.TOO_MANY_BYTES, RejectReason.PROMPT_INJECTION, RejectReason.TOO_SHORT, RejectReason.TOO_LONG,
            RejectReason.BAD_FIRST_CHAR, RejectReason.WRITE_A_PROGRAM, RejectReason.BLACKLISTED_WORD,
            RejectReason.EMPTY_OUTPUT, RejectReason.INPUT_EQUALS_OUTPUT, RejectReason.ENDS_WITH_COLON);
    private static final Map<Field, Integer> DEFAULT_MAX_BYTES = Map.of(Field.INSTRUCTION, 4096, Field.INPUT, 16384,
            Field.OUTPUT, 16384);

    public FilterRulesSettings {
        blacklist = List.copyOf(blacklist);
        maxBytes = Map.copyOf(maxBytes);
        enabled = Set.copyOf(enabled);
        injectionPatterns = Collections.unmodifiableMap(new LinkedHashMap<>(injectionPatterns));
    }

    public static FilterRulesSettings defaults() {
        return from(Settings.of(Map.of()));
    }

    /** Reads and validates the settings; throws {@link InvalidConfigException} naming the first bad key. */
    public static FilterRulesSettings from(Settings settings) {
        refuseUnknownKeys(settings);
        int minWords = settings.intValue(MIN_WORDS, 4, 0, 100_000);
        int maxWords = settings.intValue(MAX_WORDS, 150, 1, 100_000);
        if (maxWords < minWords) {
            throw new InvalidConfigException(MAX_WORDS, maxWords, "must be at least " + MIN_WORDS + " (" + minWords + ")");
        }
        Map<Field, Integer> maxBytes = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            maxBytes.put(field, settings.intValue(maxBytesKey(field), DEFAULT_MAX_BYTES.get(field), 1, Integer.MAX_VALUE));
        }
        Set<RejectReason> enabled = EnumSet.noneOf(RejectReason.class);
        for (RejectReason reason : RULE_REASONS) {
            if (settings.booleanValue(enabledKey(reason), true)) {
                enabled.add(reason);
            }
        }
        return new FilterRulesSettings(minWords, maxWords, blacklist(settings), maxBytes, enabled,
                PromptInjectionRule.patterns(settings));
    }

    public static String enabledKey(RejectReason reason) {
        return PREFIX + reason.settingName() + ".enabled";
    }

    public static String maxBytesKey(Field field) {
        return PREFIX + "max." + field.label() + ".bytes";
    }

    public boolean isEnabled(RejectReason reason) {
        return enabled.contains(reason);
    }

    private static List<String> blacklist(Settings settings) {
        if (!settings.has(BLACKLIST)) {
            return SELF_INSTRUCT_BLACKLIST;
        }
        List<String> words = Arrays.stream(settings.string(BLACKLIST).split(","))
                .map(String::strip)
                .filter(word -> !word.isEmpty())
                .toList();
        if (words.isEmpty()) {
            throw new InvalidConfigException(BLACKLIST, settings.string(BLACKLIST),
                    "names no words (to turn the rule off set " + enabledKey(RejectReason.BLACKLISTED_WORD) + "=false)");
        }
        return words;
    }

    private static void refuseUnknownKeys(Settings settings) {
        Set<String> known = RULE_REASONS.stream().map(FilterRulesSettings::enabledKey).collect(Collectors.toSet());
        known.addAll(List.of(MIN_WORDS, MAX_WORDS, BLACKLIST));
        Arrays.stream(Field.values()).map(FilterRulesSettings::maxBytesKey).forEach(known::add);
        settings.asMap().keySet().stream()
                .filter(key -> key.startsWith(PREFIX) && !known.contains(key)
                        && !key.startsWith(PromptInjectionRule.PATTERN_PREFIX))
                .sorted()
                .findFirst()
                .ifPresent(key -> {
                    throw new InvalidConfigException(key, settings.asMap().get(key), "unknown rule setting; known: "
                            + known.stream().sorted().collect(Collectors.joining(", ")));
                });
    }
}
