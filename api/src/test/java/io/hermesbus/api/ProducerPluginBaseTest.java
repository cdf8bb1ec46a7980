package io.hermesbus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The behaviour {@link AbstractMessageBusProducerPlugin#send} gives every producer. */
class ProducerPluginBaseTest {

    /** What {@link RecordingProducer#doSend} does with an event. */
    @FunctionalInterface
    private interface Action {
        void run(Event event) throws Exception;
    }

    /** A producer that records the events it is asked to send, after running a configurable action. */
    private static final class RecordingProducer extends AbstractMessageBusProducerPlugin {
        final List<Event> sent = new ArrayList<>();
        int calls;
        int opens;
        int closes;
        Action action = event -> { };
        RuntimeException openFailure;

        RecordingProducer(Map<String, ?> settings) {
            super(settings);
        }

        @Override
        protected void doOpen() {
            if (openFailure != null) {
                throw openFailure;
            }
            opens++;
        }

        @Override
        protected void doClose() {
            closes++;
        }

        @Override
        protected void doSend(Event event) throws Exception {
            calls++;
            action.run(event);
            sent.add(event);
        }
    }

    private static final Event EVENT = new Event("base", "added", "Users", 1, Map.of("login", "u1"), 0, false);

    private static RecordingProducer openProducer() {
        RecordingProducer producer = new RecordingProducer(Map.of());
        producer.open();
        return producer;
    }

    @Test
    void aProducerThatIsNotOpenRefusesToSendWithoutCallingThePlugin() {
        RecordingProducer producer = new RecordingProducer(Map.of());
        assertThatThrownBy(() -> producer.send(EVENT)).isInstanceOf(NotOpenException.class).hasMessageContaining("send");

        producer.open();
        producer.close();
        producer.close();
        assertThatThrownBy(() -> producer.send(EVENT)).isInstanceOf(NotOpenException.class);

        assertThat(producer.calls).isZero();
        assertThat(producer.closes).as("doClose of an open producer, once").isEqualTo(1);
    }

    @Test
    void openingAnOpenProducerClosesItFirst() {
        RecordingProducer producer = openProducer();

        producer.open();

        assertThat(producer.opens).isEqualTo(2);
        assertThat(producer.closes).isEqualTo(1);
        producer.send(EVENT);
        assertThat(producer.sent).containsExactly(EVENT);
    }

    @Test
    void anOpenThatFailsLeavesTheProducerClosed() {
        RecordingProducer producer = new RecordingProducer(Map.of());
        producer.openFailure = new HermesBusException("bus unreachable");

        assertThatThrownBy(producer::open).isSameAs(producer.openFailure);
        assertThatThrownBy(() -> producer.send(EVENT)).isInstanceOf(NotOpenException.class);
        producer.close();
        assertThat(producer.closes).isZero();
    }

    @Test
    void sendHandsTheEventToDoSend() {
        RecordingProducer producer = openProducer();

        producer.send(EVENT);

        assertThat(producer.sent).containsExactly(EVENT);
    }

    @Test
    void aCheckedExceptionFromDoSendIsWrappedWithItsCause() {
        RecordingProducer producer = openProducer();
        IOException failure = new IOException("disk full");
        producer.action = event -> {
            throw failure;
        };

        Throwable thrown = catchThrowable(() -> producer.send(EVENT));

        assertThat(thrown).isInstanceOf(FailedToSendEventException.class)
                .hasCause(failure)
                .hasMessageContaining("disk full")
                .hasMessageContaining("RecordingProducer");
        assertThat(thrown.getCause()).isSameAs(failure);
        assertThat(producer.sent).isEmpty();
    }

    @Test
    void anUncheckedExceptionFromDoSendIsWrappedWithItsCause() {
        RecordingProducer producer = openProducer();
        IllegalStateException failure = new IllegalStateException("broker gone");
        producer.action = event -> {
            throw failure;
        };

        assertThatThrownBy(() -> producer.send(EVENT))
                .isInstanceOf(FailedToSendEventException.class)
                .hasMessageContaining("broker gone")
                .cause().isSameAs(failure);
    }

    @Test
    void otherHermesBusExceptionsAreWrappedToo() {
        RecordingProducer producer = openProducer();
        InvalidEventException failure = new InvalidEventException("bad");
        producer.action = event -> {
            throw failure;
        };

        assertThatThrownBy(() -> producer.send(EVENT))
                .isInstanceOf(FailedToSendEventException.class)
                .cause().isSameAs(failure);
    }

    @Test
    void notOpenExceptionPassesThroughUnwrapped() {
        RecordingProducer producer = openProducer();
        NotOpenException notOpen = NotOpenException.of(producer, "send()");
        producer.action = event -> {
            throw notOpen;
        };

        Throwable thrown = catchThrowable(() -> producer.send(EVENT));

        assertThat(thrown).isSameAs(notOpen);
        assertThat(thrown).isNotInstanceOf(FailedToSendEventException.class)
                .hasMessageContaining("send()").hasMessageContaining("RecordingProducer");
    }

    @Test
    void failedToSendFromDoSendIsNotWrappedTwice() {
        RecordingProducer producer = openProducer();
        FailedToSendEventException failure = new FailedToSendEventException("nack", new IOException("x"));
        producer.action = event -> {
            throw failure;
        };

        assertThat(catchThrowable(() -> producer.send(EVENT))).isSameAs(failure);
    }

    @Test
    void anInterruptInDoSendIsWrappedAndTheInterruptStatusIsKept() {
        RecordingProducer producer = openProducer();
        InterruptedException interrupted = new InterruptedException("stop");
        producer.action = event -> {
            throw interrupted;
        };

        try {
            assertThatThrownBy(() -> producer.send(EVENT))
                    .isInstanceOf(FailedToSendEventException.class)
                    .cause().isSameAs(interrupted);
            assertThat(Thread.currentThread().isInterrupted()).as("interrupt status after send").isTrue();
        } finally {
            Thread.interrupted(); // do not leak the status into other tests
        }
    }

    @Test
    void aNullEventIsRejectedBeforeDoSend() {
        RecordingProducer producer = openProducer();

        assertThatThrownBy(() -> producer.send(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("event");
        assertThat(producer.calls).isZero();
    }

    @Test
    void settingsAreAnUnmodifiableCopy() {
        Map<String, Object> given = new HashMap<>();
        given.put("topic", "hermes");
        RecordingProducer producer = new RecordingProducer(given);

        given.put("topic", "changed");

        assertThat(producer.settings().requiredString("topic")).isEqualTo("hermes");
        assertThatThrownBy(() -> producer.settings().asMap().put("topic", "x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
