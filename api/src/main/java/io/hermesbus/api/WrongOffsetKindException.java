package io.hermesbus.api;

import java.util.Optional;

/**
 * An offset of one kind met an offset or a bus of another kind: for example a {@code str} offset given to a
 * bus whose offsets are {@code int}s, or two offsets of different kinds compared. Offsets of different kinds
 * have no order, so this is an error rather than a guess.
 */
public class WrongOffsetKindException extends HermesBusException {
    private static final long serialVersionUID = 1L;

    /** The kind needed, or null when not known. */
    private final OffsetKind expectedKind;

    /**
     * An offset of the wrong kind, without saying which kind was expected.
     *
     * @param message the offsets or the offset and the bus, with their kinds
     */
    public WrongOffsetKindException(String message) {
        this(message, null);
    }

    private WrongOffsetKindException(String message, OffsetKind expectedKind) {
        super(message);
        this.expectedKind = expectedKind;
    }

    /**
     * The kind the bus (or comparison) needed, when known: a command line names it in its own words.
     *
     * @return the kind; empty when the error came from comparing two offsets
     */
    public Optional<OffsetKind> expectedKind() {
        return Optional.ofNullable(expectedKind);
    }

    /**
     * The error for an offset of kind {@code actual} where the bus (or comparison) needs kind {@code expected}.
     *
     * @param expected the bus's kind
     * @param actual the offset given
     * @return the error, to throw; its message gives an example of an offset of the right kind
     */
    public static WrongOffsetKindException expected(OffsetKind expected, Offset actual) {
        return new WrongOffsetKindException("offset " + actual + " is of kind " + actual.kind()
                + " but this bus uses " + expected + " offsets; give an offset such as "
                + expected.example(), expected);
    }
}
