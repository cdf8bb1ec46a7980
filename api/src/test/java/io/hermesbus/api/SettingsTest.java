package io.hermesbus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private enum Durability {
        NONE, FLUSH, FSYNC
    }

    private static Settings settings(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Settings.of(map);
    }

    // ---- strings

    @Test
    void requiredStringReturnsTheText() {
        assertThat(settings("uri", "file:/tmp/bus").requiredString("uri")).isEqualTo("file:/tmp/bus");
        assertThat(settings("uri", "").requiredString("uri")).isEmpty();
    }

    @Test
    void requiredStringMissingNamesTheSetting() {
        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class,
                () -> settings("other", "x").requiredString("uri"));

        assertThat(e.setting()).isEqualTo("uri");
        assertThat(e).hasMessageContaining("'uri'").hasMessageContaining("missing");
    }

    @Test
    void requiredStringWithNullValueIsMissing() {
        assertThatThrownBy(() -> settings("uri", null).requiredString("uri"))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void requiredStringOfAnotherTypeSaysWhatItHeld() {
        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class,
                () -> settings("uri", 5).requiredString("uri"));

        assertThat(e.setting()).isEqualTo("uri");
        assertThat(e).hasMessageContaining("'uri'").hasMessageContaining("text").hasMessageContaining("5 (number)");
        assertThatThrownBy(() -> settings("uri", List.of("a")).requiredString("uri"))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("must be text");
    }

    @Test
    void optionalStringIsEmptyWhenAbsentAndCheckedWhenPresent() {
        assertThat(settings().optionalString("name")).isEmpty();
        assertThat(settings("name", null).optionalString("name")).isEmpty();
        assertThat(settings("name", "n").optionalString("name")).contains("n");
        assertThatThrownBy(() -> settings("name", true).optionalString("name"))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("true (true/false)");
    }

    // ---- numbers

    @Test
    void longValueFallsBackWhenAbsent() {
        assertThat(settings().longValue("n", 7, 1, 10)).isEqualTo(7);
        assertThat(settings("n", null).longValue("n", 7, 1, 10)).isEqualTo(7);
    }

    @Test
    void longValueAcceptsWholeNumbersOfEveryIntegralType() {
        assertThat(settings("n", 5).longValue("n", 0, 0, 10)).isEqualTo(5);
        assertThat(settings("n", 5L).longValue("n", 0, 0, 10)).isEqualTo(5);
        assertThat(settings("n", (short) 5).longValue("n", 0, 0, 10)).isEqualTo(5);
        assertThat(settings("n", (byte) 5).longValue("n", 0, 0, 10)).isEqualTo(5);
        assertThat(settings("n", Long.MAX_VALUE).longValue("n", 0, 0, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void longValueAcceptsDecimalText() {
        assertThat(settings("n", "42").longValue("n", 0, 0, 100)).isEqualTo(42);
        assertThat(settings("n", " 42 ").longValue("n", 0, 0, 100)).isEqualTo(42);
        assertThat(settings("n", "+7").longValue("n", 0, 0, 100)).isEqualTo(7);
        assertThat(settings("n", "-3").longValue("n", 0, -10, 100)).isEqualTo(-3);
        assertThat(settings("n", "007").longValue("n", 0, 0, 100)).isEqualTo(7);
    }

    @Test
    void longValueAcceptsItsBoundsAndRejectsBeyondThem() {
        assertThat(settings("n", 1).longValue("n", 5, 1, 10)).isEqualTo(1);
        assertThat(settings("n", 10).longValue("n", 5, 1, 10)).isEqualTo(10);

        InvalidSettingsException below = catchThrowableOfType(InvalidSettingsException.class,
                () -> settings("n", 0).longValue("n", 5, 1, 10));
        assertThat(below.setting()).isEqualTo("n");
        assertThat(below).hasMessageContaining("from 1 to 10").hasMessageContaining("got 0");

        assertThatThrownBy(() -> settings("n", "11").longValue("n", 5, 1, 10))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("from 1 to 10")
                .hasMessageContaining("11");
    }

    @Test
    void longValueRejectsWhatIsNoWholeNumber() {
        for (Object bad : List.of("abc", "1.5", "", "1e3", "12 34", 1.5, 2.0, true, List.of(1))) {
            assertThatThrownBy(() -> settings("n", bad).longValue("n", 0, 0, 100))
                    .as("value %s", bad)
                    .isInstanceOf(InvalidSettingsException.class)
                    .hasMessageContaining("'n'")
                    .hasMessageContaining("whole number from 0 to 100");
        }
        assertThatThrownBy(() -> settings("n", "abc").longValue("n", 0, 0, 100)).hasMessageContaining("\"abc\"");
        assertThatThrownBy(() -> settings("n", 1.5).longValue("n", 0, 0, 100)).hasMessageContaining("1.5 (number)");
    }

    @Test
    void longValueAcceptsTextOfEveryLongAndRejectsTextBeyond() {
        assertThat(settings("n", "9223372036854775807").longValue("n", 0, 0, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(settings("n", "-9223372036854775808").longValue("n", 0, Long.MIN_VALUE, 0)).isEqualTo(Long.MIN_VALUE);

        assertThatThrownBy(() -> settings("n", "9223372036854775808").longValue("n", 0, 0, Long.MAX_VALUE))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContainingAll("'n'", "whole number from 0 to 9223372036854775807", "\"9223372036854775808\"");
    }

    @Test
    void doubleValueFallsBackWhenAbsentAndAcceptsEveryNumberType() {
        assertThat(settings().doubleValue("x", 0.5)).isEqualTo(0.5);
        assertThat(settings("x", null).doubleValue("x", 0.5)).isEqualTo(0.5);
        assertThat(settings("x", 2.25).doubleValue("x", 0)).isEqualTo(2.25);
        assertThat(settings("x", 2.25f).doubleValue("x", 0)).isEqualTo(2.25);
        assertThat(settings("x", 3).doubleValue("x", 0)).isEqualTo(3.0);
        assertThat(settings("x", -3L).doubleValue("x", 0)).isEqualTo(-3.0);
    }

    @Test
    void doubleValueAcceptsDecimalText() {
        assertThat(settings("x", "0.5").doubleValue("x", 0)).isEqualTo(0.5);
        assertThat(settings("x", " -3 ").doubleValue("x", 0)).isEqualTo(-3.0);
        assertThat(settings("x", ".25").doubleValue("x", 0)).isEqualTo(0.25);
        assertThat(settings("x", "2.").doubleValue("x", 0)).isEqualTo(2.0);
        assertThat(settings("x", "1.7e18").doubleValue("x", 0)).isEqualTo(1.7e18);
        assertThat(settings("x", "+1E-3").doubleValue("x", 0)).isEqualTo(0.001);
    }

    @Test
    void doubleValueRejectsWhatIsNoFiniteNumber() {
        for (Object bad : List.of("abc", "", "NaN", "Infinity", "0x1p3", "1d", "1.5f", "1e", true, List.of(1))) {
            assertThatThrownBy(() -> settings("x", bad).doubleValue("x", 0))
                    .as("value %s", bad)
                    .isInstanceOf(InvalidSettingsException.class)
                    .hasMessageContaining("'x': must be a number");
        }
        for (Object infinite : List.of(Double.NaN, Double.POSITIVE_INFINITY, "1e400")) {
            assertThatThrownBy(() -> settings("x", infinite).doubleValue("x", 0))
                    .as("value %s", infinite)
                    .isInstanceOf(InvalidSettingsException.class)
                    .hasMessageContaining("'x': must be a finite number");
        }
    }

    // ---- enums

    @Test
    void enumValueIsCaseInsensitiveAndFallsBackWhenAbsent() {
        assertThat(settings("d", "fsync").enumValue("d", Durability.class, Durability.NONE)).isEqualTo(Durability.FSYNC);
        assertThat(settings("d", "Flush").enumValue("d", Durability.class, Durability.NONE)).isEqualTo(Durability.FLUSH);
        assertThat(settings().enumValue("d", Durability.class, Durability.NONE)).isEqualTo(Durability.NONE);
        assertThat(settings("k", "STR").enumValue("k", OffsetKind.class, OffsetKind.INT)).isEqualTo(OffsetKind.STR);
    }

    @Test
    void enumValueListsTheAcceptedValues() {
        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class,
                () -> settings("d", "always").enumValue("d", Durability.class, Durability.NONE));

        assertThat(e.setting()).isEqualTo("d");
        assertThat(e).hasMessageContaining("[flush, fsync, none]").hasMessageContaining("\"always\"");

        assertThatThrownBy(() -> settings("k", 3).enumValue("k", OffsetKind.class, OffsetKind.INT))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("[bytes, float, int, str]")
                .hasMessageContaining("3 (number)");
    }

    // ---- unknown settings

    @Test
    void rejectUnknownNamesTheSettingAndTheKnownOnes() {
        Settings s = settings("uri", "x", "timeuot", 5);

        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class,
                () -> s.rejectUnknown(Set.of("uri", "timeout", "retention_in_days")));

        assertThat(e.setting()).isEqualTo("timeuot");
        assertThat(e).hasMessageContaining("'timeuot'").hasMessageContaining("[retention_in_days, timeout, uri]");
    }

    @Test
    void rejectUnknownAcceptsKnownSettingsAndSubsets() {
        settings("uri", "x", "timeout", 5).rejectUnknown(Set.of("uri", "timeout"));
        settings().rejectUnknown(Set.of());
        settings("uri", "x").rejectUnknown(Set.of("uri", "timeout"));
        assertThatThrownBy(() -> settings("uri", null).rejectUnknown(Set.of()))
                .as("a key with a null value is still a setting given")
                .isInstanceOf(InvalidSettingsException.class);
    }

    // ---- the copy

    @Test
    void settingsAreAnUnmodifiableCopyInTheGivenOrder() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("b", 1);
        given.put("a", "x");
        Settings s = Settings.of(given);

        given.put("a", "changed");
        given.remove("b");

        assertThat(s.asMap()).containsExactly(Map.entry("b", 1), Map.entry("a", "x"));
        assertThatThrownBy(() -> s.asMap().put("c", 2)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> s.asMap().remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> s.asMap().entrySet().iterator().next().setValue(3))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nullSettingsAreEmptyAndHasIgnoresNullValues() {
        assertThat(Settings.of(null).asMap()).isEmpty();
        Map<String, Object> given = new HashMap<>();
        given.put("set", "v");
        given.put("unset", null);
        Settings s = Settings.of(given);
        assertThat(s.has("set")).isTrue();
        assertThat(s.has("unset")).isFalse();
        assertThat(s.has("absent")).isFalse();
    }

    /** Found by the buses' SettingsFuzzTest (memory-bus input found-stack-overflow-38e096e6): a StackOverflowError. */
    @Test
    void aListOrMapOfAnyDepthIsDescribedByItsSizeNotItsText() {
        Object deep = "x";
        for (int i = 0; i < 100_000; i++) {
            deep = List.of(deep);
        }
        Settings s = settings("name", deep, "kind", Map.of("a", deep, "b", 2));

        assertThatThrownBy(() -> s.optionalString("name")).isInstanceOf(InvalidSettingsException.class)
                .hasMessage("setting 'name': must be text, got a list of 1");
        assertThatThrownBy(() -> s.enumValue("kind", Durability.class, Durability.NONE))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessage("setting 'kind': must be one of [flush, fsync, none], got a map of 2");
        assertThatThrownBy(() -> s.longValue("name", 0, 0, 1)).hasMessageContaining("got a list of 1");
        assertThatThrownBy(() -> s.doubleValue("name", 0)).hasMessageContaining("got a list of 1");
    }
}
