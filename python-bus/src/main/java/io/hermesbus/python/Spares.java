package io.hermesbus.python;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Bridge processes started ahead of need, up to {@value #PER_INTERPRETER} per interpreter: a plugin that opens
 * takes a spare, already past Python's start-up, and a new spare is started in the background. So the start-up
 * (tens of milliseconds on a quiet machine, more with {@code site}'s imports) overlaps with the plugins' work instead
 * of adding to every {@code open()} of a new plugin: the kit opens a producer and two consumers at once for each of
 * rule 10.1's sequences. A spare holds no plugin and no settings; it ends with the JVM (its standard input closes).
 */
final class Spares {
    /** How many spares each interpreter keeps. */
    static final int PER_INTERPRETER = 3;
    private static final Map<String, Deque<BridgeProcess>> SPARE = new HashMap<>();
    private static final ExecutorService STARTER = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "python-bus-spare");
        thread.setDaemon(true);
        return thread;
    });

    private Spares() {
    }

    /** A started bridge process for {@code python}: the spare if it still runs, else a new one; then a spare is made. */
    static BridgeProcess take(String python) {
        BridgeProcess spare;
        synchronized (SPARE) {
            spare = SPARE.computeIfAbsent(python, name -> new ArrayDeque<>()).pollFirst();
        }
        BridgeProcess taken = spare != null && spare.running() ? spare : BridgeProcess.startNew(python);
        for (int i = 0; i < PER_INTERPRETER; i++) {
            STARTER.execute(() -> refill(python));
        }
        return taken;
    }

    private static void refill(String python) {
        synchronized (SPARE) {
            if (SPARE.get(python).size() >= PER_INTERPRETER) {
                return;
            }
        }
        BridgeProcess started;
        try {
            started = BridgeProcess.startNew(python);
        } catch (RuntimeException e) {
            return; // the next take starts one itself and reports why it cannot
        }
        synchronized (SPARE) {
            SPARE.get(python).addLast(started);
        }
    }
}
