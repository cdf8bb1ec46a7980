package io.hermesbus.tck;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the calls into a plugin that may block on worker threads with a deadline, so that a wrong bus (a timeout
 * read as seconds, a wait that ignores its timeout, a stuck client library) fails a rule instead of hanging the
 * build, and the failure shows where the call was stuck.
 *
 * <p>Internal to the kit, not for plugin authors: it is public only so that the rules and the model-based check in
 * {@code io.hermesbus.tck.random} share it, and it may change in any release.
 *
 * <p>No two calls share a worker at once, so calls started together run side by side. A call that
 * overruns its deadline is interrupted and abandoned with its worker (a plugin may ignore the interrupt), so a later
 * call gets a fresh worker. Workers are daemon threads: one stuck forever in a plugin does not keep the JVM alive.
 */
public final class BoundedCalls implements AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final int STACK_FRAMES_SHOWN = 12;

    private final ExecutorService workers = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "hermes-bus-tck-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    /**
     * A call that did not return within its deadline. The message says how long it was given and where its worker
     * was at the deadline; {@link #where()} is the latter alone.
     */
    public static final class Hung extends Exception {
        private static final long serialVersionUID = 1L;

        /** Where the worker was at the deadline, as {@link #where()} returns it. */
        private final String where;

        private Hung(Duration limit, String where) {
            super("did not return within " + limit.toMillis() + " ms; " + where);
            this.where = where;
        }

        /**
         * "the worker was at:" and the innermost frames of its stack, one per indented line;
         * or, in the rare race where there is nothing to show, why.
         *
         * @return the text, never null; its lines after the first are indented for a failure message
         */
        public String where() {
            return where;
        }
    }

    /** A call started with {@link #start}, running on its worker until it returns or is abandoned. */
    public static final class Running<T> extends FutureTask<T> {
        private volatile Thread worker;

        private Running(Callable<T> call) {
            super(call);
        }

        @Override
        public void run() {
            worker = Thread.currentThread();
            super.run();
        }

        /**
         * Waits up to {@code limit} for the call and returns its result, or rethrows what it threw: unchecked
         * exceptions and errors as they are, checked ones wrapped in an {@link IllegalStateException}. {@code what}
         * names the call in the messages.
         *
         * @param limit how long to wait for the call; not negative
         * @param what the call as messages name it, such as {@code "hasNext()"}
         * @return what the call returned
         * @throws Hung if it did not return within {@code limit}; the call is interrupted and abandoned
         * @throws IllegalStateException if the waiting thread is interrupted; the call is interrupted and abandoned,
         *     and the waiting thread keeps its interrupt status
         */
        public T await(Duration limit, String what) throws Hung {
            try {
                return get(limit.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                String where = whereStuck();
                cancel(true);
                throw new Hung(limit, where);
            } catch (InterruptedException e) {
                cancel(true);
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

        private String whereStuck() {
            Thread stuck = worker;
            if (stuck == null) {
                return "no worker had started it";
            }
            StackTraceElement[] frames = stuck.getStackTrace();
            // Read after the frames: a call that ended meanwhile left them showing the idle worker, not the call.
            if (isDone()) {
                return "it returned just after its deadline";
            }
            StringBuilder text = new StringBuilder("the worker was at:");
            for (int i = 0; i < Math.min(frames.length, STACK_FRAMES_SHOWN); i++) {
                text.append("\n      at ").append(frames[i]);
            }
            if (frames.length > STACK_FRAMES_SHOWN) {
                text.append("\n      ...");
            }
            return text.toString();
        }
    }

    /**
     * Starts {@code call} on a worker and returns at once; wait for it with {@link Running#await}.
     *
     * @param <T> the type of the call's result
     * @param call the call into the plugin
     * @return the running call, to await
     * @throws java.util.concurrent.RejectedExecutionException after {@link #close()}
     */
    public <T> Running<T> start(Callable<T> call) {
        Running<T> running = new Running<>(call);
        workers.execute(running);
        return running;
    }

    /**
     * Runs {@code call} on a worker and waits for it: {@link #start} then {@link Running#await}.
     *
     * @param <T> the type of the call's result
     * @param limit how long to wait for the call; not negative
     * @param what the call as messages name it, such as {@code "hasNext()"}
     * @param call the call into the plugin
     * @return what the call returned
     * @throws Hung if it did not return within {@code limit}; the call is interrupted and abandoned
     */
    public <T> T call(Duration limit, String what, Callable<T> call) throws Hung {
        return start(call).await(limit, what);
    }

    /** Interrupts the calls still running and abandons them; never waits for them. */
    @Override
    public void close() {
        workers.shutdownNow();
    }
}
