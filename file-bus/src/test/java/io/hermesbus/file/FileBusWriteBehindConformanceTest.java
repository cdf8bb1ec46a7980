package io.hermesbus.file;

import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.MessageBusConsumerVerification;
import java.util.Map;

/**
 * The conformance kit against the file bus with {@code write_behind} and {@code group} durability: events appear
 * within the delivery delay that the factory declares, and every other rule holds as without write-behind.
 *
 * <p>{@code sync_interval_ms} is 5, so that the declared delay (two intervals plus 100 ms) stays short: rule 10.1
 * waits it out in every sequence, which is also why it runs 40 sequences here rather than 200 (the other kit runs
 * of this module run 200 against the same code paths; only when the buffer is written differs). The segment size is
 * the default: with one record per segment every record of a batch would wait for the forces of a roll (three
 * {@code fsync}s, tens of milliseconds each on a busy disk) before the next one is written, which no fixed delay
 * bounds; so retention is not declared here, and {@code BatchingTest} checks that {@code FileBus.retainNewest}
 * counts the events still in the buffer.
 */
class FileBusWriteBehindConformanceTest extends MessageBusConsumerVerification {
    @Override
    protected BusUnderTest createBus() {
        return new FileBusUnderTestFactory().create(Map.of(FileBusSettings.DURABILITY, "group",
                FileBusSettings.WRITE_BEHIND, "true", FileBusSettings.SYNC_INTERVAL_MS, 5,
                FileBusSettings.SEGMENT_BYTES, FileBusSettings.DEFAULT_SEGMENT_BYTES));
    }

    @Override
    protected int modelBasedSequences() {
        return 40;
    }
}
