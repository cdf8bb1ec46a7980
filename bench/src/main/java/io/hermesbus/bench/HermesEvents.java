package io.hermesbus.bench;

import io.hermesbus.api.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The events every benchmark sends and reads: Hermes-like events generated deterministically from a seed, so
 * that each benchmark, in each run and each fork, works on the very same events.
 *
 * <p>Event {@code i} depends only on the seed and {@code i} (not on the events before it), so a benchmark can
 * stream ten million of them without holding them, or take the first ten thousand as a list.
 *
 * <ul>
 *   <li>{@link #event(long)}: a "full" event as Hermes' server emits for a user or group: {@code added} or
 *       {@code modified}, {@code Users} or {@code Groups}, with a dozen attributes, a list and a
 *       {@code HermesDatetime}. Its {@link Event#toJson() JSON} is between {@value #MIN_BYTES} and
 *       {@value #MAX_BYTES} bytes (uniformly: a free-text {@code description} attribute fills it up to a size
 *       drawn for the event), like the 585-byte event among Hermes' own fixtures.
 *   <li>{@link #smallEvent(long)}: the smallest realistic Hermes event, a {@code removed} user (about 170
 *       bytes of JSON, like fixture {@code 06-base-removed.json}), for the benchmark that needs a big log.
 * </ul>
 *
 * <p>Categories: the four of {@link #CATEGORIES}, drawn uniformly.
 */
public final class HermesEvents {
    /** The seed all benchmarks use. */
    public static final long SEED = 0x4E524D53L;
    /** The four categories (Hermes' message keys) events are spread over. */
    public static final List<String> CATEGORIES = List.of("base", "initsync", "accounts", "groups");
    public static final int MIN_BYTES = 500;
    public static final int MAX_BYTES = 600;

    private static final String[] GIVEN = {"Jeanne", "Pierre", "Amélie", "Lucas", "Chloé", "Hugo", "Inès", "Louis",
        "Léa", "Gabriel", "Manon", "Jules", "Camille", "Arthur", "Sarah", "Noah"};
    private static final String[] FAMILY = {"Dupont", "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard",
        "Durand", "Dubois", "Moreau", "Laurent", "Simon", "Michel", "Lefèvre", "Leroy", "Roux"};
    private static final String[] AFFILIATIONS = {"employee", "member", "staff", "student", "faculty", "affiliate"};
    private static final String FILLER = "Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod "
            + "tempor incididunt ut labore et dolore magna aliqua Ut enim ad minim veniam quis nostrud exercitation "
            + "ullamco laboris nisi ut aliquip ex ea commodo consequat Duis aute irure dolor in reprehenderit in "
            + "voluptate velit esse cillum dolore eu fugiat nulla pariatur Excepteur sint occaecat cupidatat non "
            + "proident sunt in culpa qui officia deserunt mollit anim id est laborum";
    private static final long EPOCH_2020 = 1_577_836_800L;

    private final long seed;

    private HermesEvents(long seed) {
        this.seed = seed;
    }

    /** The events of {@link #SEED}. */
    public static HermesEvents standard() {
        return new HermesEvents(SEED);
    }

    /** Full events {@code 0 .. count-1}. */
    public List<Event> events(int count) {
        List<Event> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(event(i));
        }
        return events;
    }

    /** Full event {@code index}, in a category drawn from all four. */
    public Event event(long index) {
        return event(index, CATEGORIES);
    }

    /**
     * Full event {@code index} with its category drawn from {@code categories} instead (its other fields are those
     * of {@link #event(long)}).
     */
    public Event event(long index, List<String> categories) {
        String category = categories.get(categoryRandom(index).nextInt(categories.size()));
        SplittableRandom random = random(index);
        int targetBytes = MIN_BYTES + random.nextInt(MAX_BYTES - MIN_BYTES + 1);
        boolean user = random.nextInt(4) != 0;
        boolean added = random.nextInt(3) != 0;
        long id = 1 + random.nextLong(2_000_000L);
        Map<String, Object> attrs = user ? userAttributes(random, id) : groupAttributes(random, id);
        if (!added) {
            attrs = modification(random, attrs);
        }
        String type = added ? "added" : "modified";
        String objtype = user ? "Users" : "Groups";
        // measure without the filler (dropping attributes while too big), then fill up to the drawn size;
        // the filler is ASCII: one byte a character
        int bytes = utf8Length(new Event(category, type, objtype, id, withDescription(attrs, added, ""), 0, false).toJson());
        while (bytes > targetBytes && dropOne(attrs, added)) {
            bytes = utf8Length(new Event(category, type, objtype, id, withDescription(attrs, added, ""), 0, false).toJson());
        }
        int fill = Math.max(0, targetBytes - bytes);
        int start = random.nextInt(FILLER.length());
        StringBuilder description = new StringBuilder(fill);
        while (description.length() < fill) {
            description.append(FILLER.charAt((start + description.length()) % FILLER.length()));
        }
        return new Event(category, type, objtype, id, withDescription(attrs, added, description.toString()), 0, false);
    }

    /**
     * Small event {@code index}: a {@code removed} user with no attributes, as Hermes emits it (about 170 bytes of
     * JSON: the seven keys with Hermes' 4-space indent are most of it). Category drawn from all four.
     */
    public Event smallEvent(long index) {
        SplittableRandom random = random(index ^ 0x5EEDL);
        String category = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
        return new Event(category, "removed", "Users", 1 + random.nextLong(2_000_000L), Map.of(), 0, false);
    }

    private SplittableRandom random(long index) {
        // a fresh stream per event: event i never depends on how many values earlier events drew
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
    }

    /** The category's own stream, so the rest of an event is the same whichever list its category comes from. */
    private SplittableRandom categoryRandom(long index) {
        return new SplittableRandom((seed ^ 0xCA7E6051L) * 0xBF58476D1CE4E5B9L + index);
    }

    private static Map<String, Object> userAttributes(SplittableRandom random, long id) {
        String given = pick(random, GIVEN);
        String family = pick(random, FAMILY);
        String login = ascii(given.charAt(0) + family).toLowerCase(java.util.Locale.ROOT) + (id % 1000);
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("user_id", id);
        attrs.put("login", login);
        attrs.put("cn", given + " " + family);
        attrs.put("mail", login + "@example.org");
        List<String> affiliations = new ArrayList<>();
        int first = random.nextInt(AFFILIATIONS.length);
        int count = 1 + random.nextInt(2);
        for (int i = 0; i < count; i++) {
            affiliations.add(AFFILIATIONS[(first + i) % AFFILIATIONS.length]);
        }
        attrs.put("edupersonaffiliation", affiliations);
        attrs.put("created", Instant.ofEpochSecond(EPOCH_2020 + random.nextLong(150_000_000L)));
        return attrs;
    }

    private static Map<String, Object> groupAttributes(SplittableRandom random, long id) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("group_id", id);
        attrs.put("name", "grp-" + pick(random, AFFILIATIONS) + "-" + id);
        attrs.put("gidnumber", 20_000 + id);
        List<Long> members = new ArrayList<>();
        int count = 2 + random.nextInt(6);
        for (int i = 0; i < count; i++) {
            members.add(1 + random.nextLong(2_000_000L));
        }
        attrs.put("members", members);
        attrs.put("created", Instant.ofEpochSecond(EPOCH_2020 + random.nextLong(150_000_000L)));
        return attrs;
    }

    /** Hermes' "modified" shape: {@code {"added": {...}, "modified": {...}, "removed": {...}}}. */
    private static Map<String, Object> modification(SplittableRandom random, Map<String, Object> attrs) {
        Map<String, Object> added = new LinkedHashMap<>();
        Map<String, Object> modified = new LinkedHashMap<>();
        Map<String, Object> removed = new LinkedHashMap<>();
        for (Map.Entry<String, Object> attr : attrs.entrySet()) {
            switch (random.nextInt(4)) {
                case 0 -> added.put(attr.getKey(), attr.getValue());
                case 1 -> modified.put(attr.getKey(), attr.getValue());
                case 2 -> removed.put(attr.getKey(), null);
                default -> { }
            }
        }
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("added", added);
        change.put("modified", modified);
        change.put("removed", removed);
        return change;
    }

    /** Drops the last attribute (never the first of an added object); false when nothing can go. */
    @SuppressWarnings("unchecked")
    private static boolean dropOne(Map<String, Object> attrs, boolean added) {
        if (added) {
            return attrs.size() > 1 && dropLast(attrs);
        }
        for (String part : List.of("removed", "added", "modified")) {
            if (dropLast((Map<String, Object>) attrs.get(part))) {
                return true;
            }
        }
        return false;
    }

    private static boolean dropLast(Map<String, Object> map) {
        String last = null;
        for (String key : map.keySet()) {
            last = key;
        }
        if (last == null) {
            return false;
        }
        map.remove(last);
        return true;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withDescription(Map<String, Object> attrs, boolean added, String text) {
        Map<String, Object> copy = new LinkedHashMap<>(attrs);
        if (added) {
            copy.put("description", text);
        } else {
            Map<String, Object> modified = new LinkedHashMap<>((Map<String, Object>) copy.get("modified"));
            modified.put("description", text);
            copy.put("modified", modified);
        }
        return copy;
    }

    private static String pick(SplittableRandom random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String ascii(String name) {
        return java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).replaceAll("[^A-Za-z]", "");
    }

    /** The number of UTF-8 bytes of {@code text}. */
    public static int utf8Length(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
