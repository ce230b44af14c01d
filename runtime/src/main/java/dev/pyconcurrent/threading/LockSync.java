package dev.pyconcurrent.threading;

import dev.pyconcurrent.time.Timeout;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * The acquire forms {@link Lock} and {@link RLock} share, over their synchronizer's
 * {@code tryAcquire}: a fast uncontended try first, then a parked (never spinning) wait.
 */
abstract class LockSync extends AbstractQueuedSynchronizer {
    private static final long serialVersionUID = 1L;

    /** {@code acquire()}. */
    final boolean acquireBlocking() {
        if (!tryAcquire(1)) Timeouts.await(this);
        return true;
    }

    /** {@code acquire(blocking)}. */
    final boolean acquire(boolean blocking) {
        return blocking ? acquireBlocking() : tryAcquire(1);
    }

    /** {@code acquire(blocking, timeout)} with CPython's argument checks. */
    final boolean acquire(boolean blocking, double timeout) {
        long nanos = Timeouts.lockNanos(blocking, timeout);
        if (nanos == Timeout.FOREVER) return acquireBlocking();
        if (tryAcquire(1)) return true;
        return nanos != 0 && Timeouts.await(this, nanos);
    }

    ConditionObject newCondition() {
        return new ConditionObject();
    }
}
