package io.hermesbus.tck.random;

import java.util.List;

/**
 * The categories sequences use. Few, so that a consumer often meets events of other categories while it looks for
 * one, plus one that is never published, so that a search that finds nothing is tried too.
 */
final class Categories {
    /** Published categories, simplest first: the shrinker replaces a category by an earlier one. */
    static final List<String> PUBLISHED = List.of("base", "initsync", "users", "groups");
    /** Looked for but never published. */
    static final String NEVER_PUBLISHED = "never-published";

    private Categories() {
    }

    /** The categories simpler than {@code category}: those listed before it; all of them for the never-published one. */
    static List<String> before(String category) {
        int index = PUBLISHED.indexOf(category);
        return index < 0 ? PUBLISHED : PUBLISHED.subList(0, index);
    }
}
