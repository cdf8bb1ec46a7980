package io.hermesbus.api;

import java.math.BigInteger;

/**
 * Python's text for a float, as Hermes writes it with {@code json.dumps}: {@link #repr(double)}.
 *
 * <p><b>How.</b> The digits are the Schubfach method's (R. Giulietti, "The Schubfach way to render doubles",
 * 2020), implemented here from the paper. For {@code v = c*2^q} the decimals that read back to {@code v} form an
 * interval {@code R} of width {@code 2^q} (a quarter less below a power of two, where the double below is closer;
 * endpoints included when {@code c} is even, as a round-half-even reader maps them to {@code v}). One power of
 * ten {@code 10^k} is chosen just below that width, so {@code R} holds at least one multiple of {@code 10^k} and
 * at most one of {@code 10^(k+1)}: the shortest decimal is that multiple of {@code 10^(k+1)} if there is one,
 * else the multiple of {@code 10^k} closest to {@code v} (ties to even digits) that lies in {@code R}. Only
 * {@code 4v/10^k} and the two ends scaled likewise are needed, each as floor with a sticky bit for "inexact"
 * (round to odd), which keeps every comparison against whole and half multiples exact. Each is one product of
 * a 125-bit approximation of {@code 10^-k} (from a table built once, exactly, at class loading) in
 * {@link Math#multiplyHigh} steps. When the approximation's error could change a floor, which needs the scaled
 * value within 2^-63 below a whole number, the value is either recognised as exactly whole (divisible by
 * {@code 5^k}) or recomputed with {@link BigInteger}; the latter was never seen in tens of millions of doubles.
 * Python's own {@code repr} (David Gay's {@code dtoa}, mode 0) gives the same digits: the shortest that
 * round-trip, closest to {@code v}, ties to even. The layout is then Python's {@code repr} layout, done here.
 *
 * <p><b>Why not {@link Double#toString(double)}.</b> JDK 17's does not give the shortest digits ({@code 1e23}
 * prints as {@code 9.999999999999999E22}), and the Schubfach one of JDK 19 and of Jackson's
 * {@code DoubleToDecimal} prefers two digits to one ({@code 4.9E-324} where Python writes {@code 5e-324}); neither
 * hands out its digits and exponent apart from its own layout.
 */
public final class PythonFloat {
    private static final int K_MIN = -324; // floor(log10(2^-1074))
    private static final int K_MAX = 292; // floor(log10(2^971))
    private static final long MASK63 = Long.MAX_VALUE;
    private static final long UNDECIDED = -1;

    // 10^-k = (G_HIGH[i]*2^63 + G_LOW[i] + d)*2^(FLOOR_LOG2[i] - 124), 0 <= d < 1, i = k - K_MIN;
    // G_EXACT[i] when d = 0
    private static final long[] G_HIGH = new long[K_MAX - K_MIN + 1];
    private static final long[] G_LOW = new long[K_MAX - K_MIN + 1];
    private static final int[] FLOOR_LOG2 = new int[K_MAX - K_MIN + 1];
    private static final boolean[] G_EXACT = new boolean[K_MAX - K_MIN + 1];
    private static final long[] POW5 = new long[24]; // 5^23 is the largest power of 5 below 4*2^53
    private static final long[] POW10 = new long[19];
    private static final char[] PAIRS = new char[200]; // "00", "01", ... "99"

    static {
        for (int k = K_MIN; k <= K_MAX; k++) {
            int i = k - K_MIN;
            BigInteger g;
            if (k <= 0) {
                BigInteger p = BigInteger.TEN.pow(-k);
                FLOOR_LOG2[i] = p.bitLength() - 1;
                int r = FLOOR_LOG2[i] - 124;
                g = r >= 0 ? p.shiftRight(r) : p.shiftLeft(-r);
                G_EXACT[i] = r <= 0 || p.getLowestSetBit() >= r;
            } else {
                BigInteger p = BigInteger.TEN.pow(k);
                FLOOR_LOG2[i] = -p.bitLength(); // log2(10^-k) is never whole here
                g = BigInteger.ONE.shiftLeft(124 - FLOOR_LOG2[i]).divide(p);
                G_EXACT[i] = false;
            }
            G_HIGH[i] = g.shiftRight(63).longValueExact();
            G_LOW[i] = g.longValue() & MASK63;
        }
        POW5[0] = 1;
        for (int i = 1; i < POW5.length; i++) {
            POW5[i] = 5 * POW5[i - 1];
        }
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = 10 * POW10[i - 1];
        }
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (char) ('0' + i / 10);
            PAIRS[2 * i + 1] = (char) ('0' + i % 10);
        }
    }

    private PythonFloat() {
    }

    /**
     * Exactly the text Python's {@code json.dumps(d)} writes for the float {@code d}: for a finite value
     * {@code float.__repr__}, the shortest decimal that reads back to {@code d} (the closest to {@code d} if
     * several have that length), positional when its decimal exponent is from -4 to 15 ({@code 0.0001},
     * {@code 10000000.0}, {@code 1795954055.3078136}, {@code -0.0}) and scientific otherwise, with a sign and at
     * least two exponent digits ({@code 1e-05}, {@code 1e+16}, {@code 5e-324}, {@code 1.7976931348623157e+308});
     * {@code NaN}, {@code Infinity} and {@code -Infinity} for the others (as with {@code allow_nan=True}, which is
     * Python's default, though they are not JSON).
     *
     * @param d any double, NaN and the infinities included
     * @return Python's text for it, never empty
     */
    public static String repr(double d) {
        return format(d, false);
    }

    /**
     * {@link #repr(double)} with every scaled value computed exactly, and no shortcut for whole numbers, for tests
     * of the fast path.
     */
    static String reprExact(double d) {
        return format(d, true);
    }

    private static String format(double d, boolean exact) {
        long bits = Double.doubleToRawLongBits(d);
        boolean negative = bits < 0;
        int biased = (int) (bits >>> 52) & 0x7FF;
        long fraction = bits & ((1L << 52) - 1);
        if (biased == 0x7FF) {
            return fraction != 0 ? "NaN" : negative ? "-Infinity" : "Infinity";
        }
        if (biased == 0 && fraction == 0) {
            return negative ? "-0.0" : "0.0";
        }
        long c;
        int q;
        if (biased == 0) {
            c = fraction;
            q = -1074;
        } else {
            c = fraction | 1L << 52;
            q = biased - 1075;
        }
        if (!exact && q <= 0 && q >= -52 && (c & ((1L << -q) - 1)) == 0) {
            // a whole number below 2^53: the other decimals within half a unit of it are longer than its own digits
            return layout(negative, c >> -q, 0, true);
        }
        // v = c*2^q. The neighbours are 2^q away, except below a power of two (not the least normal), where the
        // double below is only 2^(q-1) away, so the interval R reaches a quarter of 2^q down instead of a half.
        boolean asymmetric = fraction == 0 && biased > 1;
        boolean closed = (c & 1) == 0;
        int k = asymmetric ? floorLog10ThreeQuartersPow2(q) : floorLog10Pow2(q); // floor(log10(width of R))

        // vb, lower and upper: 4v, 4*(low end of R), 4*(high end of R), each divided by 10^k, rounded to odd
        long cb = c << 2;
        long vb = scaled(cb, q, k, exact);
        long lower = scaled(asymmetric ? cb - 1 : cb - 2, q, k, exact);
        long upper = scaled(cb + 2, q, k, exact);

        long s = vb >> 2; // floor(v / 10^k), so s*10^k <= v < (s + 1)*10^k
        // R's width is below 10^(k+1): at most one multiple of 10^(k+1) in it, then the shortest
        long tens = s - s % 10;
        if (inside(4 * tens, lower, upper, closed)) {
            return layout(negative, tens, k, true);
        } else if (inside(4 * tens + 40, lower, upper, closed)) {
            return layout(negative, tens + 10, k, true);
        } else {
            // R's width is at least 10^k: s or s + 1 is in R; take the one closer to v, on a tie the even one
            boolean up = vb > 4 * s + 2 || vb == 4 * s + 2 && (s & 1) != 0;
            if (up ? !inside(4 * s + 4, lower, upper, closed) : !inside(4 * s, lower, upper, closed)) {
                up = !up; // only below a power of two can the closer one lie outside R
            }
            return layout(negative, up ? s + 1 : s, k, false);
        }
    }

    /** {@code floor(log10(2^q))} for {@code |q| <= 1100}, in fixed point (log10(2)*2^20); the tests check every q. */
    static int floorLog10Pow2(int q) {
        return (q * 315653) >> 20;
    }

    /** {@code floor(log10(3/4*2^q))} for {@code |q| <= 1100}, as {@link #floorLog10Pow2(int)}. */
    static int floorLog10ThreeQuartersPow2(int q) {
        return (q * 315653 - 131008) >> 20;
    }

    /** Whether the decimal whose scaled value is the even {@code x} lies in R; rounding to odd keeps this exact. */
    private static boolean inside(long x, long lower, long upper, boolean closed) {
        return closed ? lower <= x && x <= upper : lower < x && x < upper;
    }

    /** {@code cb*2^q/10^k} rounded to odd: its floor, with the lowest bit set if it is not whole. */
    private static long scaled(long cb, int q, int k, boolean exact) {
        if (!exact) {
            long fast = scaledFast(cb, q, k);
            if (fast != UNDECIDED) {
                return fast;
            }
        }
        return scaledExact(cb, q, k);
    }

    // a method of its own, which keeps scaled small enough to be inlined on the hot path
    private static long scaledExact(long cb, int q, int k) {
        BigInteger numerator = BigInteger.valueOf(cb);
        BigInteger denominator = BigInteger.ONE;
        if (q >= 0) {
            numerator = numerator.shiftLeft(q);
        } else {
            denominator = denominator.shiftLeft(-q);
        }
        if (k <= 0) {
            numerator = numerator.multiply(BigInteger.TEN.pow(-k));
        } else {
            denominator = denominator.multiply(BigInteger.TEN.pow(k));
        }
        BigInteger[] quotientAndRemainder = numerator.divideAndRemainder(denominator);
        return quotientAndRemainder[0].longValueExact() | (quotientAndRemainder[1].signum() != 0 ? 1 : 0);
    }

    private static long scaledFast(long cb, int q, int k) {
        int i = k - K_MIN;
        // cb*2^q/10^k = (cb << t)*(g + d)/2^126; t is 2 to 5 as 10^k <= 2^q < 10^(k+1)*4/3
        long x = cb << (q + 2 + FLOOR_LOG2[i]);
        long g1 = G_HIGH[i];
        long g0 = G_LOW[i];
        // x*g in 63-bit limbs: whole part, then the fraction's high and low 63 bits (x < 2^60, g < 2^125)
        long high1 = Math.multiplyHigh(x, g1);
        long low1 = x * g1;
        long high0 = Math.multiplyHigh(x, g0);
        long low0 = x * g0;
        long middle = (low1 & MASK63) + (high0 << 1 | low0 >>> 63); // below 2^63 + 2^60: read unsigned
        long whole = (high1 << 1 | low1 >>> 63) + (middle >>> 63);
        middle &= MASK63;
        long bottom = low0 & MASK63;
        if (G_EXACT[i]) {
            return whole | ((middle | bottom) != 0 ? 1 : 0);
        }
        // the error x*d/2^126 is below 2^-66, and positive, so the floor is whole unless the fraction is that close
        // to 1; then the value is whole + 1 exactly, or too close to tell here
        if (middle != MASK63) {
            return whole | 1;
        }
        return k > 0 && k < POW5.length && cb % POW5[k] == 0 ? whole + 1 : UNDECIDED;
    }

    /**
     * {@code digits*10^exponent} in Python's {@code repr} layout; {@code digits} has at most 17 digits, and trailing
     * zeros only if {@code mayEndInZeros}.
     */
    private static String layout(boolean negative, long digits, int exponent, boolean mayEndInZeros) {
        if (mayEndInZeros && digits % 10 == 0) {
            // 16 zeros at most (17 digits, not all zero): one, then 8, 4, 2 and 1 at a time
            digits /= 10;
            exponent++;
            if (digits % 100_000_000 == 0) {
                digits /= 100_000_000;
                exponent += 8;
            }
            if (digits % 10_000 == 0) {
                digits /= 10_000;
                exponent += 4;
            }
            if (digits % 100 == 0) {
                digits /= 100;
                exponent += 2;
            }
            if (digits % 10 == 0) {
                digits /= 10;
                exponent++;
            }
        }
        char[] text = new char[25];
        int n = 0;
        if (negative) {
            text[n++] = '-';
        }
        int length = length(digits);
        int point = length + exponent; // the value is 0.<digits> * 10^point
        if (point > -4 && point <= 16) {
            if (point <= 0) {
                text[n++] = '0';
                text[n++] = '.';
                for (int i = point; i < 0; i++) {
                    text[n++] = '0';
                }
                n = writeDigits(text, n, digits, length);
            } else if (point < length) {
                // write all digits one place to the right, then move the whole part left over the point
                writeDigits(text, n + 1, digits, length);
                System.arraycopy(text, n + 1, text, n, point);
                text[n + point] = '.';
                n += length + 1;
            } else {
                n = writeDigits(text, n, digits, length);
                for (int i = length; i < point; i++) {
                    text[n++] = '0';
                }
                text[n++] = '.';
                text[n++] = '0';
            }
        } else {
            writeDigits(text, n + 1, digits, length);
            text[n] = text[n + 1];
            if (length > 1) {
                text[n + 1] = '.';
                n += length + 1;
            } else {
                n += 1;
            }
            text[n++] = 'e';
            int power = point - 1;
            text[n++] = (char) (power < 0 ? '-' : '+');
            power = Math.abs(power);
            if (power >= 100) {
                text[n++] = (char) ('0' + power / 100);
                power %= 100;
            }
            text[n++] = PAIRS[2 * power];
            text[n++] = PAIRS[2 * power + 1];
        }
        return new String(text, 0, n);
    }

    /** Writes the {@code length} digits of {@code digits} at {@code at}; returns the index after them. */
    private static int writeDigits(char[] text, int at, long digits, int length) {
        int end = at + length;
        int i = end;
        while (digits >= 100_000_000L) {
            long quotient = digits / 100_000_000L;
            writeEight(text, i - 8, (int) (digits - quotient * 100_000_000L));
            i -= 8;
            digits = quotient;
        }
        // two digits a step, in int arithmetic: the chain of dependent divisions is what costs
        int rest = (int) digits;
        while (rest >= 100) {
            int quotient = rest / 100;
            int pair = 2 * (rest - quotient * 100);
            text[--i] = PAIRS[pair + 1];
            text[--i] = PAIRS[pair];
            rest = quotient;
        }
        if (rest >= 10) {
            text[--i] = PAIRS[2 * rest + 1];
            text[--i] = PAIRS[2 * rest];
        } else {
            text[--i] = (char) ('0' + rest);
        }
        return end;
    }

    /** Eight digits, leading zeros included, as four pairs computed apart so that the divisions overlap. */
    private static void writeEight(char[] text, int at, int eight) {
        int high = eight / 10_000;
        int low = eight - high * 10_000;
        int a = high / 100;
        int b = high - a * 100;
        int c = low / 100;
        int d = low - c * 100;
        text[at] = PAIRS[2 * a];
        text[at + 1] = PAIRS[2 * a + 1];
        text[at + 2] = PAIRS[2 * b];
        text[at + 3] = PAIRS[2 * b + 1];
        text[at + 4] = PAIRS[2 * c];
        text[at + 5] = PAIRS[2 * c + 1];
        text[at + 6] = PAIRS[2 * d];
        text[at + 7] = PAIRS[2 * d + 1];
    }

    /** How many decimal digits {@code digits} (1 to 10^17) has. */
    private static int length(long digits) {
        // bits * 1233 / 4096 is floor(log10(2^bits)) for bits up to 64: the length, or one less
        int guess = (64 - Long.numberOfLeadingZeros(digits)) * 1233 >>> 12;
        return digits >= POW10[guess] ? guess + 1 : guess;
    }
}
