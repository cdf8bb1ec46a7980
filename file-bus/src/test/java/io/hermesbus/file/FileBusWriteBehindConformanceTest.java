package io.hermesbus.file;

import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.MessageBusConsumerVerification;
import java.util.Map;

/**
 * The conformance kit against the file bus with {@code write_behind}, {@code group} durability and one record per
 * segment (so that retention applies and every batch crosses segments): events appear within the delivery delay
 * that the factory declares, and every other rule holds as without write-behind. {@code sync_interval_ms} is 5, so
 * that the declared delay (two intervals plus 100 ms) stays short: rule 10.1 waits it out in every sequence, which is
 * also why it runs 40 sequences here rather than 200 (the other kit runs of this module run 200 against the same
 * code paths; only when the buffer is written differs).
 */
class FileBusWriteBehindConformanceTest extends MessageBusConsumerVerification {
    @Override
    protected BusUnderTest createBus() {
        return new FileBusUnderTestFactory().create(Map.of(FileBusSettings.DURABILITY, "group",
                FileBusSettings.WRITE_BEHIND, "true", FileBusSettings.SYNC_INTERVAL_MS, 5,
                FileBusSettings.SEGMENT_BYTES, 1));
    }

    @Override
    protected int modelBasedSequences() {
        return 40;
    }
}
