package io.hermesbus.file;

import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.MessageBusConsumerVerification;
import java.util.Map;

/**
 * The conformance kit against the file bus with {@code os} durability, on its default segment size: the third mode
 * ({@code sync} is {@link FileBusConformanceTest}, {@code group} {@link FileBusGroupCommitConformanceTest}, and
 * write-behind {@link FileBusWriteBehindConformanceTest}).
 */
class FileBusOsConformanceTest extends MessageBusConsumerVerification {
    @Override
    protected BusUnderTest createBus() {
        return new FileBusUnderTestFactory().create(Map.of(FileBusSettings.DURABILITY, "os",
                FileBusSettings.SEGMENT_BYTES, FileBusSettings.DEFAULT_SEGMENT_BYTES));
    }
}
