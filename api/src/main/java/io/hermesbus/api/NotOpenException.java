package io.hermesbus.api;

/**
 * A plugin was used before {@code open()} or after {@code close()}. Calling {@code open()} (again) makes it
 * usable; nothing was read or written by the failed call.
 */
public class NotOpenException extends HermesBusException {
    private static final long serialVersionUID = 1L;

    /**
     * A plugin used while not open.
     *
     * @param message which operation was called on which plugin, and how to open it
     */
    public NotOpenException(String message) {
        super(message);
    }

    /**
     * The error for {@code operation} called on {@code plugin} while it is not open.
     *
     * @param plugin the plugin, named by its class's simple name
     * @param operation the method called, such as {@code seek}
     * @return the error, to throw; its message says to call {@code open()} first
     */
    public static NotOpenException of(Object plugin, String operation) {
        return new NotOpenException(operation + " called on " + plugin.getClass().getSimpleName()
                + " while it is not open; call open() first (and do not use it after close())");
    }
}
