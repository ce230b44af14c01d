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
public class Lock implements Ownable, AutoCloseable {
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

    private final Sync sync = new Sync();

    /** {@code acquire()}: blocks until the lock is free, takes it, returns {@code true}. */
    public boolean acquire() {
        return sync.acquireBlocking();
    }

    /** {@code acquire(blocking)}: with {@code false}, takes the lock only if it is free. */
    public boolean acquire(boolean blocking) {
        return sync.acquire(blocking);
    }

    /** {@code acquire(timeout=t)}: {@code -1} waits forever; {@code false} when the timeout expires. */
    public boolean acquire(double timeout) {
        return sync.acquire(true, timeout);
    }

    /**
     * {@code acquire(blocking, timeout)} with CPython's checks: a timeout other than {@code -1}
     * on a non-blocking call, a negative one other than {@code -1}, NaN, and one beyond
     * {@link Threading#TIMEOUT_MAX} raise as in CPython.
     */
    public boolean acquire(boolean blocking, double timeout) {
        return sync.acquire(blocking, timeout);
    }

    /** {@code release()}: any thread may release; an unlocked lock raises {@code RuntimeError: release unlocked lock}. */
    @Override
    public void release() {
        sync.release(1);
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

    /** {@code __enter__}: acquires (blocking) and returns this lock for try-with-resources. */
    public Lock enter() {
        acquire();
        return this;
    }

    /** {@code __exit__}: releases. */
    @Override
    public void close() {
        release();
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
