package io.hermesbus.python;

import io.hermesbus.api.HermesBusException;

/**
 * The Python plugin raised an exception that no entry of the module's exception table (README, "Python exceptions")
 * turns into one of the api's errors, or the bridge found the plugin's answer unusable (an event without an
 * offset, say). The message names the call, the Python type and message, and ends with the Python traceback.
 */
public class PythonPluginException extends HermesBusException {
    private static final long serialVersionUID = 1L;

    /** The exception's qualified Python type. */
    private final String pythonType;
    /** {@code str()} of the exception. */
    private final String pythonMessage;
    /** The formatted traceback. */
    private final String pythonTraceback;

    /**
     * @param message the whole message, traceback included
     * @param pythonType the exception's qualified Python type, such as {@code builtins.ValueError}
     * @param pythonMessage {@code str()} of the exception
     * @param pythonTraceback the formatted traceback (at most about 8,000 characters: its end)
     */
    public PythonPluginException(String message, String pythonType, String pythonMessage, String pythonTraceback) {
        super(message);
        this.pythonType = pythonType;
        this.pythonMessage = pythonMessage;
        this.pythonTraceback = pythonTraceback;
    }

    /**
     * The exception's qualified Python type.
     *
     * @return the type, such as {@code builtins.ValueError}
     */
    public String pythonType() {
        return pythonType;
    }

    /**
     * What the Python exception says.
     *
     * @return {@code str()} of the exception
     */
    public String pythonMessage() {
        return pythonMessage;
    }

    /**
     * The Python traceback.
     *
     * @return the traceback as {@code traceback.format_exception} writes it (its end, when long)
     */
    public String pythonTraceback() {
        return pythonTraceback;
    }
}
