package io.hermesbus.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A bus provider for tests, registered in src/test/resources/META-INF/services as {@code test-list}. */
public class TestListBusProvider implements MessageBusProvider {
    public static final String NAME = "test-list";

    public TestListBusProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AbstractMessageBusConsumerPlugin consumer(Map<String, ?> settings) {
        return new ListConsumer(settings);
    }

    @Override
    public AbstractMessageBusProducerPlugin producer(Map<String, ?> settings) {
        return new ListProducer(settings);
    }

    /** A producer that keeps what it is sent. */
    static final class ListProducer extends AbstractMessageBusProducerPlugin {
        final List<Event> sent = new ArrayList<>();

        ListProducer(Map<String, ?> settings) {
            super(settings);
        }

        @Override
        protected void doSend(Event event) {
            sent.add(event);
        }
    }

    /** A second provider claiming the same name; listed only by {@code MessageBusesTest}'s extra class path. */
    public static class Twin extends TestListBusProvider {
        public Twin() {
        }
    }
}
