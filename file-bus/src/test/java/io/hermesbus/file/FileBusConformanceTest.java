package io.hermesbus.file;

import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.MessageBusConsumerVerification;
import java.util.Map;

/**
 * The whole conformance kit against the file bus with one record per segment, so that every rule runs across
 * segment boundaries and the retention rules apply exactly.
 */
class FileBusConformanceTest extends MessageBusConsumerVerification {
    @Override
    protected BusUnderTest createBus() {
        return new FileBusUnderTestFactory().create(Map.of(FileBusSettings.SEGMENT_BYTES, 1));
    }
}
