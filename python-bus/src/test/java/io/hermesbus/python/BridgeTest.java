package io.hermesbus.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.ConsumerInterruptedException;
import io.hermesbus.api.Event;
import io.hermesbus.api.FailedToSendEventException;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.OffsetOutOfRangeException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The bridge on the tests' own plugin pair, tinylog: offsets of every kind, errors, dead and hung processes. */
class BridgeTest {
    @TempDir
    Path dir;

    private Map<String, Object> settings(Map<String, Object> plugin) {
        return TinyLog.settings(dir.resolve("bus.sqlite"), plugin);
    }

    private Map<String, Object> settings(Map<String, Object> plugin, String key, Object value) {
        Map<String, Object> settings = new HashMap<>(settings(plugin));
        settings.put(key, value);
        return settings;
    }

    private List<Event> publish(int count, Map<String, Object> settings) {
        List<Event> sent = new ArrayList<>();
        try (AbstractMessageBusProducerPlugin producer = new PythonBusProducer(settings)) {
            producer.open();
            for (int i = 0; i < count; i++) {
                Event event = new Event(i % 2 == 0 ? "base" : "initsync", "added", "Users", i,
                        Map.of("name", "user" + i, "blob", new byte[] {(byte) i, -1}, "note", "\u00e9\ud83d\ude00"), 0, false);
                producer.send(event);
                sent.add(event);
            }
        }
        return sent;
    }

    private static List<Event> readAll(AbstractMessageBusConsumerPlugin consumer) {
        List<Event> read = new ArrayList<>();
        consumer.forEach(read::add);
        return read;
    }

    @ParameterizedTest
    @EnumSource(OffsetKind.class)
    void offsetsKeepTheirPythonTypeThroughSeeksSearchesAndResumes(OffsetKind kind) {
        Map<String, Object> settings = settings(Map.of("offset_type", kind.toString()), "offset_kind", kind.toString());
        List<Event> sent = publish(5, settings);
        Instant sentBy = Instant.now();
        try (AbstractMessageBusConsumerPlugin consumer = new PythonBusConsumer(settings)) {
            consumer.setTimeout(0);
            consumer.open();
            consumer.seekToBeginning();
            List<Event> read = readAll(consumer);

            assertThat(read).hasSize(5);
            for (int i = 0; i < 5; i++) {
                assertThat(read.get(i).sameContentAs(sent.get(i))).as("event %d crossed unchanged", i).isTrue();
                assertThat(read.get(i).offset().kind()).isEqualTo(kind);
                assertThat(read.get(i).timestamp()).isBetween(sentBy.minusSeconds(60), sentBy.plusSeconds(1));
            }
            consumer.seek(read.get(2).offset());
            assertThat(readAll(consumer)).extracting(Event::offset).containsExactly(read.get(2).offset(),
                    read.get(3).offset(), read.get(4).offset());
            consumer.seek(Offset.fromJson(read.get(1).offset().toJson()));
            Iterator<Event> events = consumer.iterator();
            assertThat(events.next().offset()).isEqualTo(read.get(1).offset());
            assertThat(events.hasNext()).as("holds event 2 without consuming it").isTrue();
            // the plugin's generator is past what Java holds: the search starts at Java's position, event 2
            assertThat(consumer.findNextEventOfCategory("base")).map(Event::offset).contains(read.get(2).offset());
            assertThat(consumer.iterator().next().offset()).isEqualTo(read.get(3).offset());
            // after the newest event, stepped over: the search waits its timeout, nothing before it is found again
            assertThat(consumer.findNextEventOfCategory("base")).map(Event::offset).contains(read.get(4).offset());
            assertThat(consumer.findNextEventOfCategory("base")).isEmpty();
            consumer.seekAfter(read.get(4).offset());
            assertThat(consumer.iterator().hasNext()).isFalse();
            consumer.seekAfter(read.get(0).offset());
            assertThat(consumer.iterator().next().offset()).isEqualTo(read.get(1).offset());
        }
    }

    @Test
    void aSeekThePluginRefusesWithIndexErrorIsOutOfRangeAndLeavesThePosition() {
        publish(3, settings(Map.of()));
        try (AbstractMessageBusConsumerPlugin consumer = new PythonBusConsumer(settings(Map.of()))) {
            consumer.setTimeout(0);
            consumer.open();
            consumer.seekToBeginning();
            assertThat(consumer.iterator().next().offset()).isEqualTo(Offset.of(1L));

            assertThatThrownBy(() -> consumer.seek(Offset.of(9L))).isInstanceOf(OffsetOutOfRangeException.class)
                    .hasMessageContaining("seek(9)").hasMessageContaining("IndexError: offset 9 is not in [1, 4]");
            assertThat(readAll(consumer)).extracting(Event::offset).containsExactly(Offset.of(2L), Offset.of(3L));
        }
    }

    @Test
    void anUnexpectedPythonExceptionIsReportedWithItsTypeMessageAndTraceback() {
        try (AbstractMessageBusConsumerPlugin consumer = new PythonBusConsumer(settings(Map.of("fault", "raise")))) {
            consumer.setTimeout(0);
            consumer.open();

            assertThatThrownBy(() -> consumer.iterator().hasNext()).isInstanceOf(PythonPluginException.class)
                    .hasMessageContaining("RuntimeError: the bus is on fire")
                    .hasMessageContaining("Traceback (most recent call last)")
                    .hasMessageContaining("tinylog.py")
                    .satisfies(e -> assertThat(((PythonPluginException) e).pythonType()).isEqualTo("builtins.RuntimeError"));
        }
    }

    @Test
    void anEventWithoutAnOffsetIsAnErrorNamingWhatHermesNeeds() {
        publish(1, settings(Map.of()));
        try (AbstractMessageBusConsumerPlugin consumer = new PythonBusConsumer(settings(Map.of("fault", "no_offset")))) {
            consumer.setTimeout(0);
            consumer.open();

            assertThatThrownBy(() -> consumer.iterator().hasNext()).isInstanceOf(PythonPluginException.class)
                    .hasMessageContaining("offset is None of type NoneType; Hermes needs an int, float, str or bytes");
        }
    }

    @Test
    void aProcessThatDiesIsAClearErrorAndOpenStartsANewOne() {
        publish(2, settings(Map.of()));
        AbstractMessageBusConsumerPlugin consumer = new PythonBusConsumer(settings(Map.of("fault", "exit_on_seek")));
        try {
            consumer.setTimeout(0);
            consumer.open();

            assertThatThrownBy(() -> consumer.seek(Offset.of(1L))).isInstanceOf(PythonProcessException.class)
                    .hasMessageContaining("seek(1): the Python process ended (exit code 9)")
                    .hasMessageContaining("opening " + dir.resolve("bus.sqlite")) // its stderr: the plugin's print
                    // and its log line: the bridge gives plugins Hermes' global __hermes__.logger, on standard error
                    .hasMessageContaining("INFO hermes-bus-consumer: opening " + dir.resolve("bus.sqlite"))
                    .satisfies(e -> assertThat(((PythonProcessException) e).exitCode()).hasValue(9));
            consumer.close();
            consumer.open();
            assertThat(readAll(consumer)).hasSize(2);
        } finally {
            consumer.close();
        }
    }

    @Test
    void aHungCallIsKilledWithinItsBoundAndReported() {
        Map<String, Object> settings = settings(Map.of("fault", "hang"), "call_timeout_ms", 300);
        try (AbstractMessageBusConsumerPlugin consumer = new PythonBusConsumer(settings)) {
            consumer.setTimeout(200);
            consumer.open();

            assertThatThrownBy(() -> consumer.iterator().hasNext()).isInstanceOf(PythonProcessException.class)
                    .hasMessageContaining("got no answer within").hasMessageContaining("the process was killed");
            assertThatThrownBy(() -> consumer.seekToBeginning()).isInstanceOf(PythonProcessException.class)
                    .hasMessageContaining("close() and open() start a new one");
        }
    }

    @Test
    void anInterruptedWaitWithoutTimeoutKeepsItsEventForTheNextReadOrIsDroppedByASeek() throws Exception {
        Map<String, Object> settings = settings(Map.of());
        publish(1, settings);
        try (AbstractMessageBusConsumerPlugin consumer = new PythonBusConsumer(settings)) {
            consumer.open();
            consumer.seekAfter(Offset.of(1L)); // caught up
            consumer.setTimeout(null);
            assertThat(interruptedWait(consumer)).isInstanceOf(ConsumerInterruptedException.class);

            publish(1, settings);
            consumer.setTimeout(5_000);
            assertThat(consumer.iterator().next().offset()).as("the interrupted wait's event").isEqualTo(Offset.of(2L));

            consumer.setTimeout(null);
            assertThat(interruptedWait(consumer)).isInstanceOf(ConsumerInterruptedException.class);
            consumer.setTimeout(300);
            assertThat(consumer.iterator().hasNext()).as("the plugin still waits: this read ends at its own timeout").isFalse();
            consumer.seekToBeginning(); // the plugin still waits forever: a new process takes over
            consumer.setTimeout(0);
            assertThat(readAll(consumer)).extracting(Event::offset).containsExactly(Offset.of(1L), Offset.of(2L));
        }
    }

    private static Throwable interruptedWait(AbstractMessageBusConsumerPlugin consumer) throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                consumer.iterator().hasNext();
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        waiter.start();
        Thread.sleep(300);
        waiter.interrupt();
        Throwable thrown = outcome.get(10, TimeUnit.SECONDS);
        waiter.join(Duration.ofSeconds(10).toMillis());
        return thrown;
    }

    @Test
    void aFailedSendIsFailedToSendEventExceptionWithHermesMessage() {
        try (AbstractMessageBusProducerPlugin producer = new PythonBusProducer(settings(Map.of()))) {
            producer.open();

            assertThatThrownBy(() -> producer.send(new Event("refused", "added")))
                    .isInstanceOf(FailedToSendEventException.class)
                    .cause().isInstanceOf(PythonPluginException.class)
                    .hasMessageContaining("FailedToSendEventError: this bus refuses the category 'refused'");
            producer.send(new Event("base", "added"));
        }
        try (AbstractMessageBusConsumerPlugin consumer = new PythonBusConsumer(settings(Map.of()))) {
            consumer.setTimeout(0);
            consumer.open();
            assertThat(readAll(consumer)).extracting(Event::evcategory).containsExactly("base");
        }
    }

    @Test
    void theProcessOfAClosedPluginServesItsNextOpenAndEndsAfterTheKeepAlive() throws Exception {
        Map<String, Object> settings = settings(Map.of(), "keep_alive_ms", 500);
        PythonBusConsumer consumer = new PythonBusConsumer(settings);
        consumer.open();
        long first = pidOf(consumer);
        consumer.close();
        consumer.open();
        assertThat(pidOf(consumer)).as("reopened at once: the same process").isEqualTo(first);
        consumer.close();
        assertThat(ProcessHandle.of(first).map(handle -> handle.onExit().orTimeout(10, TimeUnit.SECONDS).join()))
                .as("ended after the keep-alive").isPresent();
        consumer.open();
        assertThat(pidOf(consumer)).isNotEqualTo(first);
        consumer.close();
    }

    private static long pidOf(PythonBusConsumer consumer) throws Exception {
        java.lang.reflect.Field field = PythonBusConsumer.class.getDeclaredField("python");
        field.setAccessible(true);
        return ((PluginProcess) field.get(consumer)).current("test").pid();
    }

    @Test
    void aSettingThePluginFindsMissingIsNamed() {
        Map<String, Object> settings = new HashMap<>(settings(Map.of()));
        settings.put("settings", Map.of("not_uri", "x"));
        try (AbstractMessageBusConsumerPlugin consumer = new PythonBusConsumer(settings)) {
            assertThatThrownBy(consumer::open).isInstanceOf(io.hermesbus.api.InvalidSettingsException.class)
                    .hasMessageStartingWith("setting 'settings.uri': is missing")
                    .hasMessageContaining("KeyError");
        }
    }
}
