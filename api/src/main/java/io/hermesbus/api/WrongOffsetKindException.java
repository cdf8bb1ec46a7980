package io.hermesbus.api;

import java.util.Optional;

/**
 * An offset of one kind met an offset or a bus of another kind: for example a {@code str} offset given to a
 * bus whose offsets are {@code int}s, or two offsets of different kinds compared. Offsets of different kinds
 * have no order, so this is an error rather than a guess.
 */
public class WrongOffsetKindException extends HermesBusException {
    private static final long serialVersionUID = 1L;

    private final OffsetKind expectedKind;

    public WrongOffsetKindException(String message) {
        this(message, null);
    }

    private WrongOffsetKindException(String message, OffsetKind expectedKind) {
        super(message);
        this.expectedKind = expectedKind;
    }

    /** The kind the bus (or comparison) needed, when known: a command line names it in its own words. */
    public Optional<OffsetKind> expectedKind() {
        return Optional.ofNullable(expectedKind);
    }

    /** The error for an offset of kind {@code actual} where the bus (or comparison) needs kind {@code expected}. */
    public static WrongOffsetKindException expected(OffsetKind expected, Offset actual) {
        return new WrongOffsetKindException("offset " + actual + " is of kind " + actual.kind()
                + " but this bus uses " + expected + " offsets; give an offset such as "
                + expected.example(), expected);
    }
}
