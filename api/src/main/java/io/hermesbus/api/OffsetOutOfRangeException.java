package io.hermesbus.api;

/**
 * A seek asked for an offset outside what the bus retains: below its oldest retained event, or beyond its end.
 * The consumer's position is unchanged when this is thrown.
 */
public class OffsetOutOfRangeException extends HermesBusException {
    private static final long serialVersionUID = 1L;

    /**
     * A refused seek.
     *
     * @param message the offset asked for and the range the bus accepts
     */
    public OffsetOutOfRangeException(String message) {
        super(message);
    }
}
