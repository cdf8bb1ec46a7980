package io.hermesbus.memory;

import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.Settings;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The settings of a memory bus plugin, checked: {@code name}, {@code offset_kind}, {@code first_offset},
 * {@code offset_step} and {@code max_events}.
 *
 * @param name the bus to meet on
 * @param numbering how the bus gives offsets: their kind, first offset and step
 * @param maxEvents how many of the newest events the bus keeps; empty keeps them all
 */
record MemoryBusSettings(String name, OffsetNumbering numbering, OptionalInt maxEvents) {
    static final String NAME = "name";
    static final String OFFSET_KIND = "offset_kind";
    static final String FIRST_OFFSET = "first_offset";
    static final String OFFSET_STEP = "offset_step";
    static final String MAX_EVENTS = "max_events";

    private static final Set<String> KNOWN = Set.of(NAME, OFFSET_KIND, FIRST_OFFSET, OFFSET_STEP, MAX_EVENTS);

    /**
     * Reads and checks {@code settings}.
     *
     * @throws InvalidSettingsException naming the first setting that is unknown or holds a bad value
     */
    static MemoryBusSettings from(Settings settings) {
        settings.rejectUnknown(KNOWN);
        String name = settings.optionalString(NAME).orElse("default");
        if (name.isBlank()) {
            // a blank name is almost certainly a templating mistake; sharing a bus by accident would hide it
            throw new InvalidSettingsException(NAME, "must not be blank; give the bus a name, or leave the setting out for \"default\"");
        }
        OffsetKind kind = settings.enumValue(OFFSET_KIND, OffsetKind.class, OffsetKind.INT);
        OffsetNumbering numbering = OffsetNumbering.from(settings, kind);
        OptionalInt maxEvents = settings.has(MAX_EVENTS)
                ? OptionalInt.of((int) settings.longValue(MAX_EVENTS, 0, 1, Integer.MAX_VALUE))
                : OptionalInt.empty();
        return new MemoryBusSettings(name, numbering, maxEvents);
    }

    /** The kind of offset the bus gives. */
    OffsetKind offsetKind() {
        return numbering.kind();
    }

    /** How {@code max_events} reads in messages: a number, or "unlimited" when absent. */
    String describeMaxEvents() {
        return maxEvents.isPresent() ? Integer.toString(maxEvents.getAsInt()) : "unlimited (not set)";
    }
}
