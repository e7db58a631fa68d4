package org.bioinstruct.filter.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.bioinstruct.filter.RejectReason;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;
import org.junit.jupiter.api.Test;

class FilterRulesSettingsTest {

    @Test
    void defaultsAreSelfInstructsWithByteCapsAndEveryRuleOn() {
        FilterRulesSettings defaults = FilterRulesSettings.defaults();
        assertEquals(4, defaults.minWords());
        assertEquals(150, defaults.maxWords());
        assertEquals(FilterRulesSettings.SELF_INSTRUCT_BLACKLIST, defaults.blacklist());
        assertEquals(Map.of(Field.INSTRUCTION, 4096, Field.INPUT, 16384, Field.OUTPUT, 16384), defaults.maxBytes());
        assertEquals(EnumSet.copyOf(FilterRulesSettings.RULE_REASONS), defaults.enabled());
    }

    @Test
    void readsEveryKey() {
        FilterRulesSettings settings = FilterRulesSettings.from(Settings.of(Map.of(
                "filter.rules.min.words", "2",
                "filter.rules.max.words", "40",
                "filter.rules.blacklist", " image ,, chart ",
                "filter.rules.max.instruction.bytes", "100",
                "filter.rules.max.input.bytes", "200",
                "filter.rules.max.output.bytes", "300",
                "filter.rules.ends-with-colon.enabled", "false",
                "filter.rules.too-many-bytes.enabled", "no")));
        assertEquals(2, settings.minWords());
        assertEquals(40, settings.maxWords());
        assertEquals(List.of("image", "chart"), settings.blacklist());
        assertEquals(Map.of(Field.INSTRUCTION, 100, Field.INPUT, 200, Field.OUTPUT, 300), settings.maxBytes());
        assertFalse(settings.isEnabled(RejectReason.ENDS_WITH_COLON));
        assertFalse(settings.isEnabled(RejectReason.TOO_MANY_BYTES));
        assertTrue(settings.isEnabled(RejectReason.INVALID_UTF8));
    }

    @Test
    void everyRuleHasAnEnabledKeyNamedAfterItsReason() {
        assertEquals("filter.rules.blacklisted-word.enabled", FilterRulesSettings.enabledKey(RejectReason.BLACKLISTED_WORD));
        assertEquals("filter.rules.invalid-utf8.enabled", FilterRulesSettings.enabledKey(RejectReason.INVALID_UTF8));
        for (RejectReason reason : FilterRulesSettings.RULE_REASONS) {
            FilterRulesSettings off = FilterRulesSettings.from(Settings.of(Map.of(
                    FilterRulesSettings.enabledKey(reason), "false")));
            assertFalse(off.isEnabled(reason), reason.name());
            assertEquals(FilterRulesSettings.RULE_REASONS.size() - 1, off.enabled().size(), reason.name());
        }
    }

    @Test
    void refusesMoreMinimumThanMaximumWordsNamingTheMaximum() {
        assertRefused("filter.rules.max.words", Map.of("filter.rules.min.words", "10", "filter.rules.max.words", "9"));
    }

    @Test
    void refusesAnInjectionPatternThatIsNoRegexNamingItsKey() {
        assertRefused("filter.rules.prompt-injection.pattern.broken",
                Map.of("filter.rules.prompt-injection.pattern.broken", "(unclosed"));
    }

    @Test
    void refusesAMisspeltRuleKey() {
        assertRefused("filter.rules.blacklisted.word.enabled", Map.of("filter.rules.blacklisted.word.enabled", "false"));
    }

    @Test
    void refusesANonBooleanSwitch() {
        assertRefused("filter.rules.too-short.enabled", Map.of("filter.rules.too-short.enabled", "maybe"));
    }

    @Test
    void refusesAZeroByteCap() {
        assertRefused("filter.rules.max.output.bytes", Map.of("filter.rules.max.output.bytes", "0"));
    }

    @Test
    void refusesABlacklistWithoutWords() {
        assertRefused("filter.rules.blacklist", Map.of("filter.rules.blacklist", " , ,"));
    }

    private static void assertRefused(String key, Map<String, String> values) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> FilterRulesSettings.from(Settings.of(values)));
        assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
    }
}
