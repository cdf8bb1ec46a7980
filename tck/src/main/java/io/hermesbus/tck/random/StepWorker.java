package io.hermesbus.tck.random;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs bus calls on a worker thread and waits for each with a deadline, so that a bus that hangs fails the step
 * instead of the build. A worker that overran is interrupted and abandoned (a bus may ignore the interrupt) and a new
 * one takes the next call. Workers are daemon threads, so an abandoned one never keeps the JVM alive.
 */
final class StepWorker implements AutoCloseable {
    private static final int STACK_FRAMES_SHOWN = 12;

    private final String threadName;
    private ExecutorService executor;
    private volatile Thread thread;

    StepWorker(String threadName) {
        this.threadName = threadName;
    }

    /** A call still running at its deadline; carries where the worker was, to show where the bus hangs. */
    static final class Overran extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final String stack;

        Overran(String stack) {
            super("still running at its deadline", null, false, false);
            this.stack = stack;
        }

        String stack() {
            return stack;
        }
    }

    /**
     * The result of {@code task}, run on the worker within {@code limit}. Exceptions of the task are rethrown as
     * they are (checked ones wrapped).
     *
     * @throws Overran if the task did not finish within {@code limit}
     */
    <T> T call(Callable<T> task, Duration limit) {
        Future<T> future = executor().submit(task);
        try {
            return future.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            String stack = stackOf(thread);
            abandon(future);
            throw new Overran(stack);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            abandon(future);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a bus operation", e);
        }
    }

    private ExecutorService executor() {
        if (executor == null) {
            executor = Executors.newSingleThreadExecutor(task -> {
                Thread worker = new Thread(task, threadName);
                worker.setDaemon(true);
                thread = worker;
                return worker;
            });
        }
        return executor;
    }

    private void abandon(Future<?> future) {
        future.cancel(true);
        executor.shutdownNow();
        executor = null;
    }

    private static String stackOf(Thread worker) {
        if (worker == null) {
            return "      (worker thread not started)";
        }
        StackTraceElement[] frames = worker.getStackTrace();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(frames.length, STACK_FRAMES_SHOWN); i++) {
            text.append(i == 0 ? "" : "\n").append("      at ").append(frames[i]);
        }
        if (frames.length > STACK_FRAMES_SHOWN) {
            text.append("\n      ...");
        }
        return text.toString();
    }

    /** Lets the current worker finish its last call and end; never waits for it. */
    @Override
    public void close() {
        if (executor != null) {
            executor.shutdown();
            executor = null;
        }
    }
}
