package io.hermesbus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every class of case of issue 12 where Java and Hermes parted, each as Hermes 1.0.9 reads and writes it (found
 * in its source and in what it wrote in the corpus): Python's floats, NaN and the infinities, lone surrogates,
 * strings that look like markers, dates, events of other Hermes versions, what else Python's json does, and
 * what the producer refuses, before anything is sent, because Hermes could not carry it.
 */
class HermesJsonCasesTest {
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Event withAttrs(Map<String, ?> attrs) {
        return new Event("base", "added", "Users", 1, attrs, 0, false);
    }

    /** Hermes' text of an event whose objattrs are {@code objattrs}, laid out as Hermes lays it out. */
    private static String hermesText(String objattrs) {
        return "{\n    \"evcategory\": \"base\",\n    \"eventtype\": \"added\",\n    \"objtype\": \"Users\",\n"
                + "    \"objpkey\": 1,\n    \"objattrs\": " + objattrs + ",\n    \"step\": 0,\n"
                + "    \"isPartiallyProcessed\": false\n}";
    }

    /** The attributes of the event in {@code hermesText(objattrs)}. */
    private static Map<String, Object> read(String objattrs) {
        return Event.fromJson(hermesText(objattrs)).objattrs();
    }

    /** Reads Hermes' text and writes it again: what Hermes writes is what it read, so the text must come back. */
    private static void assertRoundTripsByteForByte(String objattrs) {
        String text = hermesText(objattrs);
        assertThat(Event.fromJson(text).toJson()).isEqualTo(text);
    }

    private static InvalidEventException refusal(Runnable build) {
        InvalidEventException e = catchThrowableOfType(InvalidEventException.class, build::run);
        assertThat(e).as("refused").isNotNull();
        return e;
    }

    @Nested
    class Floats {
        @Test
        void areWrittenAsPythonsReprAndReadBackToTheSameDouble() {
            Map<String, Object> values = map("a", 1e16, "b", 10000000.0, "c", 1e-5, "d", Double.MIN_VALUE, "e", 1e23,
                    "f", -0.0, "g", 0.1 + 0.2, "h", 1.5, "i", 123456789012345680.0, "j", Double.MAX_VALUE, "k", 2.5f);

            String json = withAttrs(values).toJson();

            assertThat(json).contains("\"a\": 1e+16,").contains("\"b\": 10000000.0,").contains("\"c\": 1e-05,")
                    .contains("\"d\": 5e-324,").contains("\"e\": 1e+23,").contains("\"f\": -0.0,")
                    .contains("\"g\": 0.30000000000000004,").contains("\"h\": 1.5,").contains("\"i\": 1.2345678901234568e+17,")
                    .contains("\"j\": 1.7976931348623157e+308,").contains("\"k\": 2.5\n");
            assertThat(Event.fromJson(json)).isEqualTo(withAttrs(values));
        }

        @Test
        void pythonsTextsAreReadAndWrittenBackByteForByte() {
            assertRoundTripsByteForByte("{\n        \"a\": 1e+16,\n        \"b\": 10000000.0,\n        \"c\": 1e-05,\n"
                    + "        \"d\": 5e-324,\n        \"e\": 1e+23,\n        \"f\": -0.0,\n        \"g\": 2.2250738585072014e-308\n    }");
            assertThat(read("{\"f\": -0.0, \"z\": 0.0}").get("f")).isEqualTo(-0.0).isNotEqualTo(0.0);
        }

        @Test
        void aFloatIsNeverAnIntNorTheOtherWayRound() {
            Map<String, Object> attrs = read("{\"float\": 1.0, \"int\": 1, \"exp\": 1e2}");

            assertThat(attrs.get("float")).isInstanceOf(Double.class);
            assertThat(attrs.get("int")).isInstanceOf(Long.class);
            assertThat(attrs.get("exp")).isEqualTo(100.0);
            assertThat(withAttrs(attrs).toJson()).contains("\"float\": 1.0,").contains("\"int\": 1,").contains("\"exp\": 100.0\n");
        }
    }

    @Nested
    class NanAndInfinities {
        @Test
        void areReadAsPythonReadsThemAndWrittenBackTheSame() {
            String objattrs = "{\n        \"nan\": NaN,\n        \"inf\": Infinity,\n        \"ninf\": -Infinity,\n"
                    + "        \"in\": [\n            NaN\n        ]\n    }";

            Map<String, Object> attrs = read(objattrs);

            assertThat((Double) attrs.get("nan")).isNaN();
            assertThat(attrs.get("inf")).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(attrs.get("ninf")).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat((Double) ((List<?>) attrs.get("in")).get(0)).isNaN();
            assertRoundTripsByteForByte(objattrs);
        }

        @Test
        void onlyPythonsSpellingsAreNumbers() {
            for (String other : List.of("nan", "-NaN", "+Infinity", "infinity", "Inf", "NAN")) {
                assertThatThrownBy(() -> Event.fromJson(hermesText("{\"x\": " + other + "}")))
                        .as(other).isInstanceOf(InvalidEventException.class)
                        .hasMessageContaining("malformed JSON").hasMessageContaining("objattrs.x");
            }
        }

        @Test
        void numbersBeyondTheRangeOfADoubleAreInfinitiesAndZerosAsInPython() {
            Map<String, Object> attrs = read("{\"big\": 1e400, \"nbig\": -1e400, \"tiny\": 1e-400, \"ntiny\": -1e-400,"
                    + " \"huge\": 1e99999999999999999999}");

            assertThat(attrs.get("big")).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(attrs.get("nbig")).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(attrs.get("tiny")).isEqualTo(0.0);
            assertThat(attrs.get("ntiny")).isEqualTo(-0.0);
            assertThat(attrs.get("huge")).isEqualTo(Double.POSITIVE_INFINITY);
        }

        @Test
        void aProducerMaySendThem() {
            Event event = withAttrs(map("x", List.of(Double.NaN, Float.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)));

            assertThat(event.toJson()).contains("NaN,\n            Infinity,\n            -Infinity\n");
            assertThat(Event.fromJson(event.toJson())).isEqualTo(event);
        }
    }

    @Nested
    class LoneSurrogates {
        @Test
        void inKeysAndValuesAreReadAndWrittenBackAsHermesEscapesThem() {
            String objattrs = "{\n        \"\\udc00 lone low\": \"\\ud800\",\n        \"\\ud83d\\ude00 pair\": [\n"
                    + "            \"x\\udbff\",\n            \"\\ude00\\ud83d reversed\"\n        ]\n    }";

            Map<String, Object> attrs = read(objattrs);

            assertThat(attrs).containsOnlyKeys("\udc00 lone low", "\ud83d\ude00 pair");
            assertThat(attrs.get("\udc00 lone low")).isEqualTo("\ud800");
            assertThat(attrs.get("\ud83d\ude00 pair")).isEqualTo(List.of("x\udbff", "\ude00\ud83d reversed"));
            assertRoundTripsByteForByte(objattrs);
        }

        @Test
        void aProducerMaySendThemAnywhere() {
            Event event = new Event("c\ud800", "t", "T\udfff", "k\udc00", map("\ud800", List.of("\udfff")), 0, false);

            assertThat(event.toJson()).contains("\"evcategory\": \"c\\ud800\"").contains("\"\\ud800\": [");
            assertThat(Event.fromJson(event.toJson())).isEqualTo(event);
        }

        @Test
        void rawNonAsciiTextIsReadAndWrittenEscapedAsHermesWritesIt() {
            Event event = Event.fromJson(hermesText("{\"caf\u00e9\": \"\u20ac \ud83d\ude00\"}"));

            assertThat(event.objattrs()).containsEntry("caf\u00e9", "\u20ac \ud83d\ude00");
            assertThat(event.toJson()).contains("\"caf\\u00e9\": \"\\u20ac \\ud83d\\ude00\"");
        }
    }

    @Nested
    class StringsThatLookLikeMarkers {
        @ParameterizedTest
        @ValueSource(strings = {"HermesDatetime(not a date)", "HermesDatetime(2020-02-30T00:00:00Z)",
                "HermesDatetime(2020-01-01T23:59:60Z)", "HermesDatetime(0000-01-01T00:00:00Z)",
                "HermesDatetime(2020-01-01T24:00:00Z)", "HermesDatetime(1900-02-29T00:00:00Z)",
                "HermesDatetime(2020-01-01T00:00:00.5Z)", "HermesDatetime(2020-01-01T00:00:00+01:00)",
                "HermesDatetime(\u0662\u0660\u0662\u0660-01-01T00:00:00Z)", "HermesDatetime(2020-01-01T00:00:00z)",
                "HermesBytes(hello world)", "HermesBytes(A)", "HermesBytes(AA)", "HermesBytes(AB=C)",
                "HermesBytes(AA==))", "HermesBytes(AA==\u00e9)", "HermesBytes(AA==", "hermesbytes(AA==)",
                "HermesBytes(AA==) ", " HermesBytes(AA==)", "HermesBytes"})
        void stayTextWhenTheyDoNotDecodeAndAProducerMaySendThem(String text) {
            Map<String, Object> attrs = read("{\"x\": [\"" + escaped(text) + "\"]}");

            assertThat(attrs.get("x")).as(text).isEqualTo(List.of(text));
            Event sent = withAttrs(map("x", List.of(text)));
            assertThat(Event.fromJson(sent.toJson())).isEqualTo(sent);
        }

        private static String escaped(String text) {
            StringBuilder out = new StringBuilder();
            text.chars().forEach(c -> out.append(c < 0x80 ? String.valueOf((char) c) : String.format("\\u%04x", c)));
            return out.toString();
        }

        @Test
        void decodeWhenTheyDoWithPythonsLenientBase64() {
            Map<String, Object> attrs = read("{\"spaces\": \"HermesBytes(A A==)\", \"junk\": \"HermesBytes(AA==!!)\","
                    + " \"empty\": \"HermesBytes()\", \"skipped\": \"HermesBytes(**)\", \"bits\": \"HermesBytes(AB==)\","
                    + " \"after\": \"HermesBytes(AA==AQ==)\", \"early\": \"HermesBytes(=AA==)\", \"nl\": \"HermesBytes(AA\\n==)\"}");

            assertThat((byte[]) attrs.get("spaces")).containsExactly(0);
            assertThat((byte[]) attrs.get("junk")).containsExactly(0);
            assertThat((byte[]) attrs.get("empty")).isEmpty();
            assertThat((byte[]) attrs.get("skipped")).isEmpty();
            assertThat((byte[]) attrs.get("bits")).as("leftover bits are dropped").containsExactly(0);
            assertThat((byte[]) attrs.get("after")).as("nothing is read after the padding").containsExactly(0);
            assertThat((byte[]) attrs.get("early")).as("'=' too early to pad is skipped").containsExactly(0);
            assertThat((byte[]) attrs.get("nl")).containsExactly(0);
            assertThat(withAttrs(attrs).toJson()).as("written back as Hermes writes the bytes")
                    .contains("\"spaces\": \"HermesBytes(AA==)\"").contains("\"empty\": \"HermesBytes()\"");
        }

        @Test
        void aDatetimeDecodesOnlyWhenItIsARealSecondOfYears1To9999() {
            Map<String, Object> attrs = read("{\"first\": \"HermesDatetime(0001-01-01T00:00:00Z)\","
                    + " \"last\": \"HermesDatetime(9999-12-31T23:59:59Z)\", \"leap\": \"HermesDatetime(2024-02-29T12:00:00Z)\"}");

            assertThat(attrs.get("first")).isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
            assertThat(attrs.get("last")).isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
            assertThat(attrs.get("leap")).isEqualTo(Instant.parse("2024-02-29T12:00:00Z"));
        }

        @Test
        void areDecodedInObjpkeyButNotInKeysNorInTheEventsOwnTextFields() {
            Event event = Event.fromJson("{\"evcategory\": \"HermesBytes(AA==)\", \"eventtype\": \"t\","
                    + " \"objtype\": \"HermesDatetime(2020-01-01T00:00:00Z)\", \"objpkey\": \"HermesBytes(AQ==)\","
                    + " \"objattrs\": {\"HermesBytes(AA==)\": [\"HermesDatetime(2020-01-01T00:00:00Z)\"]}}");

            assertThat(event.evcategory()).as("a Java String: see the README").isEqualTo("HermesBytes(AA==)");
            assertThat(event.objtype()).isEqualTo("HermesDatetime(2020-01-01T00:00:00Z)");
            assertThat((byte[]) event.objpkey()).containsExactly(1);
            assertThat(event.objattrs().get("HermesBytes(AA==)")).isEqualTo(List.of(Instant.parse("2020-01-01T00:00:00Z")));
            assertThat(Event.fromJson("{\"evcategory\": \"c\", \"eventtype\": \"t\", \"objpkey\": [\"HermesBytes(AQ==)\"]}")
                    .objpkey()).satisfies(key -> assertThat((byte[]) ((List<?>) key).get(0)).containsExactly(1));
        }

        @Test
        void aProducerIsRefusedTextThatWouldArriveAsSomethingElse() {
            assertThat(refusal(() -> withAttrs(map("a", Map.of("b", List.of("ok", "HermesBytes(AA==)"))))))
                    .hasMessageStartingWith("objattrs.a.b[1]: ")
                    .hasMessageContaining("\"HermesBytes(AA==)\" would reach Hermes as bytes")
                    .hasMessageContaining("send a byte[]");
            assertThat(refusal(() -> withAttrs(map("when", "HermesDatetime(2020-01-01T00:00:00Z)"))))
                    .hasMessageStartingWith("objattrs.when: ")
                    .hasMessageContaining("as a datetime (2020-01-01T00:00:00Z)")
                    .hasMessageContaining("send an Instant");
            assertThat(refusal(() -> new Event("base", "t", null, "HermesBytes(A A==)", null, 0, false)))
                    .hasMessageStartingWith("objpkey: ");
            assertThat(refusal(() -> new Event("HermesBytes()", "t"))).hasMessageStartingWith("evcategory: ");
            assertThat(refusal(() -> new Event("c", "HermesBytes()"))).hasMessageStartingWith("eventtype: ");
            assertThat(refusal(() -> new Event("c", "t", "HermesDatetime(2020-01-01T00:00:00Z)", null, null, 0, false)))
                    .hasMessageStartingWith("objtype: ");
            assertThat(withAttrs(map("HermesBytes(AA==)", 1)).objattrs()).as("keys are never decoded")
                    .containsKey("HermesBytes(AA==)");
        }
    }

    @Nested
    class Dates {
        @Test
        void anInstantOutsideTheYears1To9999IsRefusedWithItsPath() {
            for (String outside : List.of("+10000-01-01T00:00:00Z", "-0044-03-15T12:00:00Z", "0000-12-31T23:59:59.999Z")) {
                assertThat(refusal(() -> withAttrs(map("x", List.of(Map.of("when", Instant.parse(outside)))))))
                        .as(outside)
                        .hasMessageStartingWith("objattrs.x[0].when: ")
                        .hasMessageContaining("outside the years 1 to 9999")
                        .hasMessageContaining("0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z");
            }
            assertThat(refusal(() -> new Event("c", "t", null, Instant.MAX, null, 0, false))).hasMessageStartingWith("objpkey: ");
        }

        @Test
        void theFirstAndLastSecondsAreSentWithFourDigitYears() {
            Event event = withAttrs(map("first", Instant.parse("0001-01-01T00:00:00Z"),
                    "last", Instant.parse("9999-12-31T23:59:59.999999999Z"), "ides", Instant.parse("0044-03-15T12:00:00Z")));

            assertThat(event.toJson()).contains("\"first\": \"HermesDatetime(0001-01-01T00:00:00Z)\"")
                    .contains("\"last\": \"HermesDatetime(9999-12-31T23:59:59Z)\"")
                    .contains("\"ides\": \"HermesDatetime(0044-03-15T12:00:00Z)\"");
            assertThat(Event.fromJson(event.toJson())).isEqualTo(event);
        }

        @Test
        void fractionsAreCutDownAsHermesCutsThem() {
            // Python's isoformat(timespec='seconds') drops the fraction: 23:59:59.9 is written 23:59:59, also before 1970
            Event event = withAttrs(map("a", Instant.parse("1969-12-31T23:59:59.900Z"), "b", Instant.parse("2024-01-01T00:00:00.999999Z")));

            assertThat(event.toJson()).contains("HermesDatetime(1969-12-31T23:59:59Z)").contains("HermesDatetime(2024-01-01T00:00:00Z)");
        }

        @Test
        void aLeapSecondIsTextAsInHermes() {
            assertThat(read("{\"t\": \"HermesDatetime(2016-12-31T23:59:60Z)\"}")).containsEntry("t", "HermesDatetime(2016-12-31T23:59:60Z)");
        }
    }

    @Nested
    class EventsOfOtherHermesVersions {
        @Test
        void withoutIsPartiallyProcessedTheFlagIsStepNotZero() {
            Event stepTwo = Event.fromJson("{\"evcategory\": \"base\", \"eventtype\": \"added\", \"objtype\": null,"
                    + " \"objpkey\": null, \"objattrs\": {}, \"step\": 2}");
            Event stepZero = Event.fromJson("{\"evcategory\": \"base\", \"eventtype\": \"added\", \"step\": 0}");
            Event noStep = Event.fromJson("{\"evcategory\": \"base\", \"eventtype\": \"added\"}");

            assertThat(stepTwo.isPartiallyProcessed()).isTrue();
            assertThat(stepTwo.toJson()).endsWith("\"step\": 2,\n    \"isPartiallyProcessed\": true\n}");
            assertThat(stepZero.isPartiallyProcessed()).isFalse();
            assertThat(noStep.isPartiallyProcessed()).isFalse();
            assertThat(Event.fromJson("{\"evcategory\": \"b\", \"eventtype\": \"a\", \"step\": 2, \"isPartiallyProcessed\": false}")
                    .isPartiallyProcessed()).as("a flag that is there is taken as it is").isFalse();
        }

        @Test
        void anExtraKeyIsIgnoredAndNotWrittenBack() {
            String text = hermesText("{}").replace("false\n}", "false,\n    \"futureKey\": [\n        1\n    ]\n}");

            Event event = Event.fromJson(text);

            assertThat(event.toJson()).isEqualTo(hermesText("{}"));
        }
    }

    @Nested
    class WhatElsePythonsJsonDoes {
        @Test
        void aRepeatedKeyKeepsItsFirstPlaceAndItsLastValue() {
            Map<String, Object> attrs = read("{\"a\": 1, \"b\": 2, \"a\": 3}");

            assertThat(attrs).containsExactly(Map.entry("a", 3L), Map.entry("b", 2L));
        }

        @Test
        void wholeNumbersOfAnySizeUpTo4300Digits() {
            String digits4300 = "9".repeat(4300);
            Map<String, Object> attrs = read("{\"long\": 9223372036854775807, \"min\": -9223372036854775808,"
                    + " \"beyond\": 9223372036854775808, \"big\": -" + digits4300 + ", \"zero\": -0}");

            assertThat(attrs.get("long")).isEqualTo(Long.MAX_VALUE);
            assertThat(attrs.get("min")).isEqualTo(Long.MIN_VALUE);
            assertThat(attrs.get("beyond")).isEqualTo(BigInteger.ONE.shiftLeft(63));
            assertThat(attrs.get("big")).isEqualTo(new BigInteger("-" + digits4300));
            assertThat(attrs.get("zero")).isEqualTo(0L);
            assertThatThrownBy(() -> read("{\"x\": [" + digits4300 + "9]}"))
                    .isInstanceOf(InvalidEventException.class)
                    .hasMessageContaining("4301 digits").hasMessageContaining("4300").hasMessageContaining("objattrs.x[0]");
        }

        @Test
        void aBigIntegerThatFitsIsHeldAsALongAsItIsReadBack() {
            Event event = withAttrs(map("small", BigInteger.TEN, "big", BigInteger.TEN.pow(40)));

            assertThat(event.objattrs().get("small")).isEqualTo(10L);
            assertThat(Event.fromJson(event.toJson())).isEqualTo(event);
            assertThat(refusal(() -> withAttrs(map("x", BigInteger.TEN.pow(4300)))))
                    .hasMessageStartingWith("objattrs.x: ").hasMessageContaining("4301 digits");
        }

        @Test
        void whitespaceIsJsonsOwnAndNothingElse() {
            assertThat(read("{ \t\r\n\"a\" \n:\t[ 1 ,\r2 ] \n}")).containsEntry("a", List.of(1L, 2L));
            for (String bad : List.of("{\"a\":\u00a01}", "{\"a\":\u20281}", "\ufeff{}", "{\"a\":\f1}")) {
                assertThatThrownBy(() -> Event.fromJson(bad.startsWith("\ufeff") ? bad : hermesText(bad)))
                        .as(bad).isInstanceOf(InvalidEventException.class).hasMessageContaining("malformed JSON");
            }
        }

        @Test
        void controlCharactersMustBeEscapedInStrings() {
            assertThat(refusalToRead("{\"a\": \"tab\there\"}")).hasMessageContaining("control character U+0009")
                    .hasMessageContaining("objattrs.a");
            assertThat(read("{\"a\": \"del\u007f\"}")).containsEntry("a", "del\u007f");
        }

        @Test
        void onlyJsonsEscapesAndNumbersAreRead() {
            assertThat(refusalToRead("{\"a\": \"\\x41\"}")).hasMessageContaining("invalid escape '\\x'");
            assertThat(refusalToRead("{\"a\": \"\\u00g1\"}")).hasMessageContaining("\\uXXXX");
            assertThat(refusalToRead("{\"a\": 01}")).hasMessageContaining("expected ',' or '}'");
            assertThat(refusalToRead("{\"a\": 1.}")).hasMessageContaining("expected ',' or '}'");
            assertThat(refusalToRead("{\"a\": .5}")).hasMessageContaining("expected a value");
            assertThat(refusalToRead("{\"a\": -}")).hasMessageContaining("'-' without digits");
            assertThat(read("{\"a\": \"\\/\\b\\f\\n\\r\\t\\\"\\\\\", \"e\": 1E5, \"f\": -2.5e-3}"))
                    .containsEntry("a", "/\b\f\n\r\t\"\\").containsEntry("e", 100000.0).containsEntry("f", -0.0025);
        }

        private InvalidEventException refusalToRead(String objattrs) {
            return catchThrowableOfType(InvalidEventException.class, () -> read(objattrs));
        }

        /** On a 16 MiB stack: 1,000 levels may not fit the test thread's own, which depends on the JIT's frames. */
        @Test
        void nestingStopsWherePythonsDoes() throws InterruptedException {
            int depth = JsonReader.MAX_DEPTH - 2; // the event's own object and objattrs
            String deepest = "[".repeat(depth) + "]".repeat(depth);
            Throwable[] failed = new Throwable[1];
            Thread large = new Thread(null, () -> {
                try {
                    assertThat(read("{\"x\": " + deepest + "}")).containsKey("x");
                    assertThatThrownBy(() -> read("{\"x\": [" + deepest + "]}"))
                            .isInstanceOf(InvalidEventException.class).hasMessageContaining("nested more than 1000");
                    assertThatThrownBy(() -> Event.fromJson("[".repeat(100_000)))
                            .isInstanceOf(InvalidEventException.class).hasMessageContaining("nested more than 1000");
                } catch (Throwable t) {
                    failed[0] = t;
                }
            }, "large-stack", 16L * 1024 * 1024);
            large.start();
            large.join();
            assertThat(failed[0]).isNull();
        }

        /** Found by EventJsonFuzzTest (its input found-stack-overflow-d62c478f): a StackOverflowError escaped fromJson. */
        @Test
        void nestingTooDeepForTheThreadsStackIsAnInvalidEventNotAStackOverflow() throws InterruptedException {
            int depth = JsonReader.MAX_DEPTH - 2;
            String text = "{\"evcategory\": \"c\", \"eventtype\": \"t\", \"objattrs\": {\"x\": "
                    + "[".repeat(depth) + "]".repeat(depth) + "}}";
            Throwable[] thrown = new Throwable[1];
            Thread small = new Thread(null, () -> {
                try {
                    Event.fromJson(text);
                } catch (Throwable t) {
                    thrown[0] = t;
                }
            }, "small-stack", 64 * 1024);
            small.start();
            small.join();
            assertThat(thrown[0]).isInstanceOf(InvalidEventException.class)
                    .hasMessageContaining("nested too deep to be read on this thread's stack").hasMessageContaining("-Xss");

            Event[] read = new Event[1];
            Thread large = new Thread(null, () -> read[0] = Event.fromJson(text), "large-stack", 16L * 1024 * 1024);
            large.start();
            large.join();
            assertThat(read[0].objattrs()).containsKey("x");
        }

        @Test
        void errorsNameTheLineColumnAndPathInTheEvent() {
            String text = hermesText("{\n        \"a\": [\n            1,\n            2 3\n        ]\n    }");

            assertThatThrownBy(() -> Event.fromJson(text))
                    .isInstanceOf(InvalidEventException.class)
                    .hasMessage("malformed JSON: expected ',' or ']' after the value, found '3' at line 9, column 15"
                            + " (character 158), in objattrs.a[1]");
        }
    }

    @Nested
    class WhatJavaAndPythonHoldDifferently {
        @Test
        void aTupleAndAListAreBothJavaLists() {
            Event event = Event.fromJson("{\"evcategory\": \"c\", \"eventtype\": \"t\", \"objpkey\": [1, [2, \"x\"]]}");

            assertThat(event.objpkey()).isEqualTo(List.of(1L, List.of(2L, "x")));
        }

        @Test
        void aSetIsHeldAndWrittenAsTheSortedListHermesWritesOfIt() {
            Set<Object> numbers = new LinkedHashSet<>(List.of(2.5, -1L, true, BigInteger.TEN.pow(30), 0, Double.NEGATIVE_INFINITY));
            Set<String> texts = new LinkedHashSet<>(List.of("b", "\ud83d\ude00", "\uffff", "a", ""));
            Set<byte[]> bytes = new LinkedHashSet<>(List.of(new byte[] {(byte) 0xFF}, new byte[] {1}, new byte[] {1, 0}));
            Set<Instant> times = new LinkedHashSet<>(List.of(Instant.parse("2020-01-02T00:00:00Z"), Instant.parse("2020-01-01T00:00:00Z")));

            Event event = withAttrs(map("n", numbers, "s", texts, "b", bytes, "t", times, "one", Set.of(List.of(1)), "none", Set.of()));

            assertThat(event.objattrs().get("n")).isEqualTo(List.of(Double.NEGATIVE_INFINITY, -1L, 0L, true, 2.5, BigInteger.TEN.pow(30)));
            assertThat(event.objattrs().get("s")).as("by code point, as Python orders str")
                    .isEqualTo(List.of("", "a", "b", "\uffff", "\ud83d\ude00"));
            assertThat(((List<?>) event.objattrs().get("b")).stream().map(b -> Arrays.toString((byte[]) b)).toList())
                    .containsExactly("[1]", "[1, 0]", "[-1]");
            assertThat(event.objattrs().get("t")).isEqualTo(List.of(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2020-01-02T00:00:00Z")));
            assertThat(event.objattrs().get("one")).isEqualTo(List.of(List.of(1L)));
            assertThat(event.objattrs().get("none")).isEqualTo(List.of());
            assertThat(Event.fromJson(event.toJson())).isEqualTo(event);
        }

        @Test
        void aSetPythonCannotSortIsRefused() {
            assertThat(refusal(() -> withAttrs(map("x", new LinkedHashSet<>(List.of(1L, "a"))))))
                    .hasMessageStartingWith("objattrs.x: ").hasMessageContaining("cannot sort").hasMessageContaining("use a List");
            assertThat(refusal(() -> withAttrs(map("x", new LinkedHashSet<>(Arrays.asList(null, 1L))))))
                    .hasMessageStartingWith("objattrs.x: ");
            assertThat(refusal(() -> withAttrs(map("x", new LinkedHashSet<>(List.of(1.0, Double.NaN))))))
                    .hasMessageStartingWith("objattrs.x: ").hasMessageContaining("NaN");
        }
    }

    @Nested
    class WhatAProducerIsRefused {
        @Test
        void aKeyThatIsNotText() {
            Map<Object, Object> numericKeys = new HashMap<>();
            numericKeys.put(1, "one");
            Map<Object, Object> nullKey = new HashMap<>();
            nullKey.put(null, "none");

            assertThat(refusal(() -> withAttrs(map("m", List.of(numericKeys)))))
                    .hasMessageStartingWith("objattrs.m[0]: the key 1 is a java.lang.Integer, not a String");
            assertThat(refusal(() -> withAttrs(map("m", nullKey)))).hasMessageStartingWith("objattrs.m: the key null");
        }

        @Test
        void aTypeWithoutAJsonForm() {
            assertThat(refusal(() -> withAttrs(map("x", new java.math.BigDecimal("1.5")))))
                    .hasMessageStartingWith("objattrs.x: a java.math.BigDecimal cannot be written as Hermes JSON")
                    .hasMessageContaining("Double");
            assertThat(refusal(() -> withAttrs(map("x", java.util.Collections.singletonList(new Object[] {1})))))
                    .hasMessageStartingWith("objattrs.x[0]: a [Ljava.lang.Object;");
        }

        @Test
        void nestingDeeperThanHermesSurelyReadsBack() {
            Object deep = List.of();
            for (int i = 0; i < HermesJson.MAX_WRITE_DEPTH - 3; i++) {
                deep = List.of(deep);
            }
            Event deepest = withAttrs(map("x", deep));
            assertThat(Event.fromJson(deepest.toJson())).isEqualTo(deepest);
            Object deeper = List.of(deep);
            assertThat(refusal(() -> withAttrs(map("x", deeper)))).hasMessageContaining("nested 501 deep")
                    .hasMessageContaining("flatten");
        }

        @Test
        void nothingIsRefusedThatHermesCarries() {
            Event event = withAttrs(map("s", "HermesDatetime(not a date)", "n", Double.NaN, "l", "\ud800",
                    "b", new byte[0], "t", Instant.parse("0001-01-01T00:00:00Z"), "big", BigInteger.TWO.pow(64)));

            assertThat(Event.fromJson(event.toJson())).isEqualTo(event);
        }
    }
}
