package io.hermesbus.api;

import java.util.Arrays;
import java.util.Base64;

/**
 * The position of an event on a bus, of one of the four kinds Hermes allows (see {@link OffsetKind}).
 *
 * <p>Offsets of one kind are totally ordered: a later event on a bus has a greater offset. Comparing offsets of
 * different kinds throws {@link WrongOffsetKindException}; there is no order between them.
 *
 * <p>A Hermes client keeps its last offset in a JSON cache. {@link #toJson()} writes an offset the way Hermes
 * does ({@code int} and {@code float} as JSON numbers, {@code str} as a JSON string, {@code bytes} as the
 * string {@code "HermesBytes(<base64>)"}) and {@link #fromJson(String)} reads it back to an equal offset.
 */
public sealed interface Offset extends Comparable<Offset>
        permits Offset.IntOffset, Offset.FloatOffset, Offset.StrOffset, Offset.BytesOffset {

    /** An {@code int} offset. */
    static Offset of(long value) {
        return new IntOffset(value);
    }

    /** A {@code float} offset; {@code value} must be finite. */
    static Offset of(double value) {
        return new FloatOffset(value);
    }

    /** A {@code str} offset; {@code value} must not be null. */
    static Offset of(String value) {
        return new StrOffset(value);
    }

    /** A {@code bytes} offset; {@code value} is copied and must not be null. */
    static Offset of(byte[] value) {
        return new BytesOffset(value);
    }

    /** Reads an offset written by {@link #toJson()} or by a Hermes client's cache. */
    static Offset fromJson(String json) {
        return OffsetJson.read(json);
    }

    /** Which of the four kinds this offset is. */
    OffsetKind kind();

    /** This offset as Hermes writes it in JSON. */
    default String toJson() {
        return OffsetJson.write(this);
    }

    /**
     * Orders two offsets of the same kind.
     *
     * @throws WrongOffsetKindException if {@code other} is of another kind
     */
    @Override
    int compareTo(Offset other);

    /** Whether this offset lies strictly after {@code other}; both must be of the same kind. */
    default boolean isAfter(Offset other) {
        return compareTo(other) > 0;
    }

    /** Whether this offset lies strictly before {@code other}; both must be of the same kind. */
    default boolean isBefore(Offset other) {
        return compareTo(other) < 0;
    }

    /** Throws {@link WrongOffsetKindException} unless this offset is of kind {@code expected}. */
    default Offset requireKind(OffsetKind expected) {
        if (kind() != expected) {
            throw WrongOffsetKindException.expected(expected, this);
        }
        return this;
    }

    private static <T extends Offset> T sameKind(Offset self, Offset other, Class<T> type) {
        if (!type.isInstance(other)) {
            throw new WrongOffsetKindException("cannot compare offset " + self + " of kind " + self.kind()
                    + " with offset " + other + " of kind " + other.kind() + ": offsets of different kinds have no order");
        }
        return type.cast(other);
    }

    /** An {@code int} offset. */
    record IntOffset(long value) implements Offset {
        @Override
        public OffsetKind kind() {
            return OffsetKind.INT;
        }

        @Override
        public int compareTo(Offset other) {
            return Long.compare(value, sameKind(this, other, IntOffset.class).value);
        }

        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    /** A {@code float} offset. */
    record FloatOffset(double value) implements Offset {
        public FloatOffset {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("a float offset must be finite, got " + value);
            }
        }

        @Override
        public OffsetKind kind() {
            return OffsetKind.FLOAT;
        }

        @Override
        public int compareTo(Offset other) {
            return Double.compare(value, sameKind(this, other, FloatOffset.class).value);
        }

        @Override
        public String toString() {
            return Double.toString(value);
        }
    }

    /** A {@code str} offset. */
    record StrOffset(String value) implements Offset {
        public StrOffset {
            if (value == null) {
                throw new IllegalArgumentException("a str offset must not be null");
            }
        }

        @Override
        public OffsetKind kind() {
            return OffsetKind.STR;
        }

        @Override
        public int compareTo(Offset other) {
            return value.compareTo(sameKind(this, other, StrOffset.class).value);
        }

        @Override
        public String toString() {
            return '"' + value + '"';
        }
    }

    /** A {@code bytes} offset. Its array is copied in and out, so the offset never changes. */
    record BytesOffset(byte[] value) implements Offset {
        public BytesOffset {
            if (value == null) {
                throw new IllegalArgumentException("a bytes offset must not be null");
            }
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public OffsetKind kind() {
            return OffsetKind.BYTES;
        }

        @Override
        public int compareTo(Offset other) {
            return Arrays.compareUnsigned(value, sameKind(this, other, BytesOffset.class).value);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof BytesOffset that && Arrays.equals(value, that.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "HermesBytes(" + Base64.getEncoder().encodeToString(value) + ")";
        }
    }
}
