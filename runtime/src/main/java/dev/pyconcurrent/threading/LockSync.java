package dev.pyconcurrent.threading;

import dev.pyconcurrent.time.Timeout;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * The synchronizer of {@link Lock} and {@link RLock} as their {@link Acquirable.Gate}, over
 * each one's {@code tryAcquire}: a fast uncontended try first, then a parked (never spinning)
 * wait.
 */
abstract class LockSync extends AbstractQueuedSynchronizer implements Acquirable.Gate {
    private static final long serialVersionUID = 1L;

    @Override
    public final boolean tryOnce() {
        return tryAcquire(1);
    }

    @Override
    public final void park() {
        Timeouts.await(this);
    }

    /** {@code acquire(blocking, timeout)} with CPython's argument checks ({@link Timeouts#lockNanos}). */
    @Override
    public final boolean acquire(boolean blocking, double timeout) {
        long nanos = Timeouts.lockNanos(blocking, timeout);
        if (tryOnce()) return true;
        if (nanos == Timeout.FOREVER) {
            park();
            return true;
        }
        return nanos != 0 && Timeouts.await(this, nanos);
    }

    @Override
    public final void releaseOne() {
        release(1);
    }

    ConditionObject newCondition() {
        return new ConditionObject();
    }
}
