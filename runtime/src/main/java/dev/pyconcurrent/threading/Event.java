package dev.pyconcurrent.threading;

import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.time.Timeout;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * Python's {@code threading.Event}: a flag that {@link #set()} raises (waking every waiter),
 * {@link #clear()} lowers, and {@link #await()} waits for. A resettable latch on an
 * {@link AbstractQueuedSynchronizer} in shared mode (state 1 = set).
 */
public class Event {
    private static final class Sync extends AbstractQueuedSynchronizer {
        private static final long serialVersionUID = 1L;

        @Override
        protected int tryAcquireShared(int ignored) {
            return getState() != 0 ? 1 : -1;
        }

        @Override
        protected boolean tryReleaseShared(int ignored) {
            setState(1);
            return true;
        }

        boolean isSet() {
            return getState() != 0;
        }

        void clear() {
            setState(0);
        }
    }

    private final Sync sync = new Sync();

    /** {@code is_set()}. */
    public boolean isSet() {
        return sync.isSet();
    }

    /** {@code set()}: raises the flag and wakes every waiting thread. */
    public void set() {
        sync.releaseShared(1);
    }

    /** {@code clear()}: lowers the flag. */
    public void clear() {
        sync.clear();
    }

    /** {@code wait()}: blocks until the flag is set; returns {@code true}. */
    public boolean await() {
        if (!sync.isSet()) Timeouts.awaitShared(sync);
        return true;
    }

    /**
     * {@code wait(timeout)}: {@code true} once the flag is set, {@code false} if the timeout
     * expires first (at once for a timeout ≤ 0).
     */
    public boolean await(double timeout) {
        return sync.isSet() || Timeouts.awaitShared(sync, Timeout.waitNanos(timeout));
    }

    /** {@code <threading.Event at 0x…: set>} / {@code unset}. */
    @Override
    public String toString() {
        return "<threading.Event at " + Py.addressOf(this) + ": " + (isSet() ? "set" : "unset") + ">";
    }
}
