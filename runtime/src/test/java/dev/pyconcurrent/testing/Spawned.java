package dev.pyconcurrent.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Java threads started by a test, joined with a generous timeout and checked for leaks: after
 * {@link #close()} every thread started here has ended and the JVM's thread count is back to
 * what it was when this object was made. Ordering between threads uses {@link #until}, a spin
 * on an observable state (a thread parked on a condition), never a sleep.
 */
public final class Spawned implements AutoCloseable {
    private final int baseline = java.lang.Thread.activeCount();
    private final List<java.lang.Thread> threads = new ArrayList<>();
    private final List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());

    /** A started thread running {@code body}; what it throws fails the test at {@link #close()}. */
    public java.lang.Thread start(ThrowingRunnable body) {
        java.lang.Thread t = new java.lang.Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failures.add(e);
            }
        });
        t.setDaemon(true);
        threads.add(t);
        t.start();
        return t;
    }

    /** Joins {@code t}, failing the test if it has not ended within 10 s. */
    public static void join(java.lang.Thread t) {
        try {
            t.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            java.lang.Thread.currentThread().interrupt();
            fail(e);
        }
        assertFalse(t.isAlive(), t + " still running after 10 s");
    }

    /** Waits (spinning, 10 s at most) until {@code state} holds. */
    public static void until(BooleanSupplier state) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!state.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) fail("state not reached within 10 s");
            java.lang.Thread.onSpinWait();
        }
    }

    /** Waits until a thread is parked on {@code condition} of {@code lock}. */
    public static void untilWaiting(ReentrantLock lock, Condition condition) {
        until(() -> {
            lock.lock();
            try {
                return lock.hasWaiters(condition);
            } finally {
                lock.unlock();
            }
        });
    }

    /** Joins every thread, rethrows the first failure, and checks the thread count is back to baseline. */
    @Override
    public void close() {
        threads.forEach(Spawned::join);
        if (!failures.isEmpty()) throw new AssertionError("thread failed", failures.get(0));
        until(() -> java.lang.Thread.activeCount() <= baseline);
        assertEquals(true, java.lang.Thread.activeCount() <= baseline, "threads leaked");
    }

    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Throwable;
    }
}
