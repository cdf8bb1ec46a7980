package io.hermesbus.api;

/**
 * A plugin's settings are missing a value, hold a value of the wrong type, or hold a value out of range.
 * The message names the setting, what it held and what it accepts.
 */
public class InvalidSettingsException extends HermesBusException {
    private static final long serialVersionUID = 1L;

    /** The name of the setting, as given. */
    private final String setting;

    /**
     * An invalid setting; the message starts with the setting's name.
     *
     * @param setting the name of the setting, as the plugin reads it
     * @param message what it held (masked if secret) and what it accepts
     */
    public InvalidSettingsException(String setting, String message) {
        super("setting '" + setting + "': " + message);
        this.setting = setting;
    }

    /**
     * The name of the offending setting.
     *
     * @return the name, as given to the constructor
     */
    public String setting() {
        return setting;
    }
}
