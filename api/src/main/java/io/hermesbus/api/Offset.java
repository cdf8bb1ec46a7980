package io.hermesbus.api;

import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The position of an event on a bus, of one of the four kinds Hermes allows (see {@link OffsetKind}).
 *
 * <p>Offsets of one kind are totally ordered, as Hermes (Python's {@code <}) orders them: a later event on a bus has
 * a greater offset. Comparing offsets of different kinds throws {@link WrongOffsetKindException}; there is no order
 * between them.
 *
 * <p>A Hermes client keeps its last offset in a JSON cache. {@link #toJson()} writes an offset the way Hermes
 * does ({@code int} and {@code float} as JSON numbers, a {@code float} in Python's text as
 * {@link PythonFloat#repr(double)} gives it, {@code str} as a JSON string, {@code bytes} as the string
 * {@code "HermesBytes(<base64>)"}) and {@link #fromJson(String)} reads it back to an equal offset.
 */
public sealed interface Offset extends Comparable<Offset>
        permits Offset.IntOffset, Offset.FloatOffset, Offset.StrOffset, Offset.BytesOffset {

    /**
     * An {@code int} offset.
     *
     * @param value the offset, any {@code long}
     * @return an offset of kind {@link OffsetKind#INT}
     */
    static Offset of(long value) {
        return new IntOffset(value);
    }

    /**
     * A {@code float} offset; {@code value} must be finite, as Hermes keeps offsets in a JSON cache, which has no
     * NaN or infinity.
     *
     * @param value the offset, finite
     * @return an offset of kind {@link OffsetKind#FLOAT}
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    static Offset of(double value) {
        return new FloatOffset(value);
    }

    /**
     * A {@code str} offset; {@code value} must not be null.
     *
     * @param value the offset, any text (the empty one too)
     * @return an offset of kind {@link OffsetKind#STR}
     * @throws IllegalArgumentException if {@code value} is null
     */
    static Offset of(String value) {
        return new StrOffset(value);
    }

    /**
     * A {@code bytes} offset; {@code value} is copied and must not be null.
     *
     * @param value the offset, any bytes (none too)
     * @return an offset of kind {@link OffsetKind#BYTES}
     * @throws IllegalArgumentException if {@code value} is null
     */
    static Offset of(byte[] value) {
        return new BytesOffset(value);
    }

    /**
     * Reads an offset written by {@link #toJson()} or by a Hermes client's cache.
     *
     * @param json a JSON number or string, as Hermes caches an offset
     * @return the offset; its kind follows from the JSON (a whole number is an {@code int}, a
     *     {@code "HermesBytes(...)"} string {@code bytes})
     * @throws HermesBusException if the text is not an offset Hermes writes
     */
    static Offset fromJson(String json) {
        return OffsetJson.read(json);
    }

    /**
     * Which of the four kinds this offset is.
     *
     * @return the kind, never null
     */
    OffsetKind kind();

    /**
     * This offset as Hermes writes it in JSON.
     *
     * @return the JSON text, which {@link #fromJson(String)} reads back to an equal offset
     */
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

    /**
     * Whether this offset lies strictly after {@code other}; both must be of the same kind.
     *
     * @param other an offset of the same kind
     * @return true if this offset is greater
     * @throws WrongOffsetKindException if {@code other} is of another kind
     */
    default boolean isAfter(Offset other) {
        return compareTo(other) > 0;
    }

    /**
     * Whether this offset lies strictly before {@code other}; both must be of the same kind.
     *
     * @param other an offset of the same kind
     * @return true if this offset is smaller
     * @throws WrongOffsetKindException if {@code other} is of another kind
     */
    default boolean isBefore(Offset other) {
        return compareTo(other) < 0;
    }

    /**
     * The least offset of this kind above this one, so that nothing lies between the two: {@code value + 1} for
     * {@code int}, the next {@code double} for {@code float}, the text followed by U+0000 for {@code str}, the bytes
     * followed by a zero byte for {@code bytes}. Empty for the largest {@code int} and the largest finite
     * {@code float}.
     *
     * @return the successor; empty at the top of the kind's range
     */
    Optional<Offset> successor();

    /**
     * Throws {@link WrongOffsetKindException} unless this offset is of kind {@code expected}.
     *
     * @param expected the kind required, such as the bus's
     * @return this offset, for chaining
     */
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
        public Optional<Offset> successor() {
            return value == Long.MAX_VALUE ? Optional.empty() : Optional.of(new IntOffset(value + 1));
        }

        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    /** A {@code float} offset. */
    record FloatOffset(double value) implements Offset {
        /**
         * Checks that {@code value} is finite.
         *
         * @param value the offset
         * @throws IllegalArgumentException if {@code value} is NaN or infinite
         */
        public FloatOffset {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("a float offset must be finite, got " + value
                        + ": Hermes caches offsets as JSON, which has no NaN or Infinity");
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
        public Optional<Offset> successor() {
            // -0.0 sorts just below 0.0 (Double.compare), which Math.nextUp would skip
            double next = Double.doubleToRawLongBits(value) == Double.doubleToRawLongBits(-0.0) ? 0.0 : Math.nextUp(value);
            return Double.isFinite(next) ? Optional.of(new FloatOffset(next)) : Optional.empty();
        }

        /** Python's text for the float, as Hermes shows it: {@code 1795954055.3078136}, {@code 1e+16}. */
        @Override
        public String toString() {
            return PythonFloat.repr(value);
        }
    }

    /** A {@code str} offset, ordered by Unicode code point, as Python orders {@code str}. */
    record StrOffset(String value) implements Offset {
        /**
         * Checks that {@code value} is not null.
         *
         * @param value the offset's text
         * @throws IllegalArgumentException if {@code value} is null
         */
        public StrOffset {
            if (value == null) {
                throw new IllegalArgumentException("a str offset must not be null");
            }
        }

        @Override
        public OffsetKind kind() {
            return OffsetKind.STR;
        }

        /**
         * By code point, not by UTF-16 unit as {@link String#compareTo} does: the two differ where a character above
         * U+FFFF (a surrogate pair) meets one from U+E000 to U+FFFF. A lone surrogate counts as its own code point,
         * as in a Python {@code str}.
         */
        @Override
        public int compareTo(Offset other) {
            String that = sameKind(this, other, StrOffset.class).value;
            int length = Math.min(value.length(), that.length());
            for (int i = 0; i < length; i++) {
                if (value.charAt(i) != that.charAt(i)) {
                    // the first unit that differs starts a code point in both, or is the low half of pairs whose
                    // high halves are equal, where unit order is code point order
                    return Integer.compare(value.codePointAt(i), that.codePointAt(i));
                }
            }
            return Integer.compare(value.length(), that.length());
        }

        @Override
        public Optional<Offset> successor() {
            return Optional.of(new StrOffset(value + '\u0000'));
        }

        @Override
        public String toString() {
            return '"' + value + '"';
        }
    }

    /** A {@code bytes} offset. Its array is copied in and out, so the offset never changes. */
    record BytesOffset(byte[] value) implements Offset {
        /**
         * Copies {@code value}, so that later changes to the caller's array do not change the offset.
         *
         * @param value the offset's bytes
         * @throws IllegalArgumentException if {@code value} is null
         */
        public BytesOffset {
            if (value == null) {
                throw new IllegalArgumentException("a bytes offset must not be null");
            }
            value = value.clone();
        }

        /**
         * The offset's bytes.
         *
         * @return a copy, which the caller may change
         */
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
        public Optional<Offset> successor() {
            return Optional.of(new BytesOffset(Arrays.copyOf(value, value.length + 1)));
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
