package com.example.wrong;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.MessageBusProvider;
import java.util.Map;

/**
 * The bus "wrong": events in a list in this JVM, whose consumers seek one event too far. Built by the cli's
 * end-to-end tests against the api and tck jars only, as an outsider's plugin would be.
 */
public final class OffByOneSeekProvider implements MessageBusProvider {
    @Override
    public String name() {
        return "wrong";
    }

    @Override
    public AbstractMessageBusConsumerPlugin consumer(Map<String, ?> settings) {
        return new OffByOneSeekConsumer(settings);
    }

    @Override
    public AbstractMessageBusProducerPlugin producer(Map<String, ?> settings) {
        return new WrongBusEvents.Producer(settings);
    }
}
