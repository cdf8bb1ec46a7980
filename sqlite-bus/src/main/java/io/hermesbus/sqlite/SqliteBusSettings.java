package io.hermesbus.sqlite;

import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.Settings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The settings of an SQLite bus plugin, checked (no I/O): Hermes' own names and limits. One settings map serves
 * both plugins, as in the file bus: a consumer accepts {@code retention_in_days} and ignores it.
 *
 * @param file the bus file ({@code uri})
 * @param retentionInDays the producer's retention; empty when not given (a producer requires it)
 */
record SqliteBusSettings(Path file, OptionalLong retentionInDays) {
    static final String URI = "uri";
    static final String RETENTION_IN_DAYS = "retention_in_days";
    static final Set<String> KNOWN = Set.of(URI, RETENTION_IN_DAYS);
    /** Hermes' producer schema accepts 1 to 999999 days. */
    static final long MAX_RETENTION_IN_DAYS = 999_999;

    /**
     * Reads the settings of a consumer: {@code uri} required, {@code retention_in_days} checked if present.
     *
     * @throws InvalidSettingsException naming the first setting that is unknown, missing or invalid
     */
    static SqliteBusSettings forConsumer(Settings settings) {
        settings.rejectUnknown(KNOWN);
        Path file = file(settings.requiredString(URI));
        return new SqliteBusSettings(file, settings.has(RETENTION_IN_DAYS) ? OptionalLong.of(retention(settings)) : OptionalLong.empty());
    }

    /**
     * Reads the settings of a producer: {@code uri} and {@code retention_in_days} both required, as Hermes' producer
     * requires them.
     *
     * @throws InvalidSettingsException naming the first setting that is unknown, missing or invalid
     */
    static SqliteBusSettings forProducer(Settings settings) {
        settings.rejectUnknown(KNOWN);
        Path file = file(settings.requiredString(URI));
        if (!settings.has(RETENTION_IN_DAYS)) {
            throw new InvalidSettingsException(RETENTION_IN_DAYS, "is missing; a producer deletes events older than this"
                    + " many days each time it opens, as Hermes' producer does: give a whole number from 1 to " + MAX_RETENTION_IN_DAYS);
        }
        return new SqliteBusSettings(file, OptionalLong.of(retention(settings)));
    }

    private static long retention(Settings settings) {
        return settings.longValue(RETENTION_IN_DAYS, 0, 1, MAX_RETENTION_IN_DAYS);
    }

    private static Path file(String text) {
        if (text.isBlank()) {
            throw new InvalidSettingsException(URI, "must not be blank; give the path of the bus file, such as /var/lib/hermes/bus.sqlite");
        }
        if (text.equals(":memory:") || text.startsWith("file:")) {
            throw new InvalidSettingsException(URI, "\"" + text + "\" is not a file path; give the path of the bus file,"
                    + " such as /var/lib/hermes/bus.sqlite (Hermes' consumer itself turns it into file:<uri>?mode=ro, and"
                    + " an in-memory database is not shared between plugins)");
        }
        for (char c : new char[] {'?', '#', '%'}) {
            if (text.indexOf(c) >= 0) {
                throw new InvalidSettingsException(URI, "\"" + text + "\" contains '" + c + "'; Hermes' consumer reads this"
                        + " setting into an SQLite URI (file:<uri>?mode=ro), where '?', '#' and '%' do not stand for"
                        + " themselves: rename the file or folder so that its path has none of them");
            }
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new InvalidSettingsException(URI, "\"" + text + "\" is not a valid path: " + e.getMessage());
        }
    }
}
