package io.hermesbus.tck;

/**
 * The conformance kit. Extend it with a class that makes a fresh bus per test.
 */
public abstract class MessageBusConsumerVerification {
    /** A fresh, empty bus for one test. */
    protected abstract BusUnderTest createBus();
}
