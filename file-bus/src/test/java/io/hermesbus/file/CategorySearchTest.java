package io.hermesbus.file;

import static io.hermesbus.file.TestBus.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hermesbus.api.Event;
import io.hermesbus.api.InvalidEventException;
import io.hermesbus.api.Offset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** findNextEventOfCategory compares category bytes and decodes only the match. */
class CategorySearchTest {

    @Test
    void skippedRecordsAreNeverDecoded() throws Exception {
        try (TestBus bus = new TestBus()) {
            for (int i = 0; i < 3; i++) {
                FileBus.appendRaw(bus.folder, "other", "{ this is not json".getBytes(StandardCharsets.UTF_8));
            }
            bus.producer().send(TestBus.event("wanted", 3));
            FileBusConsumer consumer = bus.consumer();

            Optional<Event> found = consumer.findNextEventOfCategory("wanted");

            assertThat(found).isPresent();
            assertThat(found.get().offset()).isEqualTo(Offset.of(3L));
            assertThat(found.get().objpkey()).isEqualTo(3L);
            assertThat(consumer.iterator().hasNext()).as("the position is just after the match").isFalse();

            consumer.seekToBeginning();
            assertThatThrownBy(() -> consumer.iterator().hasNext()).as("iteration does decode them")
                    .isInstanceOfSatisfying(InvalidEventException.class,
                            e -> assertThat(e.offset()).contains(Offset.of(0L)));
        }
    }

    @Test
    void aMatchThatDoesNotDecodeIsReportedAtItsOffsetUntilSteppedOver() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBusProducer producer = bus.producer();
            producer.send(TestBus.event("other", 0));
            FileBus.appendRaw(bus.folder, "wanted", "[1, 2".getBytes(StandardCharsets.UTF_8));
            producer.send(TestBus.event("wanted", 2));
            FileBusConsumer consumer = bus.consumer();

            for (int attempt = 0; attempt < 2; attempt++) {
                assertThatThrownBy(() -> consumer.findNextEventOfCategory("wanted"))
                        .isInstanceOfSatisfying(InvalidEventException.class,
                                e -> assertThat(e.offset()).contains(Offset.of(1L)));
            }
            consumer.seekAfter(Offset.of(1L));
            assertThat(consumer.findNextEventOfCategory("wanted").get().offset()).isEqualTo(Offset.of(2L));
        }
    }

    @Test
    void invalidUtf8InTheJsonIsAnInvalidEvent() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBus.appendRaw(bus.folder, "base", new byte[] {'{', (byte) 0xC3, '}'});

            assertThatThrownBy(() -> readAll(bus.consumer()))
                    .isInstanceOf(InvalidEventException.class).hasMessageContaining("UTF-8");
        }
    }

    @Test
    void categoriesMatchByExactUtf8Bytes() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBusProducer producer = bus.producer();
            for (String category : new String[] {"Catégorie", "catégorie ", "categorie", "catégorie"}) {
                producer.send(TestBus.event(category, 0));
            }
            Optional<Event> found = bus.consumer().findNextEventOfCategory("catégorie");
            assertThat(found.get().evcategory()).isEqualTo("catégorie");
            assertThat(found.get().offset()).isEqualTo(Offset.of(3L));
        }
    }
}
