package io.hermesbus.tck;

import io.hermesbus.api.Event;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What one consumer of rule 4.7 did, in order: each event it read and each wait that ended empty, with the instants
 * ({@link System#nanoTime()}) around the call.
 *
 * @param description the consumer and how it reads, for messages
 * @param searched the category it also searched for, if it did
 */
record RaceTrace(String name, String description, Optional<String> searched, List<Step> steps) {

    /** What the consumer did: a read or a wait that ended empty. */
    sealed interface Step permits Read, EmptyWait {
    }

    /** An event read, the instant the call that returned it ended, and whether a category search returned it. */
    record Read(Event event, long atNanos, boolean bySearch) implements Step {
    }

    /** A call that waited with {@code timeoutMs} from {@code startNanos} and ended empty at {@code endNanos}. */
    record EmptyWait(String call, int timeoutMs, long startNanos, long endNanos, boolean search) implements Step {
        /**
         * The earliest instant the wait's deadline can have passed: the consumer starts its clock after
         * {@code startNanos}, and an early end is the end.
         */
        long earliestDeadlineNanos() {
            return Math.min(startNanos + TimeUnit.MILLISECONDS.toNanos(timeoutMs), endNanos);
        }
    }

    RaceTrace {
        steps = List.copyOf(steps);
    }

    /** The events it read, in order. */
    List<Read> reads() {
        return steps.stream().filter(Read.class::isInstance).map(Read.class::cast).toList();
    }
}
