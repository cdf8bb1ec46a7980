package io.hermesbus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class OffsetTest {

    private static Offset bytes(int... values) {
        byte[] array = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            array[i] = (byte) values[i];
        }
        return Offset.of(array);
    }

    // ---- ordering within a kind

    @Test
    void intOffsetsAreOrderedNumerically() {
        assertThat(Offset.of(1)).isLessThan(Offset.of(2));
        assertThat(Offset.of(-5)).isLessThan(Offset.of(0));
        assertThat(Offset.of(Long.MIN_VALUE)).isLessThan(Offset.of(Long.MAX_VALUE));
        assertThat(Offset.of(7).compareTo(Offset.of(7))).isZero();
        assertThat(Offset.of(3).isAfter(Offset.of(2))).isTrue();
        assertThat(Offset.of(3).isBefore(Offset.of(2))).isFalse();
        assertThat(Offset.of(3).isAfter(Offset.of(3))).isFalse();
        assertThat(Offset.of(3).isBefore(Offset.of(3))).isFalse();
    }

    @Test
    void floatOffsetsAreOrderedNumerically() {
        assertThat(Offset.of(1.5)).isLessThan(Offset.of(2.25));
        assertThat(Offset.of(-0.5)).isLessThan(Offset.of(0.25));
        assertThat(Offset.of(1e300)).isGreaterThan(Offset.of(1e299));
        assertThat(Offset.of(42.5).compareTo(Offset.of(42.5))).isZero();
    }

    @Test
    void strOffsetsAreOrderedLexicographicallyPrefixFirst() {
        assertThat(Offset.of("a")).isLessThan(Offset.of("b"));
        assertThat(Offset.of("a")).isLessThan(Offset.of("ab"));
        assertThat(Offset.of("")).isLessThan(Offset.of("0"));
        assertThat(Offset.of("000042")).isLessThan(Offset.of("000100"));
        assertThat(Offset.of("abc").compareTo(Offset.of("abc"))).isZero();
    }

    /**
     * Python's {@code <} on str, which Hermes compares offsets with, orders by code point (checked with Python 3.11:
     * {@code sorted(['\\uffff', '\\U00010000', '\\ud800', '\\ue000'])} gives {@code ['\\ud800', '\\ue000',
     * '\\uffff', '\\U00010000']}); UTF-16 order would put U+10000 (a surrogate pair) before U+E000.
     */
    @Test
    void strOffsetsAreOrderedByCodePointAsPythonOrdersThem() {
        Offset aboveBmp = Offset.of(new String(Character.toChars(0x10000)));
        Offset emoji = Offset.of("x" + new String(Character.toChars(0x1F600)));
        assertThat(Offset.of("\uE000")).isLessThan(aboveBmp);
        assertThat(Offset.of("\uFFFF")).isLessThan(aboveBmp);
        assertThat(Offset.of("x\uFFFD")).isLessThan(emoji);
        assertThat("\uFFFF".compareTo(new String(Character.toChars(0x10000)))).as("String's own order differs").isPositive();
        assertThat(Offset.of("\uD800")).as("a lone surrogate is its own code point").isLessThan(Offset.of("\uE000"));
        assertThat(Offset.of("a\uDC80")).isLessThan(Offset.of("a\uE000"));
        assertThat(Offset.of(new String(Character.toChars(0x10000))))
                .as("pairs with equal high halves: the low halves decide")
                .isLessThan(Offset.of(new String(Character.toChars(0x10001))));
        List<Offset> sorted = new ArrayList<>(List.of(Offset.of("\uFFFF"), aboveBmp, Offset.of("\uD800"), Offset.of("\uE000")));
        Collections.sort(sorted);
        assertThat(sorted).containsExactly(Offset.of("\uD800"), Offset.of("\uE000"), Offset.of("\uFFFF"), aboveBmp);
    }

    @Test
    void theSuccessorIsTheLeastOffsetAbove() {
        assertThat(Offset.of(41).successor()).contains(Offset.of(42));
        assertThat(Offset.of(Long.MAX_VALUE).successor()).isEmpty();
        assertThat(Offset.of(1.5).successor()).contains(Offset.of(Math.nextUp(1.5)));
        assertThat(Offset.of(-0.0).successor()).contains(Offset.of(0.0));
        assertThat(Offset.of(Double.MAX_VALUE).successor()).isEmpty();
        assertThat(Offset.of("ab").successor()).contains(Offset.of("ab\u0000"));
        assertThat(bytes(0x7F).successor()).contains(bytes(0x7F, 0x00));
        for (Offset offset : List.of(Offset.of(7), Offset.of(2.25), Offset.of("\uFFFF"), bytes(0xFF, 0x01))) {
            Offset next = offset.successor().orElseThrow();
            assertThat(next).as("above %s", offset).isGreaterThan(offset);
        }
        assertThat(Offset.of("ab\u0000")).as("nothing between ab and its successor").isLessThan(Offset.of("ab\u0001"))
                .isLessThan(Offset.of("ac"));
    }

    @Test
    void bytesOffsetsAreOrderedAsUnsignedBytes() {
        assertThat(bytes(0x7F)).isLessThan(bytes(0x80));
        assertThat(bytes(0x00)).isLessThan(bytes(0xFF));
        assertThat(bytes(0x01, 0xFF)).isLessThan(bytes(0x02, 0x00));
        assertThat(bytes(0x80).isAfter(bytes(0x7F))).isTrue();
        assertThat(bytes(0x12, 0x34).compareTo(bytes(0x12, 0x34))).isZero();
    }

    @Test
    void aBytesPrefixComesBeforeLongerOffsets() {
        assertThat(bytes()).isLessThan(bytes(0x00));
        assertThat(bytes(0x01)).isLessThan(bytes(0x01, 0x00));
        assertThat(bytes(0xFF)).isLessThan(bytes(0xFF, 0x00, 0x00));
        assertThat(bytes(0xFF)).isGreaterThan(bytes(0x00, 0xFF, 0xFF)); // first byte decides before length
    }

    @Test
    void sortingBytesOffsetsGivesUnsignedLexicographicOrder() {
        List<Offset> expected = List.of(bytes(), bytes(0x00), bytes(0x00, 0x00), bytes(0x01), bytes(0x7F),
                bytes(0x7F, 0x80), bytes(0x80), bytes(0xFE, 0xFF), bytes(0xFF));
        List<Offset> shuffled = new ArrayList<>(expected);
        Collections.reverse(shuffled);
        Collections.swap(shuffled, 0, 4);

        Collections.sort(shuffled);

        assertThat(shuffled).containsExactlyElementsOf(expected);
    }

    // ---- different kinds

    static Stream<Arguments> pairsOfDifferentKinds() {
        List<Offset> one = List.of(Offset.of(1), Offset.of(1.0), Offset.of("1"), bytes(1));
        List<Arguments> pairs = new ArrayList<>();
        for (Offset a : one) {
            for (Offset b : one) {
                if (a.kind() != b.kind()) {
                    pairs.add(Arguments.of(a, b));
                }
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} vs {1}")
    @MethodSource("pairsOfDifferentKinds")
    void comparingDifferentKindsThrows(Offset a, Offset b) {
        assertThatThrownBy(() -> a.compareTo(b))
                .isInstanceOf(WrongOffsetKindException.class)
                .hasMessageContaining(a.kind().toString())
                .hasMessageContaining(b.kind().toString());
        assertThatThrownBy(() -> a.isAfter(b)).isInstanceOf(WrongOffsetKindException.class);
        assertThatThrownBy(() -> a.isBefore(b)).isInstanceOf(WrongOffsetKindException.class);
        assertThat(a).isNotEqualTo(b);
    }

    // ---- equality

    @Test
    void bytesOffsetsWithEqualContentAreEqualWithEqualHashCodes() {
        Offset a = Offset.of(new byte[] {1, 2, 3});
        Offset b = new Offset.BytesOffset(new byte[] {1, 2, 3});

        assertThat(a).isEqualTo(b);
        assertThat(a.hashCode()).isEqualTo(b.hashCode());
        assertThat(a).isNotEqualTo(Offset.of(new byte[] {1, 2, 4}));
        assertThat(a).isNotEqualTo(Offset.of(new byte[] {1, 2}));
        assertThat(a).isNotEqualTo(Offset.of("\u0001\u0002\u0003"));
        assertThat(a).isNotEqualTo(null);
        assertThat(Offset.of(new byte[0])).isEqualTo(Offset.of(new byte[0]));
    }

    @Test
    void otherKindsHaveValueEquality() {
        assertThat(Offset.of(42)).isEqualTo(Offset.of(42L)).hasSameHashCodeAs(Offset.of(42L));
        assertThat(Offset.of(42.5)).isEqualTo(Offset.of(42.5));
        assertThat(Offset.of("x")).isEqualTo(Offset.of(new String("x"))).hasSameHashCodeAs(Offset.of("x"));
        assertThat(Offset.of(42)).isNotEqualTo(Offset.of(42.0));
        assertThat(Offset.of(42)).isNotEqualTo(Offset.of("42"));
    }

    @Test
    void bytesOffsetCopiesTheArrayInAndOut() {
        byte[] given = {1, 2, 3};
        Offset.BytesOffset offset = (Offset.BytesOffset) Offset.of(given);

        given[0] = 99;
        assertThat(offset.value()).containsExactly(1, 2, 3);

        byte[] out = offset.value();
        out[1] = 99;
        assertThat(offset.value()).containsExactly(1, 2, 3);
        assertThat(offset.value()).isNotSameAs(offset.value());
        assertThat(offset).isEqualTo(Offset.of(new byte[] {1, 2, 3}));

        byte[] direct = {5};
        Offset.BytesOffset viaConstructor = new Offset.BytesOffset(direct);
        direct[0] = 6;
        assertThat(viaConstructor.value()).containsExactly(5);
    }

    // ---- construction

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void floatOffsetRejectsNonFiniteValues(double value) {
        assertThatThrownBy(() -> Offset.of(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> new Offset.FloatOffset(value)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Offset.of(value)).hasMessageContaining("JSON");
    }

    @Test
    void strAndBytesOffsetsRejectNull() {
        assertThatThrownBy(() -> Offset.of((String) null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Offset.of((byte[]) null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachOffsetKnowsItsKind() {
        assertThat(Offset.of(1).kind()).isEqualTo(OffsetKind.INT);
        assertThat(Offset.of(1.0).kind()).isEqualTo(OffsetKind.FLOAT);
        assertThat(Offset.of("1").kind()).isEqualTo(OffsetKind.STR);
        assertThat(bytes(1).kind()).isEqualTo(OffsetKind.BYTES);
        assertThat(OffsetKind.values()).extracting(OffsetKind::toString).containsExactly("int", "float", "str", "bytes");
    }

    // ---- JSON

    @Test
    void toJsonWritesEachKindAsHermesDoes() {
        assertThat(Offset.of(42).toJson()).isEqualTo("42");
        assertThat(Offset.of(-7).toJson()).isEqualTo("-7");
        assertThat(Offset.of(42.5).toJson()).isEqualTo("42.5");
        assertThat(Offset.of(42.0).toJson()).isEqualTo("42.0");
        assertThat(Offset.of("000042").toJson()).isEqualTo("\"000042\"");
        assertThat(Offset.of("a\"b\u00e9").toJson()).isEqualTo("\"a\\\"b\\u00e9\"");
        assertThat(bytes(0x00, 0x01, 0xFE, 0xFF).toJson()).isEqualTo("\"HermesBytes(AAH+/w==)\"");
        assertThat(bytes().toJson()).isEqualTo("\"HermesBytes()\"");
    }

    /** Python's {@code json.dumps} texts, as in a cache Hermes wrote (checked with Python 3.11). */
    @Test
    void toJsonWritesFloatOffsetsInPythonsText() {
        assertThat(Offset.of(1795954055.3078136).toJson()).isEqualTo("1795954055.3078136");
        assertThat(Offset.of(1726000000.123456).toJson()).isEqualTo("1726000000.123456");
        assertThat(Offset.of(10000000.0).toJson()).isEqualTo("10000000.0");
        assertThat(Offset.of(1e16).toJson()).isEqualTo("1e+16");
        assertThat(Offset.of(1e23).toJson()).isEqualTo("1e+23");
        assertThat(Offset.of(1e-5).toJson()).isEqualTo("1e-05");
        assertThat(Offset.of(0.0001).toJson()).isEqualTo("0.0001");
        assertThat(Offset.of(-0.0).toJson()).isEqualTo("-0.0");
        assertThat(Offset.of(4.9e-324).toJson()).isEqualTo("5e-324");
        assertThat(Offset.of(Double.MAX_VALUE).toJson()).isEqualTo("1.7976931348623157e+308");
    }

    @Test
    void fromJsonReadsPythonsFloatTexts() {
        assertThat(Offset.fromJson("1795954055.3078136")).isEqualTo(Offset.of(1795954055.3078136));
        assertThat(Offset.fromJson("1e+16")).isEqualTo(Offset.of(1e16));
        assertThat(Offset.fromJson("1e-05")).isEqualTo(Offset.of(1e-5));
        assertThat(Offset.fromJson("5e-324")).isEqualTo(Offset.of(Double.MIN_VALUE));
        assertThat(Offset.fromJson("-0.0")).isEqualTo(Offset.of(-0.0)).isNotEqualTo(Offset.of(0.0));
    }

    /** What {@code json.dumps} writes for a non-finite float: no JSON, and no offset Hermes could cache. */
    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "1e400"})
    void fromJsonRejectsNonFiniteFloats(String json) {
        assertThatThrownBy(() -> Offset.fromJson(json))
                .isInstanceOf(HermesBusException.class)
                .hasMessageContaining("cannot read an offset from " + json);
    }

    static Stream<Offset> offsetsOfAllKinds() {
        return Stream.of(Offset.of(0), Offset.of(42), Offset.of(-1), Offset.of(Long.MAX_VALUE), Offset.of(Long.MIN_VALUE),
                Offset.of(42.5), Offset.of(42.0), Offset.of(-0.125), Offset.of(1e300), Offset.of(4.9e-324),
                Offset.of(1726000000.123456), Offset.of(1795954055.3078136), Offset.of(-0.0), Offset.of(1e16),
                Offset.of(1e23), Offset.of(1e-5), Offset.of(Double.MAX_VALUE), Offset.of(Double.MIN_NORMAL),
                Offset.of(""), Offset.of("000042"), Offset.of("line\nbreak \"quoted\" \\ \u00e9\u20ac\ud83d\ude00"),
                Offset.of("42"), bytes(), bytes(0x00, 0x01, 0xFE, 0xFF), bytes(0x7F, 0x80, 0x00, 0x10, 0x20));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("offsetsOfAllKinds")
    void fromJsonReadsBackWhatToJsonWrote(Offset offset) {
        Offset read = Offset.fromJson(offset.toJson());

        assertThat(read).isEqualTo(offset);
        assertThat(read.kind()).isEqualTo(offset.kind());
        assertThat(read.compareTo(offset)).isZero();
    }

    @Test
    void fromJsonReadsHermesCacheValues() {
        assertThat(Offset.fromJson("42")).isEqualTo(Offset.of(42));
        assertThat(Offset.fromJson(" 42 ")).isEqualTo(Offset.of(42));
        assertThat(Offset.fromJson("42.5")).isEqualTo(Offset.of(42.5));
        assertThat(Offset.fromJson("4.25e1")).isEqualTo(Offset.of(42.5));
        assertThat(Offset.fromJson("\"000042\"")).isEqualTo(Offset.of("000042"));
        assertThat(Offset.fromJson("\"j\\u00e9r\\u00f4me\"")).isEqualTo(Offset.of("j\u00e9r\u00f4me"));
        assertThat(Offset.fromJson("\"HermesBytes(AAH+/w==)\"")).isEqualTo(bytes(0x00, 0x01, 0xFE, 0xFF));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"offset\": 1}", "[1]", "true", "false", "null", ""})
    void fromJsonRejectsValuesThatAreNoOffset(String json) {
        assertThatThrownBy(() -> Offset.fromJson(json))
                .isInstanceOf(HermesBusException.class)
                .hasMessageContaining("int")
                .hasMessageContaining("float")
                .hasMessageContaining("str")
                .hasMessageContaining("HermesBytes");
    }

    @Test
    void fromJsonRejectsAnIntBeyond64Bits() {
        assertThatThrownBy(() -> Offset.fromJson("9223372036854775808"))
                .isInstanceOf(HermesBusException.class)
                .hasMessageContaining("9223372036854775808")
                .hasMessageContaining("64 bits");
        assertThat(Offset.fromJson("9223372036854775807")).isEqualTo(Offset.of(Long.MAX_VALUE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4 2", "\"abc", "{", "forty-two", "42 43"})
    void fromJsonRejectsMalformedJson(String json) {
        assertThatThrownBy(() -> Offset.fromJson(json))
                .isInstanceOf(HermesBusException.class)
                .hasMessageContaining("cannot read an offset from " + json);
    }

    @Test
    void fromJsonReadsHermesBytesAsHermesDoes() {
        // Hermes' lenient base64 skips what is not in the alphabet: nothing is left, so no bytes
        assertThat(Offset.fromJson("\"HermesBytes(**)\"")).isEqualTo(Offset.of(new byte[0]));
        assertThat(Offset.fromJson("\"HermesBytes(A A==)\"")).isEqualTo(Offset.of(new byte[] {0}));
        // data that ends part-way through a group of four is no bytes: Hermes keeps the text, a str offset
        assertThat(Offset.fromJson("\"HermesBytes(AAE)\"")).isEqualTo(Offset.of("HermesBytes(AAE)"));
    }

    // ---- requireKind

    @Test
    void requireKindReturnsTheOffsetWhenItIsOfThatKind() {
        Offset offset = Offset.of("k");
        assertThat(offset.requireKind(OffsetKind.STR)).isSameAs(offset);
        Offset b = bytes(1);
        assertThat(b.requireKind(OffsetKind.BYTES)).isSameAs(b);
    }

    @Test
    void requireKindThrowsNamingBothKindsAndAnExample() {
        assertThatThrownBy(() -> Offset.of("k").requireKind(OffsetKind.INT))
                .isInstanceOf(WrongOffsetKindException.class)
                .hasMessageContaining("\"k\"")
                .hasMessageContaining("str")
                .hasMessageContaining("int")
                .hasMessageContaining("Offset.of(42L)");
        assertThatThrownBy(() -> Offset.of(3).requireKind(OffsetKind.BYTES))
                .isInstanceOf(WrongOffsetKindException.class)
                .hasMessageContaining("bytes")
                .hasMessageContaining("Offset.of(new byte[] {0, 42})");
    }

    @Test
    void toStringShowsTheValue() {
        assertThat(Offset.of(42)).hasToString("42");
        assertThat(Offset.of(42.5)).hasToString("42.5");
        assertThat(Offset.of(1795954055.3078136)).hasToString("1795954055.3078136");
        assertThat(Offset.of(1e16)).hasToString("1e+16");
        assertThat(Offset.of("k")).hasToString("\"k\"");
        assertThat(bytes(0x00, 0x01, 0xFE, 0xFF)).hasToString("HermesBytes(AAH+/w==)");
    }
}
