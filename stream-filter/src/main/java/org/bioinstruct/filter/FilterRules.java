package org.bioinstruct.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bioinstruct.filter.rules.FilterRulesSettings;
import org.bioinstruct.filter.rules.HygieneRules;
import org.bioinstruct.filter.rules.PromptInjectionRule;
import org.bioinstruct.filter.rules.Rule;
import org.bioinstruct.filter.rules.SelfInstructRules;
import org.bioinstruct.schemas.avro.RawInstruction;
import org.bioinstruct.schemas.config.Settings;

/**
 * Validates a task against the enabled rules, in the order of {@link FilterRulesSettings#RULE_REASONS}:
 * byte-level hygiene first (invalid UTF-8, control characters, byte caps), then prompt injection, then Self-Instruct's
 * heuristics. The first rule broken is reported.
 */
public final class FilterRules {
    private final List<Rule> rules;

    private FilterRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static FilterRules defaults() {
        return from(FilterRulesSettings.defaults());
    }

    /** Throws {@link org.bioinstruct.schemas.config.InvalidConfigException} naming the first bad key. */
    public static FilterRules from(Settings settings) {
        return from(FilterRulesSettings.from(settings));
    }

    public static FilterRules from(FilterRulesSettings settings) {
        List<Rule> enabled = new ArrayList<>();
        for (RejectReason reason : FilterRulesSettings.RULE_REASONS) {
            if (settings.isEnabled(reason)) {
                enabled.add(rule(reason, settings));
            }
        }
        return new FilterRules(enabled);
    }

    public Optional<Violation> check(RawInstruction task) {
        for (Rule rule : rules) {
            Optional<String> breach = rule.breach(task);
            if (breach.isPresent()) {
                return Optional.of(new Violation(rule.reason(), rule.reason() + ": " + breach.get()));
            }
        }
        return Optional.empty();
    }

    /** The reasons this instance can reject with, in checking order. */
    public List<RejectReason> reasons() {
        return rules.stream().map(Rule::reason).toList();
    }

    private static Rule rule(RejectReason reason, FilterRulesSettings settings) {
        return switch (reason) {
            case INVALID_UTF8 -> HygieneRules.invalidUtf8();
            case CONTROL_CHARACTERS -> HygieneRules.controlCharacters();
            case TOO_MANY_BYTES -> HygieneRules.tooManyBytes(settings.maxBytes());
            case PROMPT_INJECTION -> PromptInjectionRule.of(settings.injectionPatterns());
            case TOO_SHORT -> SelfInstructRules.tooShort(settings.minWords());
            case TOO_LONG -> SelfInstructRules.tooLong(settings.maxWords());
            case BAD_FIRST_CHAR -> SelfInstructRules.badFirstChar();
            case WRITE_A_PROGRAM -> SelfInstructRules.writeAProgram();
            case BLACKLISTED_WORD -> SelfInstructRules.blacklistedWord(settings.blacklist());
            case EMPTY_OUTPUT -> SelfInstructRules.emptyOutput();
            case INPUT_EQUALS_OUTPUT -> SelfInstructRules.inputEqualsOutput();
            case ENDS_WITH_COLON -> SelfInstructRules.endsWithColon();
            default -> throw new IllegalArgumentException(reason + " is not a rule");
        };
    }
}
