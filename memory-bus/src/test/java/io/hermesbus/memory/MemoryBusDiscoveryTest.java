package io.hermesbus.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.MessageBuses;
import io.hermesbus.api.OffsetKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryBusDiscoveryTest {
    private final TestBus testBus = TestBus.of(OffsetKind.STR);

    @AfterEach
    void dropBus() throws Exception {
        testBus.close();
    }

    @Test
    void theProviderIsFoundAsMemory() {
        assertThat(MessageBuses.names(getClass().getClassLoader())).contains("memory");
        assertThat(MessageBuses.provider("memory", getClass().getClassLoader())).isInstanceOf(MemoryBusProvider.class);
    }

    @Test
    void pluginsMadeByNameMeetOnTheBusTheirSettingsName() {
        AbstractMessageBusProducerPlugin producer = MessageBuses.producer("memory", testBus.settings());
        AbstractMessageBusConsumerPlugin consumer = MessageBuses.consumer("memory", testBus.settings());
        assertThat(producer).isInstanceOf(MemoryBusProducer.class);
        assertThat(consumer).isInstanceOf(MemoryBusConsumer.class);

        producer.open();
        producer.send(TestBus.event("groups", 7));
        consumer.open();
        consumer.setTimeout(0);

        assertThat(TestBus.drain(consumer)).singleElement().satisfies(event -> {
            assertThat(event.evcategory()).isEqualTo("groups");
            assertThat(event.offset().kind()).isEqualTo(OffsetKind.STR);
        });
        producer.close();
        consumer.close();
    }
}
