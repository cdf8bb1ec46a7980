package io.hermesbus.python;

import io.hermesbus.api.HermesBusException;
import java.util.List;
import java.util.OptionalInt;

/**
 * The Python process behind a plugin could not be used: it did not start, it ended (the plugin called
 * {@code sys.exit}, crashed, or was killed), or it did not answer a call within its bound and was killed. The message
 * names the call, the exit code and the last lines the process wrote on its standard error. The plugin's process is
 * gone; {@code close()} and {@code open()} start a new one.
 */
public class PythonProcessException extends HermesBusException {
    private static final long serialVersionUID = 1L;

    /** The call that found the process unusable. */
    private final String call;
    /** The exit code, or null while unknown. */
    private final Integer exitCode;
    /** The last lines of standard error. */
    private final List<String> lastErrorLines;

    PythonProcessException(String message, String call, Integer exitCode, List<String> lastErrorLines) {
        super(message);
        this.call = call;
        this.exitCode = exitCode;
        this.lastErrorLines = List.copyOf(lastErrorLines);
    }

    /**
     * The call that found the process unusable.
     *
     * @return the call, such as {@code next} or {@code seek(12)}
     */
    public String call() {
        return call;
    }

    /**
     * The process's exit code.
     *
     * @return the code, when the process had ended
     */
    public OptionalInt exitCode() {
        return exitCode == null ? OptionalInt.empty() : OptionalInt.of(exitCode);
    }

    /**
     * What the process last wrote on its standard error.
     *
     * @return its last lines (at most {@value BridgeProcess#STDERR_LINES})
     */
    public List<String> lastErrorLines() {
        return lastErrorLines;
    }
}
