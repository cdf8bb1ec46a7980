package io.hermesbus.file;

import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.MessageBusConsumerVerification;
import java.util.Map;

/**
 * The conformance kit against the file bus as most users run it: default segment size (so no retention is
 * declared: it would keep more than asked), group commit.
 */
class FileBusGroupCommitConformanceTest extends MessageBusConsumerVerification {
    @Override
    protected BusUnderTest createBus() {
        return new FileBusUnderTestFactory().create(Map.of(FileBusSettings.DURABILITY, "group",
                FileBusSettings.SEGMENT_BYTES, FileBusSettings.DEFAULT_SEGMENT_BYTES));
    }
}
