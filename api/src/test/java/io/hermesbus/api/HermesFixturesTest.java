package io.hermesbus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hermesbus.testing.HermesFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reads the events that Hermes itself wrote (shared/fixtures/hermes/events) and checks that {@link Event} reads
 * them to the expected Java values and writes them back byte for byte.
 */
class HermesFixturesTest {
    static List<String> fixtureNames() {
        return HermesFixtures.eventNames();
    }

    private static String text(String name) {
        return HermesFixtures.eventJson(name);
    }

    private static byte[] bytes(String name) {
        return HermesFixtures.eventBytes(name);
    }

    private static Event event(String name) throws IOException {
        return Event.fromJson(text(name));
    }

    @Test
    void theEightHermesFixturesAreFound() throws IOException {
        assertThat(fixtureNames()).containsExactly(
                "00-initsync-init-start.json", "01-initsync-added.json", "02-initsync-added.json",
                "03-initsync-added.json", "04-initsync-init-stop.json", "05-base-modified.json",
                "06-base-removed.json", "07-base-added.json");
    }

    @Test
    void aSystemPropertyNamingNoFixturesFailsLoudly() {
        String before = System.getProperty(HermesFixtures.PROPERTY);
        System.setProperty(HermesFixtures.PROPERTY, "/nonexistent/hermes-bus/fixtures");
        try {
            assertThatThrownBy(HermesFixtures::folder)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining(HermesFixtures.PROPERTY)
                    .hasMessageContaining("/nonexistent/hermes-bus/fixtures");
        } finally {
            if (before == null) {
                System.clearProperty(HermesFixtures.PROPERTY);
            } else {
                System.setProperty(HermesFixtures.PROPERTY, before);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureNames")
    void fromJsonReadsTheFixtureWithCategoryAndTypeOfItsFileName(String name) throws IOException {
        // file names are NN-<category>-<type>.json; the type may itself contain '-' (init-start)
        String stem = name.substring(3, name.length() - ".json".length());
        String category = stem.substring(0, stem.indexOf('-'));
        String type = stem.substring(stem.indexOf('-') + 1);

        Event event = event(name);

        assertThat(event.evcategory()).isEqualTo(category);
        assertThat(event.eventtype()).isEqualTo(type);
        assertThat(event.step()).isZero();
        assertThat(event.isPartiallyProcessed()).isFalse();
        assertThat(event.offset()).as("offset is never in the JSON").isNull();
        assertThat(event.timestamp()).as("timestamp is never in the JSON").isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureNames")
    void toJsonReproducesTheFixtureByteForByte(String name) throws IOException {
        byte[] file = bytes(name);
        // what Hermes prints, checked on the file itself: ASCII only, 4-space indent, no trailing newline
        assertThat(file[file.length - 1]).as("last byte of " + name).isEqualTo((byte) '}');
        for (byte b : file) {
            assertThat(b & 0xFF).as("byte of " + name).isLessThan(0x80);
        }
        assertThat(text(name)).startsWith("{\n    \"evcategory\": ");

        String written = event(name).toJson();

        assertThat(written).isEqualTo(text(name));
        assertThat(written.getBytes(StandardCharsets.UTF_8)).isEqualTo(file);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureNames")
    void fromJsonOfTheParsedMapEqualsFromJsonOfTheText(String name) throws IOException {
        // the dict Hermes' from_json also accepts: plain JSON values, HermesBytes/HermesDatetime still as strings
        Map<String, Object> map = new ObjectMapper().readValue(text(name), new TypeReference<LinkedHashMap<String, Object>>() {
        });

        Event fromMap = Event.fromJson(map);
        Event fromText = event(name);

        assertThat(fromMap).isEqualTo(fromText);
        assertThat(fromMap.sameContentAs(fromText)).isTrue();
        assertThat(fromMap.toJson()).isEqualTo(text(name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureNames")
    void aFixtureReadTwiceGivesEqualEventsAndIsStableThroughASecondRoundTrip(String name) throws IOException {
        Event once = event(name);
        Event twice = Event.fromJson(once.toJson());

        assertThat(twice).isEqualTo(once);
        assertThat(twice.hashCode()).isEqualTo(once.hashCode());
        assertThat(twice.toJson()).isEqualTo(once.toJson());
    }

    @Test
    void initStartHasNoObjectAndDescribesTheDataModel() throws IOException {
        Event event = event("00-initsync-init-start.json");

        assertThat(event.objtype()).isNull();
        assertThat(event.objpkey()).isNull();
        assertThat(event.objattrs()).containsOnlyKeys("Users");
        @SuppressWarnings("unchecked")
        Map<String, Object> users = (Map<String, Object>) event.objattrs().get("Users");
        assertThat(users).containsExactly(
                Map.entry("HERMES_ATTRIBUTES", List.of("login", "user_id")),
                Map.entry("PRIMARYKEY_ATTRIBUTE", "user_id"));
    }

    @Test
    void addedUserHasLongKeyAndAListOfStrings() throws IOException {
        Event event = event("01-initsync-added.json");

        assertThat(event.objtype()).isEqualTo("Users");
        assertThat(event.objpkey()).isInstanceOf(Long.class).isEqualTo(1L);
        assertThat(event.objattrs()).containsExactly(
                Map.entry("user_id", 1L),
                Map.entry("login", "user_1"),
                Map.entry("edupersonaffiliation", List.of("employee", "member", "staff")));
    }

    @Test
    void bytesDatetimeAndEscapedTextAreDecoded() throws IOException {
        Event event = event("02-initsync-added.json");

        assertThat(event.objpkey()).isEqualTo(2L);
        assertThat(event.objattrs()).containsOnlyKeys("user_id", "login", "photo", "birth");
        assertThat(event.objattrs().get("user_id")).isInstanceOf(Long.class).isEqualTo(2L);
        assertThat(event.objattrs().get("login")).isEqualTo("j\u00e9r\u00f4me");

        Object photo = event.objattrs().get("photo");
        assertThat(photo).isInstanceOf(byte[].class);
        assertThat((byte[]) photo).containsExactly(0x00, 0x01, 0xFE, 0xFF);
        assertThat(Base64.getEncoder().encodeToString((byte[]) photo)).isEqualTo("AAH+/w==");

        assertThat(event.objattrs().get("birth")).isInstanceOf(Instant.class)
                .isEqualTo(Instant.parse("1990-12-31T23:59:58Z"));
    }

    @Test
    void compositeKeyIsAListOfLongs() throws IOException {
        Event event = event("03-initsync-added.json");

        assertThat(event.objtype()).isEqualTo("GroupsMembers");
        assertThat(event.objpkey()).isInstanceOf(List.class);
        assertThat(event.objpkey()).isEqualTo(List.of(7L, 2L));
        assertThat(((List<?>) event.objpkey()).get(0)).isInstanceOf(Long.class);
        assertThat(event.objattrs()).containsExactly(Map.entry("group_id", 7L), Map.entry("user_id", 2L));
    }

    @Test
    void initStopAndRemovedHaveEmptyAttributes() throws IOException {
        Event stop = event("04-initsync-init-stop.json");
        assertThat(stop.objtype()).isNull();
        assertThat(stop.objpkey()).isNull();
        assertThat(stop.objattrs()).isEmpty();

        Event removed = event("06-base-removed.json");
        assertThat(removed.objtype()).isEqualTo("Users");
        assertThat(removed.objpkey()).isEqualTo(2L);
        assertThat(removed.objattrs()).isEmpty();
    }

    @Test
    void modifiedKeepsNestedMapsAndANullValue() throws IOException {
        Event event = event("05-base-modified.json");

        assertThat(event.objattrs()).containsOnlyKeys("added", "modified", "removed");
        assertThat(event.objattrs().get("added")).isEqualTo(Map.of("mail", "u1@example.org"));
        assertThat(event.objattrs().get("modified")).isEqualTo(Map.of("login", "user_one"));
        @SuppressWarnings("unchecked")
        Map<String, Object> removed = (Map<String, Object>) event.objattrs().get("removed");
        assertThat(removed).containsOnlyKeys("edupersonaffiliation");
        assertThat(removed.get("edupersonaffiliation")).isNull();
    }

    @Test
    void addedWithDoubleBooleanNullAndLongText() throws IOException {
        Event event = event("07-base-added.json");

        assertThat(event.objpkey()).isEqualTo(3L);
        assertThat(event.objattrs().get("score")).isInstanceOf(Double.class).isEqualTo(12.5);
        assertThat(event.objattrs().get("active")).isEqualTo(Boolean.TRUE);
        assertThat(event.objattrs()).containsKey("nothing");
        assertThat(event.objattrs().get("nothing")).isNull();
        assertThat((String) event.objattrs().get("login")).hasSize(300).matches("x+");
    }
}
