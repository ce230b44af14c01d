package dev.pyconcurrent.threading;

import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.RuntimeError;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * Python's {@code threading.Lock} ({@code _thread.lock}): a primitive, non-reentrant lock that
 * any thread may release, as in CPython (a {@link java.util.concurrent.locks.ReentrantLock}
 * could not, since only its owner may unlock it). Built on an
 * {@link AbstractQueuedSynchronizer} whose state is 0 (unlocked) or 1 (locked); waiting
 * threads park, nothing spins.
 *
 * <p>{@code with lock:} is {@code try (var held = lock.enter()) { … }}. Blocking acquires are
 * interruptible: an interrupt raises {@link dev.pyconcurrent.builtins.KeyboardInterrupt}.
 */
public class Lock extends Acquirable<Lock> implements Ownable {
    private static final class Sync extends LockSync {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean tryAcquire(int ignored) {
            return compareAndSetState(0, 1);
        }

        @Override
        protected boolean tryRelease(int ignored) {
            if (!compareAndSetState(1, 0)) throw new RuntimeError("release unlocked lock");
            return true;
        }

        /** CPython's default {@code Condition._is_owned} for a plain lock: "locked by anyone". */
        @Override
        protected boolean isHeldExclusively() {
            return getState() != 0;
        }

        boolean isLocked() {
            return getState() != 0;
        }
    }

    private final Sync sync;

    /** {@code threading.Lock()}: unlocked. */
    public Lock() {
        this(new Sync());
    }

    private Lock(Sync sync) {
        super(sync);
        this.sync = sync;
    }

    /** {@code locked()}. */
    @Override
    public boolean locked() {
        return sync.isLocked();
    }

    /** Deprecated alias {@code acquire_lock}. */
    public boolean acquireLock() {
        return acquire();
    }

    /** Deprecated alias {@code release_lock}. */
    public void releaseLock() {
        release();
    }

    /** Deprecated alias {@code locked_lock}. */
    public boolean lockedLock() {
        return locked();
    }

    @Override
    public boolean isOwned() {
        return sync.isLocked();
    }

    @Override
    public AbstractQueuedSynchronizer.ConditionObject newConditionObject() {
        return sync.newCondition();
    }

    /** {@code <locked _thread.lock object at 0x…>} / {@code <unlocked …>}. */
    @Override
    public String toString() {
        return "<" + (locked() ? "locked" : "unlocked") + " _thread.lock object at " + Py.addressOf(this) + ">";
    }
}
