package io.hermesbus.python;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.ConsumerInterruptedException;
import io.hermesbus.api.Deadline;
import io.hermesbus.api.Event;
import io.hermesbus.api.NotOpenException;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.python.PythonBusSettings.Role;
import io.hermesbus.python.PythonErrors.Stage;
import java.lang.ref.Cleaner;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A consumer that drives a Hermes consumer plugin written in Python, in a child process (settings and semantics in
 * the module's README).
 *
 * <p>Java's iteration over Python's generator: {@code awaitRecord} takes the next event from the plugin's
 * {@code __iter__} generator (after {@code setTimeout} with the time left) and holds it, at most one event ahead,
 * until {@code advance()}; a seek forgets it and ends the generator, as does {@code close()}. A new generator is made
 * when the last one ended (its timeout). {@code findNextEventOfCategory} calls the plugin's own, after putting the
 * plugin back at Java's position if its generator went further. An interrupted wait leaves the plugin's call
 * running; its answer is the next read's.
 */
public final class PythonBusConsumer extends AbstractMessageBusConsumerPlugin {
    private static final Cleaner CLEANER = Cleaner.create();

    private final PythonBusSettings config;
    private final PluginProcess python;
    private boolean opened;
    /** The event the generator gave that Java has not stepped over yet. */
    private Record held;
    /** The offset of the last event of the live generator Java stepped over; null after a seek or a search. */
    private Offset steppedOver;
    /** The id of a {@code next} request whose waiter was interrupted: its answer is still to come. */
    private Long pendingNext;
    /** Whether that request waits without a timeout, and how long it waits otherwise. */
    private boolean pendingForever;
    private long pendingWaitMs;

    /** An event as the bridge gave it, decoded only when read. */
    private record Record(Offset offset, String json, Instant timestamp) {
    }

    /**
     * A consumer that starts nothing until {@code open()}.
     *
     * @param settings the python bus's settings (module README, "Settings")
     * @throws io.hermesbus.api.InvalidSettingsException naming a setting that is unknown, missing or invalid
     */
    public PythonBusConsumer(Map<String, ?> settings) {
        super(settings, PythonBusProvider.SECRETS);
        this.config = PythonBusSettings.of(settings(), Role.CONSUMER);
        this.python = new PluginProcess(config, Role.CONSUMER, settings().secrets());
        CLEANER.register(this, python);
    }

    @Override
    protected OffsetKind offsetKind() {
        return config.offsetKind();
    }

    @Override
    protected void doOpen() {
        forget();
        pendingNext = null;
        python.open("open()");
        opened = true;
    }

    @Override
    protected void doClose() {
        opened = false;
        forget();
        if (pendingNext != null) {
            // the plugin still waits in __iter__ (an interrupted wait): only a new process stops it
            pendingNext = null;
            python.kill();
            python.release();
            return;
        }
        try {
            python.call(BridgeProcess.request("close"), Stage.CLOSE, "close()", 0);
            python.release();
        } catch (RuntimeException e) {
            python.kill(); // close() must not throw: a plugin that cannot close is ended
            python.release();
        }
    }

    @Override
    protected void doSeekToBeginning() {
        settlePending("seekToBeginning()", true);
        python.call(BridgeProcess.request("seekToBeginning"), Stage.SEEK, "seekToBeginning()", 0);
        forget(); // only now: a refused seek leaves the position, the held event and the generator as they were
    }

    @Override
    protected void doSeek(Offset offset) {
        String call = "seek(" + offset + ")";
        settlePending(call, true);
        ObjectNode request = BridgeProcess.request("seek");
        request.set("offset", WireOffsets.toWire(offset));
        python.call(request, Stage.SEEK, call, 0);
        forget(); // only now: a refused seek leaves the position, the held event and the generator as they were
    }

    @Override
    protected Offset awaitRecord(Deadline deadline) throws InterruptedException {
        if (held != null) {
            return held.offset();
        }
        BridgeProcess process = python.current("next");
        if (pendingNext == null) {
            ObjectNode request = BridgeProcess.request("next");
            putTimeout(request, deadline);
            pendingForever = deadline.isNever();
            pendingWaitMs = pendingForever ? 0 : deadline.remainingMs();
            pendingNext = process.send(request, "next");
        }
        String call = "next (the generator of __iter__)";
        JsonNode reply;
        try {
            if (pendingForever && !deadline.isNever()) {
                // an interrupted read without timeout still waits in the plugin: wait for it as long as this read may
                reply = process.awaitOrNull(pendingNext, deadline.remainingMs(), call,
                        error -> python.error(error, Stage.READ, call));
                if (reply == null) {
                    return null; // still pending
                }
            } else {
                long bound = deadline.isNever() ? Long.MAX_VALUE : deadline.remainingMs() + python.callTimeoutMs();
                reply = process.await(pendingNext, bound, call, error -> python.error(error, Stage.READ, call));
            }
        } catch (InterruptedException e) {
            throw e; // pendingNext stays: the plugin's answer is the next read's
        } catch (RuntimeException e) {
            pendingNext = null;
            throw e;
        }
        pendingNext = null;
        if (reply.has("end")) {
            return null;
        }
        held = record(reply.get("event"));
        return held.offset();
    }

    @Override
    protected Event readRecord() {
        return Event.fromJson(held.json()).at(held.offset(), held.timestamp());
    }

    @Override
    protected void advance() {
        steppedOver = held.offset();
        held = null;
    }

    @Override
    protected String describePosition() {
        String where = held != null ? "offset " + held.offset()
                : steppedOver != null ? "the event after offset " + steppedOver : "its position";
        return where + " of " + python.plugin();
    }

    /**
     * Calls the plugin's own {@code findNextEventOfCategory}, with the timeout set, from Java's position: if the
     * plugin's generator read past it, the plugin is first put back there (a seek to the held event, or after the last
     * one stepped over). Same meaning as the base class's; see the module's README.
     */
    @Override
    public Optional<Event> findNextEventOfCategory(String category) {
        Objects.requireNonNull(category, "category");
        if (!opened) {
            throw NotOpenException.of(this, "findNextEventOfCategory");
        }
        String call = "findNextEventOfCategory(\"" + category + "\")";
        settlePending(call, false);
        if (held != null) {
            // the plugin's generator is past the event Java holds: a seek there puts the plugin back (and makes the
            // base class drop the event it decoded)
            seek(held.offset());
        }
        ObjectNode request = BridgeProcess.request("find").put("category", category);
        Integer timeout = timeoutMs();
        if (timeout == null) {
            request.putNull("timeout_ms");
        } else {
            request.put("timeout_ms", timeout);
        }
        if (steppedOver != null) {
            ObjectNode position = request.putObject("position");
            position.set("after", WireOffsets.toWire(steppedOver));
            steppedOver.successor().ifPresent(next -> position.set("successor", WireOffsets.toWire(next)));
        }
        forget();
        BridgeProcess process = python.current(call);
        long id = process.send(request, call);
        JsonNode reply;
        try {
            reply = process.await(id, timeout == null ? Long.MAX_VALUE : timeout + python.callTimeoutMs(), call,
                    error -> python.error(error, Stage.READ, call));
        } catch (InterruptedException e) {
            pendingNext = id; // answered like a read: an event found is held, none found is an end
            pendingForever = timeout == null;
            pendingWaitMs = timeout == null ? 0 : timeout;
            Thread.currentThread().interrupt();
            throw new ConsumerInterruptedException("interrupted while " + python.plugin()
                    + " searched for category " + category, e);
        }
        if (reply.has("none")) {
            return Optional.empty();
        }
        Record found = record(reply.get("event"));
        return Optional.of(Event.fromJson(found.json()).at(found.offset(), found.timestamp()));
    }

    /**
     * Before a call that is not a read: takes the answer of an interrupted read. An event it brings is held (the
     * position is at it); an error is dropped (the read that would have reported it was given up). A read that waits
     * without a timeout may never answer: for a seek ({@code repositions}) the process is then replaced at once by a
     * new one, opened, since the seek sets the position anew; for a search it is waited for within the call bound.
     */
    private void settlePending(String call, boolean repositions) {
        if (pendingNext == null) {
            return;
        }
        long id = pendingNext;
        pendingNext = null;
        if (pendingForever && repositions) {
            replaceProcess();
            return;
        }
        BridgeProcess process = python.current(call);
        try {
            JsonNode reply = process.call(id, python.callTimeoutMs() + pendingWaitMs, call, error -> new DroppedError());
            if (reply.has("event")) {
                held = record(reply.get("event"));
            }
        } catch (DroppedError dropped) {
            // the interrupted read failed: the call goes on from the plugin's position
        } catch (PythonProcessException e) {
            if (!repositions) {
                throw e;
            }
            replaceProcess();
        }
    }

    /** A new process with the plugin loaded and opened, after the last one was killed. */
    private void replaceProcess() {
        python.kill();
        python.open("open() of a new process");
    }

    /** The error reply of a read whose answer is dropped. */
    private static final class DroppedError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DroppedError() {
            super(null, null, false, false);
        }
    }

    private void forget() {
        held = null;
        steppedOver = null;
    }

    private static void putTimeout(ObjectNode request, Deadline deadline) {
        if (deadline.isNever()) {
            request.putNull("timeout_ms");
        } else {
            request.put("timeout_ms", Math.min(Integer.MAX_VALUE, deadline.remainingMs()));
        }
    }

    private Record record(JsonNode event) {
        Offset offset = WireOffsets.fromWire(event.get("offset"), config.offsetKind(), python.plugin());
        Instant timestamp = Instant.EPOCH.plus(event.get("timestamp_us").asLong(), ChronoUnit.MICROS);
        return new Record(offset, event.get("json").asText(), timestamp);
    }
}
