package dev.pyconcurrent.threading;

import dev.pyconcurrent.builtins.OverflowError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.time.Timeout;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * Python's {@code threading.Semaphore}: a counter that {@link #acquire()} decrements, blocking
 * at zero, and {@link #release(int)} increments. Built on an {@link AbstractQueuedSynchronizer}
 * in shared mode (state = the counter), like {@link java.util.concurrent.Semaphore}'s
 * non-fair mode; CPython does not promise an order of wake-ups either.
 *
 * <p>{@code with sem:} is {@code try (var held = sem.enter()) { … }}.
 */
public class Semaphore implements AutoCloseable {
    static final class Sync extends AbstractQueuedSynchronizer {
        private static final long serialVersionUID = 1L;
        private final int bound;

        Sync(int value, int bound) {
            setState(value);
            this.bound = bound;
        }

        @Override
        protected int tryAcquireShared(int n) {
            for (;;) {
                int c = getState();
                int left = c - n;
                if (left < 0 || compareAndSetState(c, left)) return left;
            }
        }

        @Override
        protected boolean tryReleaseShared(int n) {
            for (;;) {
                int c = getState();
                int next = c + n;
                if (bound >= 0 && (next > bound || next < 0)) throw new ValueError("Semaphore released too many times");
                if (next < 0) throw new OverflowError("semaphore value too large");
                if (compareAndSetState(c, next)) return true;
            }
        }

        int value() {
            return getState();
        }
    }

    private final Sync sync;

    /** {@code Semaphore(1)}. */
    public Semaphore() {
        this(1);
    }

    /** {@code Semaphore(value)}: {@code ValueError: semaphore initial value must be >= 0} when negative. */
    public Semaphore(int value) {
        this(value, -1);
    }

    Semaphore(int value, int bound) {
        if (value < 0) throw new ValueError("semaphore initial value must be >= 0");
        this.sync = new Sync(value, bound);
    }

    /** {@code acquire()}: waits until the counter is positive, decrements it, returns {@code true}. */
    public boolean acquire() {
        if (sync.tryAcquireShared(1) < 0) Timeouts.awaitShared(sync);
        return true;
    }

    /** {@code acquire(blocking)}: with {@code false}, {@code false} at once when the counter is zero. */
    public boolean acquire(boolean blocking) {
        return blocking ? acquire() : sync.tryAcquireShared(1) >= 0;
    }

    /**
     * {@code acquire(timeout=t)}: {@code false} when the counter stays zero for {@code t}
     * seconds; a timeout ≤ 0 only tries.
     */
    public boolean acquire(double timeout) {
        return sync.tryAcquireShared(1) >= 0 || Timeouts.awaitShared(sync, Timeout.remainingNanos(timeout));
    }

    /**
     * {@code acquire(blocking, timeout)}: a timeout with {@code blocking=false} raises
     * {@code ValueError: can't specify timeout for non-blocking acquire}, as in CPython.
     */
    public boolean acquire(boolean blocking, double timeout) {
        if (!blocking) throw new ValueError("can't specify timeout for non-blocking acquire");
        return acquire(timeout);
    }

    /** {@code release()}. */
    public void release() {
        release(1);
    }

    /** {@code release(n)}: {@code ValueError: n must be one or more} for {@code n < 1}. */
    public void release(int n) {
        if (n < 1) throw new ValueError("n must be one or more");
        sync.releaseShared(n);
    }

    /** The counter, CPython's {@code _value}. */
    public int value() {
        return sync.value();
    }

    /** {@code __enter__}: acquires and returns this semaphore for try-with-resources. */
    public Semaphore enter() {
        acquire();
        return this;
    }

    /** {@code __exit__}: releases. */
    @Override
    public void close() {
        release();
    }

    /** {@code <threading.Semaphore at 0x…: value=2>}. */
    @Override
    public String toString() {
        return "<threading." + getClass().getSimpleName() + " at " + Py.addressOf(this) + ": value=" + value() + ">";
    }
}
