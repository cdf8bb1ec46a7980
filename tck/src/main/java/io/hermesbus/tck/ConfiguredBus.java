package io.hermesbus.tck;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hermesbus.api.InvalidSettingsException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Hands a {@link ConfiguredBusVerification} instance its bus factory and settings, read from the JUnit
 * configuration parameters. A {@code BeforeEach} callback, so it runs before the kit's {@code @BeforeEach} that
 * creates the bus.
 */
final class ConfiguredBus implements BeforeEachCallback {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void beforeEach(ExtensionContext context) {
        String bus = context.getConfigurationParameter(ConfiguredBusVerification.BUS_PARAMETER)
                .filter(name -> !name.isBlank())
                .orElseThrow(() -> new ExtensionConfigurationException("ConfiguredBusVerification needs the bus to verify:"
                        + " set the JUnit configuration parameter (or system property) " + ConfiguredBusVerification.BUS_PARAMETER));
        Map<String, Object> settings = settings(context.getConfigurationParameter(ConfiguredBusVerification.SETTINGS_PARAMETER).orElse(""));
        BusUnderTestFactory factory = BusUnderTestFactories.find(bus, Thread.currentThread().getContextClassLoader());
        ((ConfiguredBusVerification) context.getRequiredTestInstance()).use(factory, settings);
    }

    /**
     * The settings in {@code json}, a JSON object; blank text is no settings.
     *
     * @throws InvalidSettingsException if the text is not a JSON object
     */
    static Map<String, Object> settings(String json) {
        if (json.isBlank()) {
            return Map.of();
        }
        try {
            Object value = JSON.readValue(json, Object.class);
            if (value instanceof Map<?, ?> map) {
                Map<String, Object> settings = new LinkedHashMap<>();
                map.forEach((name, setting) -> settings.put(String.valueOf(name), setting));
                return Collections.unmodifiableMap(settings);
            }
        } catch (JsonProcessingException e) {
            throw new InvalidSettingsException(ConfiguredBusVerification.SETTINGS_PARAMETER,
                    "is not JSON: " + e.getOriginalMessage());
        }
        throw new InvalidSettingsException(ConfiguredBusVerification.SETTINGS_PARAMETER,
                "must be a JSON object such as {\"name\": \"x\"}, got " + json);
    }

    /** {@code settings} as the JSON text that {@link #settings(String)} reads back. */
    static String json(Map<String, ?> settings) {
        try {
            return JSON.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new InvalidSettingsException(ConfiguredBusVerification.SETTINGS_PARAMETER,
                    "holds a value that has no JSON form: " + e.getOriginalMessage());
        }
    }
}
