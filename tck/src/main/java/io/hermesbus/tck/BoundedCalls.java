package io.hermesbus.tck;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the calls into a plugin that may block on a worker thread with a deadline, so that a wrong consumer
 * (a timeout read as seconds, a wait that ignores its timeout) fails a rule instead of hanging the build.
 * The workers are daemon threads: one stuck forever in a plugin does not keep the JVM alive.
 */
final class BoundedCalls implements AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ExecutorService workers = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "hermes-bus-tck-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    /** A call that did not return within its deadline; the message says how long it was given. */
    static final class Hung extends Exception {
        private static final long serialVersionUID = 1L;

        Hung(String message) {
            super(message);
        }
    }

    /** Starts {@code call} on a worker thread. */
    <T> Future<T> start(Callable<T> call) {
        return workers.submit(call);
    }

    /**
     * Runs {@code call} and returns its result, or rethrows what it threw (unchecked as is, checked wrapped).
     *
     * @throws Hung if it did not return within {@code limit}; the call is interrupted and left behind
     */
    <T> T call(Duration limit, String what, Callable<T> call) throws Hung {
        return await(start(call), limit, what);
    }

    /** Waits for a call started with {@link #start}; see {@link #call}. */
    static <T> T await(Future<T> running, Duration limit, String what) throws Hung {
        try {
            return running.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            throw new Hung("did not return within " + limit.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the kit was interrupted while waiting for " + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(what + " threw " + cause, cause);
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
