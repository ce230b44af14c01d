package dev.pyconcurrent.threading;

import dev.pyconcurrent.builtins.KeyboardInterrupt;
import dev.pyconcurrent.builtins.OverflowError;
import dev.pyconcurrent.builtins.ValueError;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * The timeout rules CPython's {@code _thread} applies, and the interruptible waits on a
 * synchronizer, shared by every primitive of this package: an interrupt raises
 * {@link KeyboardInterrupt}.
 */
final class Timeouts {
    private Timeouts() {}

    /** Python's {@code -1}: block without a timeout (the {@code timeout} default of {@code Lock.acquire}). */
    static final long FOREVER = -1;

    /** Largest timeout in seconds that converts to int64 nanoseconds (CPython's {@code _PyTime_t}). */
    private static final double PYTIME_MAX_SECONDS = Long.MAX_VALUE / 1e9;

    /**
     * {@code lock.acquire(blocking, timeout)}'s argument check ({@code Lock} and {@code RLock}):
     * nanoseconds to wait, {@link #FOREVER}, or 0 for a non-blocking try.
     */
    static long lockNanos(boolean blocking, double timeout) {
        convertible(timeout);
        if (!blocking && timeout != -1) throw new ValueError("can't specify a timeout for a non-blocking call");
        if (timeout < 0 && timeout != -1) throw new ValueError("timeout value must be a non-negative number");
        if (!blocking) return 0;
        if (timeout == -1) return FOREVER;
        return positiveNanos(timeout);
    }

    /**
     * A positive timeout handed to a lock acquire by {@code Condition.wait}, {@code Event.wait},
     * {@code Semaphore.acquire}, {@code Thread.join}: its nanoseconds, or CPython's
     * OverflowError where it does not fit int64 nanoseconds (beyond about
     * {@link Threading#TIMEOUT_MAX}), ValueError for NaN.
     */
    static long positiveNanos(double timeout) {
        convertible(timeout);
        return Math.min((long) Math.ceil(timeout * 1e9), Long.MAX_VALUE);
    }

    private static void convertible(double timeout) {
        if (Double.isNaN(timeout)) throw new ValueError("Invalid value NaN (not a number)");
        if (Math.abs(timeout) >= PYTIME_MAX_SECONDS) {
            throw new OverflowError("timestamp out of range for platform time_t");
        }
    }

    /** Waits for the exclusive synchronizer. */
    static void await(AbstractQueuedSynchronizer sync) {
        try {
            sync.acquireInterruptibly(1);
        } catch (InterruptedException e) {
            throw KeyboardInterrupt.interrupted(e);
        }
    }

    /** Waits at most {@code nanos} for the exclusive synchronizer; {@code false} on timeout. */
    static boolean await(AbstractQueuedSynchronizer sync, long nanos) {
        try {
            return sync.tryAcquireNanos(1, nanos);
        } catch (InterruptedException e) {
            throw KeyboardInterrupt.interrupted(e);
        }
    }

    /** Waits for the shared synchronizer. */
    static void awaitShared(AbstractQueuedSynchronizer sync) {
        try {
            sync.acquireSharedInterruptibly(1);
        } catch (InterruptedException e) {
            throw KeyboardInterrupt.interrupted(e);
        }
    }

    /**
     * Waits at most {@code timeout} seconds for the shared synchronizer: {@code false} at once
     * for a timeout ≤ 0 or NaN (CPython's {@code Condition.wait} rule, which
     * {@code Event.wait} and {@code Semaphore.acquire} inherit).
     */
    static boolean awaitShared(AbstractQueuedSynchronizer sync, double timeout) {
        if (!(timeout > 0)) return false;
        long nanos = positiveNanos(timeout);
        try {
            return sync.tryAcquireSharedNanos(1, nanos);
        } catch (InterruptedException e) {
            throw KeyboardInterrupt.interrupted(e);
        }
    }
}
