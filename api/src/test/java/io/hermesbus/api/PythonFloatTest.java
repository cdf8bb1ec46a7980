package io.hermesbus.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.hermesbus.testing.Python;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PythonFloat#repr(double)} against texts Python 3.11 wrote ({@code json.dumps(x)}), and against the
 * {@code python3} on this machine for many thousand seeded random doubles.
 */
class PythonFloatTest {

    /** Each expected text is what Python 3.11's {@code json.dumps} writes for the value. */
    static Stream<Arguments> namedCases() {
        return Stream.of(
                // the layout switches: positional for decimal exponents -4 to 15, scientific outside
                Arguments.of("1e16", 1e16, "1e+16"),
                Arguments.of("-1e16", -1e16, "-1e+16"),
                Arguments.of("1e15", 1e15, "1000000000000000.0"),
                Arguments.of("largest double below 1e16", 9999999999999998.0, "9999999999999998.0"),
                Arguments.of("1e17", 1e17, "1e+17"),
                Arguments.of("2^53", 0x1p53, "9007199254740992.0"),
                Arguments.of("2^53 + 2", 0x1p53 + 2, "9007199254740994.0"),
                Arguments.of("2^54, just above 1e16", 0x1p54, "1.8014398509481984e+16"),
                Arguments.of("1.2345678901234567e16", 1.2345678901234567e16, "1.2345678901234568e+16"),
                Arguments.of("123456789012345678", 123456789012345678.0, "1.2345678901234568e+17"),
                Arguments.of("1e-4", 1e-4, "0.0001"),
                Arguments.of("-1e-4", -1e-4, "-0.0001"),
                Arguments.of("0.00012345", 0.00012345, "0.00012345"),
                Arguments.of("9.999e-5", 9.999e-5, "9.999e-05"),
                Arguments.of("1e-5", 1e-5, "1e-05"),
                Arguments.of("2^-14, below 1e-4", 0x1p-14, "6.103515625e-05"),
                Arguments.of("2^-13, above 1e-4", 0x1p-13, "0.0001220703125"),
                Arguments.of("1e-7", 1e-7, "1e-07"),
                Arguments.of("1.5e-7", 1.5e-7, "1.5e-07"),
                // integers
                Arguments.of("10000000", 10000000.0, "10000000.0"),
                Arguments.of("1", 1.0, "1.0"),
                Arguments.of("-1", -1.0, "-1.0"),
                Arguments.of("100", 100.0, "100.0"),
                Arguments.of("123456789012345", 123456789012345.0, "123456789012345.0"),
                Arguments.of("2^53 - 1", 0x1p53 - 1, "9007199254740991.0"),
                Arguments.of("2^63", 0x1p63, "9.223372036854776e+18"),
                Arguments.of("2^64", 0x1p64, "1.8446744073709552e+19"),
                Arguments.of("1e21", 1e21, "1e+21"),
                Arguments.of("1e22", 1e22, "1e+22"),
                // 1e23 lies exactly between two doubles; it reads back (to even) as the lower one
                Arguments.of("1e23", 1e23, "1e+23"),
                Arguments.of("the double above 1e23", Math.nextUp(1e23), "1.0000000000000001e+23"),
                Arguments.of("the double below 1e23", Math.nextDown(1e23), "9.999999999999997e+22"),
                Arguments.of("1e300", 1e300, "1e+300"),
                Arguments.of("1e-300", 1e-300, "1e-300"),
                // fractions
                Arguments.of("an epoch timestamp", 1795954055.3078136, "1795954055.3078136"),
                Arguments.of("0.1", 0.1, "0.1"),
                Arguments.of("0.3", 0.3, "0.3"),
                Arguments.of("1/3", 1.0 / 3, "0.3333333333333333"),
                Arguments.of("2/3", 2.0 / 3, "0.6666666666666666"),
                Arguments.of("-2.5", -2.5, "-2.5"),
                Arguments.of("1234.5", 1234.5, "1234.5"),
                // zeros and the ends of the range
                Arguments.of("0", 0.0, "0.0"),
                Arguments.of("-0", -0.0, "-0.0"),
                Arguments.of("least subnormal", Double.MIN_VALUE, "5e-324"),
                Arguments.of("-least subnormal", -Double.MIN_VALUE, "-5e-324"),
                Arguments.of("second subnormal", 2 * Double.MIN_VALUE, "1e-323"),
                Arguments.of("third subnormal", 3 * Double.MIN_VALUE, "1.5e-323"),
                Arguments.of("4.35e-322", 4.35e-322, "4.35e-322"),
                Arguments.of("greatest subnormal", Math.nextDown(Double.MIN_NORMAL), "2.225073858507201e-308"),
                Arguments.of("least normal", Double.MIN_NORMAL, "2.2250738585072014e-308"),
                Arguments.of("2^-1023", 0x1p-1023, "1.1125369292536007e-308"),
                Arguments.of("greatest double", Double.MAX_VALUE, "1.7976931348623157e+308"),
                Arguments.of("-greatest double", -Double.MAX_VALUE, "-1.7976931348623157e+308"),
                // not JSON, but what json.dumps writes with its default allow_nan=True
                Arguments.of("NaN", Double.NaN, "NaN"),
                Arguments.of("NaN with the sign bit", Double.longBitsToDouble(0xFFF8000000000001L), "NaN"),
                Arguments.of("infinity", Double.POSITIVE_INFINITY, "Infinity"),
                Arguments.of("-infinity", Double.NEGATIVE_INFINITY, "-Infinity"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("namedCases")
    void writesWhatPythonWrites(String name, double value, String python) {
        assertThat(PythonFloat.repr(value)).isEqualTo(python);
        assertThat(PythonFloat.reprExact(value)).as("exact arithmetic").isEqualTo(python);
    }

    @Test
    void theExponentEstimatesAreExactForEveryBinaryExponent() {
        for (int q = -1100; q <= 1100; q++) {
            int k = PythonFloat.floorLog10Pow2(q);
            assertThat(compare(1, 1, q, k)).as("10^%d <= 2^%d", k, q).isGreaterThanOrEqualTo(0);
            assertThat(compare(1, 1, q, k + 1)).as("2^%d < 10^%d", q, k + 1).isNegative();
            int k34 = PythonFloat.floorLog10ThreeQuartersPow2(q);
            assertThat(compare(3, 4, q, k34)).as("10^%d <= 3/4*2^%d", k34, q).isGreaterThanOrEqualTo(0);
            assertThat(compare(3, 4, q, k34 + 1)).as("3/4*2^%d < 10^%d", q, k34 + 1).isNegative();
        }
    }

    /** The sign of {@code a/b*2^q - 10^k}. */
    private static int compare(long a, long b, int q, int k) {
        BigInteger left = BigInteger.valueOf(a).shiftLeft(Math.max(q, 0)).multiply(BigInteger.TEN.pow(Math.max(-k, 0)));
        BigInteger right = BigInteger.valueOf(b).shiftLeft(Math.max(-q, 0)).multiply(BigInteger.TEN.pow(Math.max(k, 0)));
        return left.compareTo(right);
    }

    /** Powers of two are where the interval of decimals that read back is lopsided; every exponent is here. */
    @Test
    void theFastPathAgreesWithExactArithmeticAtEveryExponent() {
        for (int biased = 0; biased < 0x7FF; biased++) {
            for (long fraction : new long[] {0, 1, 2, 3, 0xFFFFFFFFFFFFFL, 0x8000000000000L, 0x123456789ABCDL}) {
                double value = Double.longBitsToDouble((long) biased << 52 | fraction);
                assertThat(PythonFloat.repr(value)).as("%s", value).isEqualTo(PythonFloat.reprExact(value));
            }
        }
    }

    @Test
    void everyTextReadsBackToItsDouble() {
        long seed = seed();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 100_000; i++) {
            double value = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(value)) {
                assertThat(Double.parseDouble(PythonFloat.repr(value))).as("seed %d: %s", seed, value).isEqualTo(value);
            }
        }
    }

    /**
     * The real Python decides: a batch of doubles (random bit patterns, random subnormals, random short decimals,
     * random integers, random few-bit mantissas, every power of two and its neighbours, powers of ten, decimals lying
     * exactly between two doubles) goes to {@code python3} as bit patterns, and each of Python's
     * {@code json.dumps} texts must be ours. Replay a run with {@code -Dhermesbus.seed=<seed>}, as the other
     * randomized tests.
     */
    @Test
    void writesWhatThePythonOnThisMachineWrites() {
        long seed = seed();
        List<Double> values = batch(new SplittableRandom(seed));

        List<String> python = runPython(values);

        List<String> mismatches = new ArrayList<>();
        List<String> exactMismatches = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            double value = values.get(i);
            String ours = PythonFloat.repr(value);
            if (!ours.equals(python.get(i)) && mismatches.size() < 20) {
                mismatches.add(describe(value) + ": Python " + python.get(i) + ", ours " + ours);
            }
            if (i % 4 == 0) { // the exact path is slow, and only a fallback
                String exact = PythonFloat.reprExact(value);
                if (!exact.equals(python.get(i)) && exactMismatches.size() < 20) {
                    exactMismatches.add(describe(value) + ": Python " + python.get(i) + ", exact " + exact);
                }
            }
        }
        System.out.println("PythonFloatTest: " + values.size() + " doubles compared with python3, seed " + seed);
        assertThat(mismatches).as("seed %d", seed).isEmpty();
        assertThat(exactMismatches).as("seed %d", seed).isEmpty();
    }

    private static long seed() {
        return Long.getLong("hermesbus.seed", System.nanoTime());
    }

    private static String describe(double value) {
        return String.format("%s (bits %016x)", value, Double.doubleToRawLongBits(value));
    }

    static List<Double> batch(SplittableRandom random) {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            values.add(Double.longBitsToDouble(random.nextLong()));
        }
        for (int i = 0; i < 10_000; i++) {
            values.add(Double.longBitsToDouble(random.nextLong() & 0x800FFFFFFFFFFFFFL)); // subnormal or zero
        }
        for (int i = 0; i < 30_000; i++) {
            // short decimals as people write them, mostly near 1, some anywhere
            long digits = random.nextLong(1, pow10(random.nextInt(1, 18)));
            int exponent = random.nextInt(4) == 0 ? random.nextInt(-340, 300) : random.nextInt(-25, 25);
            values.add(Double.parseDouble(digits + "e" + exponent));
        }
        for (int i = 0; i < 30_000; i++) {
            int bitLength = random.nextInt(1, 64);
            values.add((double) (random.nextLong() >> (64 - bitLength)));
        }
        for (int i = 0; i < 20_000; i++) {
            // few significant bits: exact values whose digits end in a 5 just after the shortest, so ties happen
            long mantissa = random.nextLong(1, 1L << random.nextInt(1, 30)) | 1;
            values.add(Math.scalb((double) mantissa, random.nextInt(-1074, 1000)));
        }
        for (int e = -1074; e <= 1023; e++) {
            double power = Math.scalb(1.0, e);
            values.add(power);
            values.add(Math.nextUp(power));
            values.add(Math.nextDown(power));
        }
        for (int e = -325; e <= 308; e++) {
            double power = Double.parseDouble("1e" + e);
            values.add(power);
            values.add(Math.nextUp(power));
            values.add(Math.nextDown(power));
        }
        values.addAll(midpoints());
        values.addAll(List.of(0.0, -0.0, Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
        return values;
    }

    /**
     * Decimals {@code m*10^e} lying exactly between two doubles (like 1e23), with both: the odd part of
     * {@code m*5^e} is then an odd number of 54 bits, the midpoint of two 53-bit significands.
     */
    private static List<Double> midpoints() {
        List<Double> values = new ArrayList<>();
        for (int e = 0; e <= 30; e++) {
            BigInteger five = BigInteger.valueOf(5).pow(e);
            for (long m = 1; m <= 20_000; m++) {
                BigInteger n = five.multiply(BigInteger.valueOf(m));
                BigInteger odd = n.shiftRight(n.getLowestSetBit());
                if (odd.bitLength() == 54) {
                    double near = Double.parseDouble(m + "e" + e);
                    values.add(near);
                    values.add(Math.nextUp(near));
                    values.add(Math.nextDown(near));
                }
            }
        }
        assertThat(values).as("midpoints found").hasSizeGreaterThan(1000).contains(1e23);
        return values;
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }

    private static final String SCRIPT = String.join("\n",
            "import json, struct, sys",
            "for line in sys.stdin:",
            "    print(json.dumps(struct.unpack('>d', bytes.fromhex(json.loads(line)))[0]))");

    private static List<String> runPython(List<Double> values) {
        List<String> bits = new ArrayList<>(values.size());
        for (double value : values) {
            bits.add(String.format("%016x", Double.doubleToRawLongBits(value)));
        }
        List<String> texts = Python.run(SCRIPT, bits);
        assertThat(texts).as("one text per double").hasSize(values.size());
        return texts;
    }
}
