package io.hermesbus.sqlite;

import io.hermesbus.api.HermesBusException;

/**
 * The bus file stayed locked by another connection (SQLite's {@code SQLITE_BUSY} or {@code SQLITE_LOCKED}) for
 * longer than the plugin waits: a writer holding a long transaction, a producer's {@code VACUUM} on a large file,
 * or a tool that keeps the file locked. Nothing was read or written by the failed call and a consumer's position is
 * unchanged, so retrying later is safe. The message names the file and how long the plugin waited.
 */
public class BusFileLockedException extends HermesBusException {
    private static final long serialVersionUID = 1L;

    /**
     * A lock that outlasted the plugin's wait.
     *
     * @param message the file, what the plugin was doing and how long it waited
     * @param cause SQLite's error
     */
    public BusFileLockedException(String message, Throwable cause) {
        super(message, cause);
    }
}
