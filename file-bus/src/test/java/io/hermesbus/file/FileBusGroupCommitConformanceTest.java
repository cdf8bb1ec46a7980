package io.hermesbus.file;

import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.MessageBusConsumerVerification;

/** The conformance kit against the file bus as most users run it: default segment size, group commit. */
class FileBusGroupCommitConformanceTest extends MessageBusConsumerVerification {
    @Override
    protected BusUnderTest createBus() {
        return FileBusUnderTest.groupCommit();
    }
}
