package dev.pyconcurrent.threading;

import dev.pyconcurrent.builtins.KeyboardInterrupt;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.time.Timeout;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * The lock's timeout check, over the runtime's one timeout rule ({@link Timeout}), and the
 * interruptible waits on a synchronizer shared by every primitive of this package: an
 * interrupt raises {@link KeyboardInterrupt}.
 */
final class Timeouts {
    private Timeouts() {}

    /**
     * {@code lock.acquire(blocking, timeout)}'s argument check ({@code Lock} and {@code RLock}):
     * nanoseconds to wait, {@link Timeout#FOREVER} for Python's {@code -1}, or 0 for a
     * non-blocking try. CPython converts the timeout ({@link Timeout#nanos}) before the checks.
     */
    static long lockNanos(boolean blocking, double timeout) {
        long nanos = Timeout.nanos(timeout);
        if (!blocking && timeout != -1) throw new ValueError("can't specify a timeout for a non-blocking call");
        if (nanos < 0 && timeout != -1) throw new ValueError("timeout value must be a non-negative number");
        if (!blocking) return 0;
        return timeout == -1 ? Timeout.FOREVER : nanos;
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
     * Waits at most {@code nanos} for the shared synchronizer: {@code false} at once for 0,
     * without a timeout for {@link Timeout#FOREVER}.
     */
    static boolean awaitShared(AbstractQueuedSynchronizer sync, long nanos) {
        if (nanos == 0) return false;
        if (nanos == Timeout.FOREVER) {
            awaitShared(sync);
            return true;
        }
        try {
            return sync.tryAcquireSharedNanos(1, nanos);
        } catch (InterruptedException e) {
            throw KeyboardInterrupt.interrupted(e);
        }
    }
}
