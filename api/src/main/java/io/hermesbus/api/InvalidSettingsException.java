package io.hermesbus.api;

/**
 * A plugin's settings are missing a value, hold a value of the wrong type, or hold a value out of range.
 * The message names the setting, what it held and what it accepts.
 */
public class InvalidSettingsException extends HermesBusException {
    private static final long serialVersionUID = 1L;

    private final String setting;

    public InvalidSettingsException(String setting, String message) {
        super("setting '" + setting + "': " + message);
        this.setting = setting;
    }

    /** The name of the offending setting. */
    public String setting() {
        return setting;
    }
}
