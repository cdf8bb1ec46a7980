package com.example.dirbus;

import io.hermesbus.api.Settings;
import java.nio.file.Path;
import java.util.Set;

/**
 * The settings of both plugins, checked: {@code path} (the folder, required) and {@code poll_interval_ms} (how
 * often a caught-up consumer looks for a new file, 1 to 1000, default 10).
 */
record DirBusSettings(Path folder, int pollIntervalMs) {
    static final String PATH = "path";
    static final String POLL_INTERVAL_MS = "poll_interval_ms";

    /** @throws io.hermesbus.api.InvalidSettingsException naming the first bad setting */
    static DirBusSettings from(Settings settings) {
        settings.rejectUnknown(Set.of(PATH, POLL_INTERVAL_MS));
        return new DirBusSettings(Path.of(settings.requiredString(PATH)),
                (int) settings.longValue(POLL_INTERVAL_MS, 10, 1, 1000));
    }
}
