package io.hermesbus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventTest {
    private static final byte[] PHOTO = {0x00, 0x01, (byte) 0xFE, (byte) 0xFF};
    private static final Instant BIRTH = Instant.parse("1990-12-31T23:59:58Z");

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static List<Object> list(Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }

    private static Event withAttrs(Map<String, ?> attrs) {
        return new Event("base", "added", "Users", 1, attrs, 0, false);
    }

    /** An event in Hermes JSON with {@code objattrs} as given (raw JSON text). */
    private static String jsonWithAttrs(String objattrs) {
        return "{\"evcategory\": \"base\", \"eventtype\": \"added\", \"objtype\": \"Users\", \"objpkey\": 1,"
                + " \"objattrs\": " + objattrs + ", \"step\": 0, \"isPartiallyProcessed\": false}";
    }

    private static Event richEvent() {
        Map<String, Object> attrs = map(
                "login", "j\u00e9r\u00f4me",
                "uid", 1000,
                "big", new BigInteger("123456789012345678901234567890"),
                "ratio", 0.25,
                "active", true,
                "nothing", null,
                "photo", PHOTO.clone(),
                "birth", BIRTH,
                "groups", list("staff", 7, null, false, 2.5, PHOTO.clone(), BIRTH, list(), map()),
                "nested", map("deeper", map("bytes", new byte[] {42}, "when", Instant.parse("2000-01-01T00:00:00Z"),
                        "list", list(list(1, 2), map("k", "v")))));
        return new Event("base", "added", "Users", list(7, "a"), attrs, 3, true);
    }

    // ---- round trip

    @Test
    void anEventBuiltInJavaRoundTripsThroughJson() {
        Event event = richEvent();

        String json = event.toJson();
        Event read = Event.fromJson(json);

        assertThat(read.sameContentAs(event)).isTrue();
        assertThat(read).isEqualTo(event);
        assertThat(read.hashCode()).isEqualTo(event.hashCode());
        assertThat(read.toJson()).isEqualTo(json);
        assertThat(read.step()).isEqualTo(3);
        assertThat(read.isPartiallyProcessed()).isTrue();
        assertThat(read.objpkey()).isEqualTo(List.of(7L, "a"));
    }

    @Test
    void nestedBytesAndDatetimesAreWrittenInHermesFormAndDecodedBack() {
        Event event = richEvent();
        String json = event.toJson();

        assertThat(json).contains("\"photo\": \"HermesBytes(AAH+/w==)\"")
                .contains("\"birth\": \"HermesDatetime(1990-12-31T23:59:58Z)\"")
                .contains("\"bytes\": \"HermesBytes(Kg==)\"")
                .contains("\"when\": \"HermesDatetime(2000-01-01T00:00:00Z)\"")
                .contains("\"login\": \"j\\u00e9r\\u00f4me\"");

        Event read = Event.fromJson(json);
        List<?> groups = (List<?>) read.objattrs().get("groups");
        assertThat((byte[]) groups.get(5)).containsExactly(PHOTO);
        assertThat(groups.get(6)).isEqualTo(BIRTH);
        @SuppressWarnings("unchecked")
        Map<String, Object> deeper = (Map<String, Object>) ((Map<String, Object>) read.objattrs().get("nested")).get("deeper");
        assertThat((byte[]) deeper.get("bytes")).containsExactly(42);
        assertThat(deeper.get("when")).isEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
        assertThat(deeper.get("list")).isEqualTo(List.of(List.of(1L, 2L), Map.of("k", "v")));
    }

    @Test
    void toJsonPrintsLikePythonJsonDumpsWithIndent4() {
        Event event = new Event("c", "t", null, null, map("s", "x", "l", list(1, list()), "m", map(), "d", 1.5, "n", null), 0, false);

        assertThat(event.toJson()).isEqualTo("""
                {
                    "evcategory": "c",
                    "eventtype": "t",
                    "objtype": null,
                    "objpkey": null,
                    "objattrs": {
                        "s": "x",
                        "l": [
                            1,
                            []
                        ],
                        "m": {},
                        "d": 1.5,
                        "n": null
                    },
                    "step": 0,
                    "isPartiallyProcessed": false
                }""");
    }

    @Test
    void toJsonEscapesAsPythonEnsureAscii() {
        String tricky = "q\"b\\s/n\nr\rt\tb\bf\f\u0001\u007f\u00e9\u20ac\ud83d\ude00~ ";
        Event event = withAttrs(map("k\u00e9y", tricky));

        assertThat(event.toJson()).contains(
                "\"k\\u00e9y\": \"q\\\"b\\\\s/n\\nr\\rt\\tb\\bf\\f\\u0001\\u007f\\u00e9\\u20ac\\ud83d\\ude00~ \"");
        assertThat(event.toJson().chars()).allMatch(c -> c < 0x80);
        assertThat(Event.fromJson(event.toJson()).objattrs().get("k\u00e9y")).isEqualTo(tricky);
    }

    @Test
    void anInstantIsCutToWholeSeconds() {
        Event event = withAttrs(map("t", Instant.parse("2024-02-29T12:34:56.789123Z"),
                "l", list(Instant.parse("2024-02-29T12:34:56.999Z"))));

        assertThat(event.objattrs().get("t")).isEqualTo(Instant.parse("2024-02-29T12:34:56Z"));
        assertThat(event.objattrs().get("l")).isEqualTo(List.of(Instant.parse("2024-02-29T12:34:56Z")));
        assertThat(event.toJson()).contains("\"t\": \"HermesDatetime(2024-02-29T12:34:56Z)\"");
        assertThat(Event.fromJson(event.toJson())).isEqualTo(event);
    }

    @Test
    void wholeNumbersAreNormalizedToLongAndFloatsToDouble() {
        Event event = new Event("c", "t", "T", 7,
                map("i", 5, "s", (short) 6, "b", (byte) 7, "l", 8L, "f", 2.5f, "big", BigInteger.TEN.pow(30),
                        "list", list(1, list(2)), "map", map("x", 3)), 0, false);

        assertThat(event.objpkey()).isInstanceOf(Long.class).isEqualTo(7L);
        assertThat(event.objattrs().get("i")).isInstanceOf(Long.class).isEqualTo(5L);
        assertThat(event.objattrs().get("s")).isInstanceOf(Long.class).isEqualTo(6L);
        assertThat(event.objattrs().get("b")).isInstanceOf(Long.class).isEqualTo(7L);
        assertThat(event.objattrs().get("l")).isEqualTo(8L);
        assertThat(event.objattrs().get("f")).isInstanceOf(Double.class).isEqualTo(2.5);
        assertThat(event.objattrs().get("big")).isEqualTo(BigInteger.TEN.pow(30));
        assertThat(event.objattrs().get("list")).isEqualTo(List.of(1L, List.of(2L)));
        assertThat(event.objattrs().get("map")).isEqualTo(Map.of("x", 3L));
        assertThat(event.sameContentAs(new Event("c", "t", "T", 7L, map("i", 5L, "s", 6L, "b", 7L, "l", 8L, "f", 2.5,
                "big", BigInteger.TEN.pow(30), "list", list(1L, list(2L)), "map", map("x", 3L)), 0, false))).isTrue();
        assertThat(Event.fromJson(event.toJson()).objattrs().get("big")).isEqualTo(BigInteger.TEN.pow(30));
    }

    @Test
    void theShortConstructorAndNullAttributesGiveAnEmptyEvent() {
        Event shortForm = new Event("initsync", "init-stop");
        Event nullAttrs = new Event("initsync", "init-stop", null, null, null, 0, false);

        assertThat(shortForm.objattrs()).isEmpty();
        assertThat(shortForm.objtype()).isNull();
        assertThat(shortForm.objpkey()).isNull();
        assertThat(shortForm.step()).isZero();
        assertThat(shortForm).isEqualTo(nullAttrs);
        assertThat(shortForm.toJson()).contains("\"objattrs\": {},");
    }

    @Test
    void keysOtherThanCategoryAndTypeMayBeLeftOut() {
        Event event = Event.fromJson("{\"evcategory\": \"base\", \"eventtype\": \"removed\"}");

        assertThat(event).isEqualTo(new Event("base", "removed"));
        assertThat(event.objattrs()).isEmpty();
        assertThat(event.objpkey()).isNull();
        assertThat(Event.fromJson(jsonWithAttrs("null")).objattrs()).isEmpty();
    }

    // ---- equality

    @Test
    void sameContentAsIgnoresOffsetAndTimestampButEqualsDoesNot() {
        Event event = richEvent();
        Instant t1 = Instant.parse("2024-05-01T10:00:00.123Z");
        Instant t2 = Instant.parse("2024-05-01T10:00:01Z");

        Event a = event.at(Offset.of(1), t1);
        Event sameAsA = richEvent().at(Offset.of(1), t1);
        Event otherOffset = event.at(Offset.of(2), t1);
        Event otherTime = event.at(Offset.of(1), t2);

        assertThat(a).isEqualTo(sameAsA);
        assertThat(a.hashCode()).isEqualTo(sameAsA.hashCode());
        assertThat(a.sameContentAs(otherOffset)).isTrue();
        assertThat(a).isNotEqualTo(otherOffset);
        assertThat(a.sameContentAs(otherTime)).isTrue();
        assertThat(a).isNotEqualTo(otherTime);
        assertThat(a.sameContentAs(event)).isTrue();
        assertThat(a).isNotEqualTo(event);
        assertThat(event).isNotEqualTo(a);
    }

    @Test
    void sameContentAsComparesEveryField() {
        Event base = new Event("c", "t", "T", 1, map("b", new byte[] {1, 2}), 0, false);

        assertThat(base.sameContentAs(new Event("c", "t", "T", 1, map("b", new byte[] {1, 2}), 0, false))).isTrue();
        assertThat(base.sameContentAs(new Event("x", "t", "T", 1, map("b", new byte[] {1, 2}), 0, false))).isFalse();
        assertThat(base.sameContentAs(new Event("c", "x", "T", 1, map("b", new byte[] {1, 2}), 0, false))).isFalse();
        assertThat(base.sameContentAs(new Event("c", "t", null, 1, map("b", new byte[] {1, 2}), 0, false))).isFalse();
        assertThat(base.sameContentAs(new Event("c", "t", "T", 2, map("b", new byte[] {1, 2}), 0, false))).isFalse();
        assertThat(base.sameContentAs(new Event("c", "t", "T", 1, map("b", new byte[] {1, 3}), 0, false))).isFalse();
        assertThat(base.sameContentAs(new Event("c", "t", "T", 1, map("b", new byte[] {1, 2}, "x", 1), 0, false))).isFalse();
        assertThat(base.sameContentAs(new Event("c", "t", "T", 1, map("b", new byte[] {1, 2}), 1, false))).isFalse();
        assertThat(base.sameContentAs(new Event("c", "t", "T", 1, map("b", new byte[] {1, 2}), 0, true))).isFalse();
        assertThat(base.sameContentAs(new Event("c", "t", "T", 1, map("b", list(1L, 2L)), 0, false))).isFalse();
        assertThat(new Event("c", "t", "T", list(1, 2), map(), 0, false)
                .sameContentAs(new Event("c", "t", "T", list(1, 3), map(), 0, false))).isFalse();
    }

    @Test
    void atSetsOffsetAndTimestampAndLeavesTheOriginalAlone() {
        Event event = richEvent();
        Instant published = Instant.parse("2024-05-01T10:00:00.123456Z");

        Event read = event.at(Offset.of("000042"), published);

        assertThat(read.offset()).isEqualTo(Offset.of("000042"));
        assertThat(read.timestamp()).as("not truncated: it is not serialized").isEqualTo(published);
        assertThat(read.sameContentAs(event)).isTrue();
        assertThat(read.toJson()).isEqualTo(event.toJson());
        assertThat(event.offset()).isNull();
        assertThat(event.timestamp()).isNull();
        assertThat(read.at(Offset.of("000043"), published).offset()).isEqualTo(Offset.of("000043"));
        assertThat(read.toString()).contains("000042").contains("base").contains("added");

        assertThatThrownBy(() -> event.at(null, published)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> event.at(Offset.of(1), null)).isInstanceOf(NullPointerException.class);
    }

    // ---- immutability

    @Test
    void attributesAndKeyAreUnmodifiable() {
        Event event = richEvent();

        assertThatThrownBy(() -> event.objattrs().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> event.objattrs().remove("login")).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) event.objattrs().get("nested");
        assertThatThrownBy(() -> nested.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> groups = (List<Object>) event.objattrs().get("groups");
        assertThatThrownBy(() -> groups.add("x")).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> key = (List<Object>) event.objpkey();
        assertThatThrownBy(() -> key.set(0, 9L)).isInstanceOf(UnsupportedOperationException.class);

        Event read = Event.fromJson(event.toJson());
        assertThatThrownBy(() -> read.objattrs().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> readGroups = (List<Object>) read.objattrs().get("groups");
        assertThatThrownBy(() -> readGroups.remove(0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void changingWhatWasGivenDoesNotChangeTheEvent() {
        byte[] photo = PHOTO.clone();
        List<Object> groups = list("a");
        Map<String, Object> inner = map("k", "v");
        Map<String, Object> attrs = map("photo", photo, "groups", groups, "inner", inner);
        List<Object> key = list(1, 2);
        Event event = new Event("c", "t", "T", key, attrs, 0, false);
        String before = event.toJson();

        photo[0] = 9;
        groups.add("b");
        inner.put("k2", "v2");
        attrs.put("extra", 1);
        key.add(3);

        assertThat(event.toJson()).isEqualTo(before);
        assertThat((byte[]) event.objattrs().get("photo")).containsExactly(PHOTO);
    }

    // ---- errors

    private static InvalidEventException readError(String json) {
        return catchThrowableOfType(InvalidEventException.class, () -> Event.fromJson(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"evcategory\": ", "{'evcategory': 'a'}", "not json", "{\"evcategory\": \"a\"} {}", ""})
    void malformedJsonIsAnInvalidEvent(String json) {
        InvalidEventException e = readError(json);

        assertThat(e).as("error for %s", json).isNotNull();
        assertThat(e.offset()).isEmpty();
    }

    @Test
    void malformedJsonSaysSo() {
        assertThat(readError("{\"evcategory\": ")).hasMessageContaining("malformed JSON")
                .hasMessageContaining("expected a value, found the end of the text")
                .hasMessageContaining("line 1, column 16 (character 15)")
                .hasMessageContaining("in evcategory");
        assertThat(readError("{} []")).hasMessageContaining("malformed JSON").hasMessageContaining("extra data");
        assertThatThrownBy(() -> Event.fromJson((String) null)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("null");
        assertThatThrownBy(() -> Event.fromJson((Map<String, ?>) null)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("null");
    }

    @Test
    void jsonThatIsNotAnObjectIsRejected() {
        assertThat(readError("[1, 2]")).hasMessageContaining("expected a JSON object").hasMessageContaining("array");
        assertThat(readError("\"base\"")).hasMessageContaining("expected a JSON object").hasMessageContaining("string \"base\"");
        assertThat(readError("42")).hasMessageContaining("expected a JSON object").hasMessageContaining("number 42");
        assertThat(readError("null")).hasMessageContaining("expected a JSON object");
    }

    @Test
    void aMissingCategoryOrTypeIsRejected() {
        assertThat(readError("{\"eventtype\": \"added\"}")).hasMessageContaining("evcategory").hasMessageContaining("nothing");
        assertThat(readError("{\"evcategory\": null, \"eventtype\": \"added\"}")).hasMessageContaining("evcategory");
        assertThat(readError("{\"evcategory\": \"base\"}")).hasMessageContaining("eventtype");
        assertThatThrownBy(() -> new Event(null, "added")).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("evcategory");
        assertThatThrownBy(() -> new Event("base", null)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("eventtype");
    }

    @Test
    void fieldsOfTheWrongTypeAreRejected() {
        assertThat(readError("{\"evcategory\": 3, \"eventtype\": \"added\"}"))
                .hasMessageContaining("evcategory must be a string").hasMessageContaining("number 3");
        assertThat(readError("{\"evcategory\": [\"base\"], \"eventtype\": \"added\"}"))
                .hasMessageContaining("evcategory must be a string").hasMessageContaining("array");
        assertThat(readError("{\"evcategory\": \"base\", \"eventtype\": true}")).hasMessageContaining("eventtype must be a string");
        assertThat(readError("{\"evcategory\": \"base\", \"eventtype\": \"a\", \"objtype\": 1}")).hasMessageContaining("objtype must be a string");
        assertThat(readError("{\"evcategory\": \"base\", \"eventtype\": \"a\", \"step\": 1.5}")).hasMessageContaining("step");
        assertThat(readError("{\"evcategory\": \"base\", \"eventtype\": \"a\", \"step\": \"1\"}")).hasMessageContaining("step");
        assertThat(readError("{\"evcategory\": \"base\", \"eventtype\": \"a\", \"step\": 99999999999}")).hasMessageContaining("step");
        assertThat(readError("{\"evcategory\": \"base\", \"eventtype\": \"a\", \"isPartiallyProcessed\": \"yes\"}"))
                .hasMessageContaining("isPartiallyProcessed");
        assertThat(readError(jsonWithAttrs("[1]"))).hasMessageContaining("objattrs must be a JSON object");
        assertThat(readError(jsonWithAttrs("\"x\""))).hasMessageContaining("objattrs must be a JSON object");
    }

    @Test
    void anUnknownKeyIsIgnoredAsHermesIgnoresIt() {
        Event event = Event.fromJson("{\"evcategory\": \"base\", \"eventtype\": \"added\", \"offset\": 3, \"Step\": 7}");

        assertThat(event).isEqualTo(new Event("base", "added"));
        Map<String, Object> asMap = map("evcategory", "base", "eventtype", "added", "timestamp", 1.5);
        assertThat(Event.fromJson(asMap)).isEqualTo(new Event("base", "added"));
    }

    @Test
    void hermesBytesThatPythonCannotDecodeStaysTextWherever() {
        // Python's lenient b64decode: "notbase64" is 9 characters of the alphabet, one more than a multiple of 4
        Event event = Event.fromJson(jsonWithAttrs(
                "{\"photo\": \"HermesBytes(not base64!)\", \"a\": {\"b\": [\"ok\", \"HermesBytes(A)\"]}}"));

        assertThat(event.objattrs()).containsEntry("photo", "HermesBytes(not base64!)");
        assertThat(event.objattrs().get("a")).isEqualTo(Map.of("b", List.of("ok", "HermesBytes(A)")));
        assertThat(Event.fromJson("{\"evcategory\": \"base\", \"eventtype\": \"added\", \"objpkey\": [1, \"HermesBytes(AB=C)\"]}")
                .objpkey()).isEqualTo(List.of(1L, "HermesBytes(AB=C)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1990-13-01T00:00:00Z", "1990-12-31", "yesterday", "", "1990-12-31T23:59:58",
            "1990-12-31T23:59:58.5Z", "1990-12-31T23:59:58+01:00", "1990-12-31 23:59:58Z", "1990-02-30T00:00:00Z"})
    void aHermesDatetimeThatPythonCannotReadStaysText(String inside) {
        String text = "HermesDatetime(" + inside + ")";

        Event event = Event.fromJson(jsonWithAttrs("{\"x\": [{\"birth\": \"" + text + "\"}]}"));

        assertThat(event.objattrs().get("x")).as(text).isEqualTo(List.of(Map.of("birth", text)));
        assertThat(event.toJson()).contains("\"birth\": \"" + text + "\"");
        assertThat(withAttrs(map("birth", text)).objattrs()).as("a producer may send it: it arrives as this text")
                .containsEntry("birth", text);
    }

    @Test
    void textThatMerelyMentionsTheMarkersStaysText() {
        Event event = Event.fromJson(jsonWithAttrs(
                "{\"a\": \"HermesBytes(AA==) and more\", \"b\": \"see HermesDatetime(2000-01-01T00:00:00Z)\", \"c\": \"HermesBytes\"}"));

        assertThat(event.objattrs()).containsEntry("a", "HermesBytes(AA==) and more")
                .containsEntry("b", "see HermesDatetime(2000-01-01T00:00:00Z)")
                .containsEntry("c", "HermesBytes");
    }

    @Test
    void nonFiniteDoublesAreWrittenAsPythonWritesThem() {
        Event event = withAttrs(map("nan", Double.NaN, "inf", Double.POSITIVE_INFINITY,
                "x", map("y", list(1.0, Double.NEGATIVE_INFINITY)), "f", Float.NaN));

        assertThat(event.toJson()).contains("\"nan\": NaN,").contains("\"inf\": Infinity,")
                .contains("-Infinity\n").contains("\"f\": NaN\n");
        assertThat(Event.fromJson(event.toJson())).isEqualTo(event);
        assertThat(event.objattrs().get("f")).isInstanceOf(Double.class);
    }

    @Test
    void unsupportedJavaTypesAreRejectedWithTheirPathAndClass() {
        UUID uuid = UUID.fromString("00000000-0000-0000-0000-000000000001");

        assertThatThrownBy(() -> withAttrs(map("x", uuid)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("objattrs.x")
                .hasMessageContaining("java.util.UUID")
                .hasMessageContaining("byte[]");
        assertThatThrownBy(() -> withAttrs(map("x", list("ok", new Object()))))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("objattrs.x[1]");
        assertThatThrownBy(() -> new Event("c", "t", "T", uuid, map(), 0, false))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("objpkey");
        assertThatThrownBy(() -> withAttrs(map("x", java.time.LocalDate.of(2000, 1, 1))))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("java.time.LocalDate");
    }

    @Test
    void mapKeysMustBeText() {
        Map<Object, Object> numericKeys = new HashMap<>();
        numericKeys.put(1, "one");

        assertThatThrownBy(() -> withAttrs(map("m", numericKeys)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("objattrs.m")
                .hasMessageContaining("not a String");
    }

    // ---- InvalidEventException.at

    @Test
    void invalidEventExceptionAtNamesAndKeepsTheOffset() {
        InvalidEventException plain = readError("[1]");
        assertThat(plain.offset()).isEmpty();

        InvalidEventException located = plain.at(Offset.of(42));

        assertThat(located.offset()).contains(Offset.of(42));
        assertThat(located).hasMessageContaining("offset 42").hasMessageContaining(plain.getMessage());
        assertThat(located.getStackTrace()).isEqualTo(plain.getStackTrace());
        assertThat(plain.offset()).as("the original is unchanged").isEmpty();
    }

    @Test
    void invalidEventExceptionAtKeepsTheCause() {
        InvalidEventException plain = new InvalidEventException("malformed JSON: bad", new IOException("bad"));
        Throwable cause = plain.getCause();
        assertThat(cause).isNotNull();

        InvalidEventException located = plain.at(Offset.of(new byte[] {0, 1, (byte) 0xFE, (byte) 0xFF}));

        assertThat(located.getCause()).isSameAs(cause);
        assertThat(located).hasMessageContaining("HermesBytes(AAH+/w==)").hasMessageContaining("malformed JSON");
        assertThat(located.offset()).contains(Offset.of(new byte[] {0, 1, (byte) 0xFE, (byte) 0xFF}));
        assertThat(new InvalidEventException("x").at(Offset.of("k")))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("\"k\"").hasNoCause();
    }
}
