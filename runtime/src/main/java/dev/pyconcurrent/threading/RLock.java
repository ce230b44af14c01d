package dev.pyconcurrent.threading;

import dev.pyconcurrent.builtins.OverflowError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.RuntimeError;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * Python's {@code threading.RLock} ({@code _thread.RLock}): a reentrant lock owned by the
 * thread that acquired it, which must release it as many times as it acquired it. Built on
 * an {@link AbstractQueuedSynchronizer} (state = recursion count, owner = the exclusive owner
 * thread), like {@link java.util.concurrent.locks.ReentrantLock}'s non-fair mode.
 */
public class RLock extends Acquirable<RLock> implements Ownable {
    private static final class Sync extends LockSync {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean tryAcquire(int n) {
            java.lang.Thread me = java.lang.Thread.currentThread();
            int c = getState();
            if (c == 0) {
                if (compareAndSetState(0, n)) {
                    setExclusiveOwnerThread(me);
                    return true;
                }
                return false;
            }
            if (getExclusiveOwnerThread() == me) {
                int next = c + n;
                if (next < 0) throw new OverflowError("Internal lock count overflowed");
                setState(next);
                return true;
            }
            return false;
        }

        @Override
        protected boolean tryRelease(int n) {
            if (getExclusiveOwnerThread() != java.lang.Thread.currentThread()) {
                throw new RuntimeError("cannot release un-acquired lock");
            }
            int c = getState() - n;
            if (c == 0) {
                setExclusiveOwnerThread(null);
                setState(0);
                return true;
            }
            setState(c);
            return false;
        }

        @Override
        protected boolean isHeldExclusively() {
            return getExclusiveOwnerThread() == java.lang.Thread.currentThread();
        }

        java.lang.Thread owner() {
            return getExclusiveOwnerThread();
        }

        int count() {
            return getState();
        }
    }

    private final Sync sync;

    /** {@code threading.RLock()}: unowned. */
    public RLock() {
        this(new Sync());
    }

    private RLock(Sync sync) {
        super(sync);
        this.sync = sync;
    }

    /** {@code locked()} (Python 3.14): held by any thread. */
    @Override
    public boolean locked() {
        return sync.count() != 0;
    }

    /** {@code _is_owned()}: held by the calling thread. */
    @Override
    public boolean isOwned() {
        return sync.owner() == java.lang.Thread.currentThread();
    }

    /** {@code _recursion_count()}: the calling thread's recursion level, 0 unless it owns the lock. */
    public int recursionCount() {
        return isOwned() ? sync.count() : 0;
    }

    @Override
    public AbstractQueuedSynchronizer.ConditionObject newConditionObject() {
        return sync.newCondition();
    }

    /** {@code <locked _thread.RLock object owner=IDENT count=2 at 0x…>}; owner 0 when unowned. */
    @Override
    public String toString() {
        java.lang.Thread owner = sync.owner();
        int count = sync.count();
        return "<" + (count != 0 ? "locked" : "unlocked") + " _thread.RLock object owner="
                + (owner == null ? 0 : Threading.identOf(owner)) + " count=" + (owner == null ? 0 : count)
                + " at " + Py.addressOf(this) + ">";
    }
}
