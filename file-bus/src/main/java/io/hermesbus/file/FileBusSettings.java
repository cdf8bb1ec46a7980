package io.hermesbus.file;

import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.Settings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The settings of a file bus plugin, checked (no I/O). Producer and consumer share one set of names, as one
 * settings map serves both in Hermes: a consumer accepts the producer's settings and ignores them.
 *
 * @param path the bus folder
 * @param durability when appends are forced
 * @param syncIntervalMs group durability: the longest an append stays unforced
 * @param syncEvents group durability: the most appends that stay unforced
 * @param segmentBytes a producer starts a new segment once the last one holds at least this many bytes
 * @param indexIntervalBytes one index entry per this many bytes of log
 * @param retentionMs delete segments whose newest event is older than this; empty keeps them
 * @param retentionBytes delete the oldest segments while all of them hold more bytes than this; empty keeps them
 * @param pollIntervalMs how often a caught-up consumer looks at the folder for new events when it does not watch it
 * @param writeBehind group and os durability: {@code send} returns once the record is in this JVM's buffer, written
 *     at the next tick, at a size threshold or when the writers' lock is given up
 * @param watch whether a caught-up consumer watches the folder (inotify) to learn of other processes' appends
 */
record FileBusSettings(Path path, Durability durability, long syncIntervalMs, long syncEvents, long segmentBytes,
                       long indexIntervalBytes, OptionalLong retentionMs, OptionalLong retentionBytes,
                       long pollIntervalMs, boolean writeBehind, boolean watch) {
    static final String PATH = "path";
    static final String DURABILITY = "durability";
    static final String SYNC_INTERVAL_MS = "sync_interval_ms";
    static final String SYNC_EVENTS = "sync_events";
    static final String SEGMENT_BYTES = "segment_bytes";
    static final String INDEX_INTERVAL_BYTES = "index_interval_bytes";
    static final String RETENTION_MS = "retention_ms";
    static final String RETENTION_BYTES = "retention_bytes";
    static final String POLL_INTERVAL_MS = "poll_interval_ms";
    static final String WRITE_BEHIND = "write_behind";
    static final String WATCH = "watch";

    static final Set<String> KNOWN = Set.of(PATH, DURABILITY, SYNC_INTERVAL_MS, SYNC_EVENTS, SEGMENT_BYTES,
            INDEX_INTERVAL_BYTES, RETENTION_MS, RETENTION_BYTES, POLL_INTERVAL_MS, WRITE_BEHIND, WATCH);

    static final long DEFAULT_SEGMENT_BYTES = 64L * 1024 * 1024;
    static final long DEFAULT_INDEX_INTERVAL_BYTES = 4096;

    /**
     * Reads and checks {@code settings}.
     *
     * @throws InvalidSettingsException naming the first setting that is unknown, missing or out of range
     */
    static FileBusSettings from(Settings settings) {
        settings.rejectUnknown(KNOWN);
        Durability durability = settings.enumValue(DURABILITY, Durability.class, Durability.SYNC);
        boolean writeBehind = flag(settings, WRITE_BEHIND, false);
        if (writeBehind && durability == Durability.SYNC) {
            throw new InvalidSettingsException(WRITE_BEHIND, "cannot be true with durability sync: sync promises that"
                    + " a returned send is forced to the device, write_behind returns before the event is even"
                    + " written; use durability group or os with it");
        }
        return new FileBusSettings(
                path(settings.requiredString(PATH)),
                durability,
                settings.longValue(SYNC_INTERVAL_MS, 10, 1, 60_000),
                settings.longValue(SYNC_EVENTS, 1000, 1, 1_000_000),
                settings.longValue(SEGMENT_BYTES, DEFAULT_SEGMENT_BYTES, 1, Integer.MAX_VALUE),
                settings.longValue(INDEX_INTERVAL_BYTES, DEFAULT_INDEX_INTERVAL_BYTES, 1, 1L << 30),
                optionalPositive(settings, RETENTION_MS),
                optionalPositive(settings, RETENTION_BYTES),
                settings.longValue(POLL_INTERVAL_MS, 5, 1, 1000),
                writeBehind,
                flag(settings, WATCH, true));
    }

    /** The values of a yes-or-no setting: {@code true} or {@code false}, as a boolean or as text (any case). */
    private enum Switch {
        TRUE, FALSE
    }

    /** The defaults, for the folder {@code path}: what {@link FileBus}'s administration uses. */
    static FileBusSettings defaults(Path path) {
        return new FileBusSettings(path, Durability.SYNC, 10, 1000, DEFAULT_SEGMENT_BYTES,
                DEFAULT_INDEX_INTERVAL_BYTES, OptionalLong.empty(), OptionalLong.empty(), 5, false, true);
    }

    private static Path path(String text) {
        if (text.isBlank()) {
            throw new InvalidSettingsException(PATH, "must not be blank; give the bus folder");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new InvalidSettingsException(PATH, "\"" + text + "\" is not a valid path: " + e.getMessage());
        }
    }

    private static boolean flag(Settings settings, String name, boolean absent) {
        return settings.enumValue(name, Switch.class, absent ? Switch.TRUE : Switch.FALSE) == Switch.TRUE;
    }

    private static OptionalLong optionalPositive(Settings settings, String name) {
        return settings.has(name)
                ? OptionalLong.of(settings.longValue(name, 0, 1, Long.MAX_VALUE))
                : OptionalLong.empty();
    }
}
