package io.hermesbus.tck.selftest;

import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import java.math.BigInteger;
import java.nio.ByteBuffer;

/**
 * Offsets as buses we did not write choose them, none consecutive from 0: each strictly increases with the publish
 * number, in the api's (and Python's) order.
 */
enum OutsiderOffsets {
    /** 10, 20, 30, ...: ints with gaps, starting above 0. */
    GAPPED_INTS(OffsetKind.INT) {
        @Override
        Offset offsetOf(int number) {
            return Offset.of(10L + 10L * number);
        }
    },
    /** Epoch nanoseconds of publication: about a millisecond apart, never evenly. */
    EPOCH_NANOS(OffsetKind.INT) {
        @Override
        Offset offsetOf(int number) {
            return Offset.of(1_764_000_000_000_000_000L + number * 1_000_000L + number * 7_919L % 1_000);
        }
    },
    /** Epoch seconds of publication, with millisecond fractions. */
    EPOCH_SECONDS(OffsetKind.FLOAT) {
        @Override
        Offset offsetOf(int number) {
            return Offset.of(1_764_000_000.0 + number * 0.001);
        }
    },
    /**
     * ULIDs: 26 characters of Crockford's base 32, a 48-bit millisecond time then 80 random bits, made monotonic within
     * a millisecond by counting up from the random part (here four events a millisecond).
     */
    ULIDS(OffsetKind.STR) {
        private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        private static final BigInteger RANDOM = new BigInteger("9f3a61c27d0b44e18a5c", 16);

        @Override
        Offset offsetOf(int number) {
            BigInteger time = BigInteger.valueOf(1_764_000_000_000L + number / 4);
            BigInteger value = time.shiftLeft(80).or(RANDOM.add(BigInteger.valueOf(number)));
            char[] text = new char[26];
            for (int i = 25; i >= 0; i--) {
                text[i] = CROCKFORD.charAt(value.intValue() & 31);
                value = value.shiftRight(5);
            }
            return Offset.of(new String(text));
        }
    },
    /**
     * Nine bytes: a version byte, then a big-endian counter that crosses from 0x7F.. to 0x80.. after 16 events, where
     * a signed comparison of bytes would put later events first.
     */
    SIGN_CROSSING_BYTES(OffsetKind.BYTES) {
        @Override
        Offset offsetOf(int number) {
            return Offset.of(ByteBuffer.allocate(9).put((byte) 1).putLong(0x7FFF_FFFF_FFFF_FFF0L + number).array());
        }
    };

    final OffsetKind kind;

    OutsiderOffsets(OffsetKind kind) {
        this.kind = kind;
    }

    /** The offset of the event published {@code number}th, from 0. */
    abstract Offset offsetOf(int number);
}
