package io.hermesbus.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.hermesbus.api.InvalidSettingsException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Settings maps made by a fuzzer, for the buses' settings fuzz tests: names mostly among a bus's own (nested ones
 * such as {@code ssl.cafile} become nested maps), values of every kind a settings file or a Java caller can give
 * (text, numbers as text, whole and floating numbers with NaN and the infinities, booleans, null, lists, maps, huge
 * text, nesting thousands deep), and the one property every bus shares: a plugin's constructor accepts the map or
 * throws an {@link InvalidSettingsException} naming a setting; never another exception.
 */
public final class FuzzedSettings {
    private FuzzedSettings() {
    }

    /** A settings map whose names are mostly among {@code names} (a dotted name is a nested setting). */
    public static Map<String, Object> map(FuzzedDataProvider data, List<String> names) {
        Map<String, Object> settings = new HashMap<>();
        for (int n = data.consumeInt(0, 6); n > 0; n--) {
            String name = data.consumeBoolean() ? data.pickValue(names) : data.consumeString(24);
            Object value = value(data, 0);
            int dot = name.indexOf('.');
            if (dot > 0 && data.consumeBoolean()) {
                Map<String, Object> section = new HashMap<>();
                section.put(name.substring(dot + 1), value);
                settings.put(name.substring(0, dot), section);
            } else {
                settings.put(name, value);
            }
        }
        return settings;
    }

    private static Object value(FuzzedDataProvider data, int depth) {
        return switch (data.consumeInt(0, 13)) {
            case 0 -> null;
            case 1 -> data.consumeBoolean();
            case 2 -> data.consumeLong();
            case 3 -> data.consumeInt();
            case 4 -> data.consumeDouble();
            case 5 -> Long.toString(data.consumeLong());
            case 6 -> data.pickValue(new String[] {"true", "FALSE", "sync", "group", "os", "int", "bytes", "0", "-1",
                "1e3", " 5 ", "NaN", "Infinity", "0x10", "1_000", "99999999999999999999", "", " ", "host:9092",
                "[::1]:99999", "PLAIN", "/tmp", "file:x", "a\u0000b"});
            case 7 -> "x".repeat(data.consumeInt(0, 200_000));
            case 8 -> nested(data.consumeInt(1, 20_000), data.consumeBoolean());
            case 9, 10 -> {
                List<Object> list = new ArrayList<>();
                for (int n = depth < 4 ? data.consumeInt(0, 4) : 0; n > 0; n--) {
                    list.add(value(data, depth + 1));
                }
                yield list;
            }
            case 11 -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int n = depth < 4 ? data.consumeInt(0, 4) : 0; n > 0; n--) {
                    map.put(data.consumeBoolean() ? data.consumeString(12) : data.consumeInt(), value(data, depth + 1));
                }
                yield map;
            }
            default -> data.consumeString(64);
        };
    }

    /** A list (or map) holding a list (or map) ... {@code depth} deep. */
    private static Object nested(int depth, boolean maps) {
        Object value = "deepest";
        for (int i = 0; i < depth; i++) {
            value = maps ? Map.of("k", value) : List.of(value);
        }
        return value;
    }

    /**
     * Makes a plugin from {@code settings} with {@code construct}: accepted, or refused with an
     * {@link InvalidSettingsException} that names a setting; any other exception fails the fuzz test.
     */
    public static void accepted(Map<String, Object> settings, Consumer<Map<String, Object>> construct) {
        try {
            construct.accept(settings);
        } catch (InvalidSettingsException e) {
            assertThat(e.setting()).isNotNull(); // "" too: a map may hold a setting named ""
            assertThat(e.getMessage()).startsWith("setting '" + e.setting() + "': ");
        }
    }
}
