package io.hermesbus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageBusesTest {
    private static final ClassLoader LOADER = MessageBusesTest.class.getClassLoader();

    @Test
    void theTestProviderIsListed() {
        assertThat(MessageBuses.names(LOADER)).contains(TestListBusProvider.NAME);
    }

    @Test
    void aProviderIsFoundByName() {
        MessageBusProvider provider = MessageBuses.provider("test-list", LOADER);

        assertThat(provider).isExactlyInstanceOf(TestListBusProvider.class);
        assertThat(provider.name()).isEqualTo("test-list");
    }

    @Test
    void consumerAndProducerComeFromTheNamedBusWithTheirSettings() {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(LOADER);
        try {
            AbstractMessageBusConsumerPlugin consumer = MessageBuses.consumer("test-list", Map.of("uri", "list:a"));
            AbstractMessageBusProducerPlugin producer = MessageBuses.producer("test-list", Map.of("uri", "list:b"));

            assertThat(consumer).isInstanceOf(ListConsumer.class);
            assertThat(consumer.settings().requiredString("uri")).isEqualTo("list:a");
            assertThat(producer).isInstanceOf(TestListBusProvider.ListProducer.class);
            assertThat(producer.settings().requiredString("uri")).isEqualTo("list:b");
            assertThat(((ListConsumer) consumer).isOpen()).as("a new consumer is not opened").isFalse();
            assertThatThrownBy(() -> producer.send(new Event("base", "added"))).isInstanceOf(NotOpenException.class);
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }

    @Test
    void anUnknownNameListsTheBusesFound() {
        assertThatThrownBy(() -> MessageBuses.provider("kafka", LOADER))
                .isInstanceOf(UnknownBusException.class)
                .hasMessageContaining("'kafka'")
                .hasMessageContaining("test-list")
                .hasMessageContaining("META-INF/services/io.hermesbus.api.MessageBusProvider");
        assertThatThrownBy(() -> MessageBuses.provider("Test-List", LOADER))
                .as("names are matched exactly")
                .isInstanceOf(UnknownBusException.class);
    }

    @Test
    void aClassPathWithoutProvidersSaysNoneWereFound() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThat(MessageBuses.names(empty)).isEmpty();
            assertThatThrownBy(() -> MessageBuses.provider("test-list", empty))
                    .isInstanceOf(UnknownBusException.class)
                    .hasMessageContaining("'test-list'")
                    .hasMessageContaining("none");
        }
    }

    @Test
    void twoProvidersOfTheSameNameAreReported(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(MessageBusProvider.class.getName()), TestListBusProvider.Twin.class.getName() + "\n");

        try (URLClassLoader withTwin = new URLClassLoader(new URL[] {dir.toUri().toURL()}, LOADER)) {
            assertThatThrownBy(() -> MessageBuses.provider("test-list", withTwin))
                    .isInstanceOf(UnknownBusException.class)
                    .hasMessageContaining("two providers")
                    .hasMessageContaining("'test-list'")
                    .hasMessageContaining("TestListBusProvider")
                    .hasMessageContaining("Twin");
        }
    }
}
