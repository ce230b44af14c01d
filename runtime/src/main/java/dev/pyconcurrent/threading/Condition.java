package dev.pyconcurrent.threading;

import dev.pyconcurrent.builtins.Callable0;
import dev.pyconcurrent.builtins.KeyboardInterrupt;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.RuntimeError;
import dev.pyconcurrent.builtins.TypeError;
import dev.pyconcurrent.time.Time;
import dev.pyconcurrent.time.Timeout;
import java.util.ArrayDeque;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * Python's {@code threading.Condition}: a condition variable over a {@link Lock} or an
 * {@link RLock} (a new RLock by default). Waiting uses the lock's
 * {@link AbstractQueuedSynchronizer.ConditionObject}, which releases the lock fully (all
 * recursion levels of an RLock) and restores it on wake-up, as CPython's
 * {@code _release_save}/{@code _acquire_restore} do.
 *
 * <p>Python's {@code wait}/{@code wait_for}/{@code notify}/{@code notify_all} are
 * {@link #await()}/{@link #awaitFor}/{@link #signal()}/{@link #signalAll()} here
 * ({@code Object.wait/notify} are final in Java). {@code with cond:} is
 * {@code try (var held = cond.enter()) { … }}.
 */
public class Condition implements AutoCloseable {
    /** One waiting thread, as CPython's per-waiter lock: queued under the lock, dequeued by notify. */
    private static final class Waiter {
        boolean notified;
    }

    private final Ownable lock;
    private final AbstractQueuedSynchronizer.ConditionObject cond;
    /** Threads waiting and not yet notified; guarded by the lock. */
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

    /** {@code Condition()} (and {@code Condition(None)}): over a new {@link RLock}. */
    public Condition() {
        this(new RLock());
    }

    /** {@code Condition(lock)} over a primitive lock; {@code null} (Python's None) makes a new {@link RLock}. */
    public Condition(Lock lock) {
        this(lock == null ? new RLock() : (Ownable) lock);
    }

    /** {@code Condition(lock)} over a reentrant lock; {@code null} makes a new one, as CPython's {@code Condition(None)}. */
    public Condition(RLock lock) {
        this(lock == null ? new RLock() : (Ownable) lock);
    }

    private Condition(Ownable lock) {
        this.lock = lock;
        this.cond = lock.newConditionObject();
    }

    /** The underlying lock ({@code _lock}). */
    public Object lock() {
        return lock;
    }

    /** {@code acquire()}: the lock's acquire. */
    public boolean acquire() {
        return lock.acquire();
    }

    /** {@code acquire(blocking)}. */
    public boolean acquire(boolean blocking) {
        return lock.acquire(blocking);
    }

    /** {@code acquire(timeout=t)}. */
    public boolean acquire(double timeout) {
        return acquire(true, timeout);
    }

    /** {@code acquire(blocking, timeout)}. */
    public boolean acquire(boolean blocking, double timeout) {
        return lock.acquire(blocking, timeout);
    }

    /** {@code release()}: the lock's release. */
    public void release() {
        lock.release();
    }

    /** {@code locked()} (Python 3.14): the lock's {@code locked()}. */
    public boolean locked() {
        return lock.locked();
    }

    /** {@code __enter__}: acquires the lock and returns this condition for try-with-resources. */
    public Condition enter() {
        acquire();
        return this;
    }

    /** {@code __exit__}: releases the lock. */
    @Override
    public void close() {
        release();
    }

    /** {@code _is_owned()}. */
    boolean isOwned() {
        return lock.isOwned();
    }

    /**
     * {@code wait()}: releases the lock, blocks until notified, re-acquires it; returns
     * {@code true}. {@code RuntimeError: cannot wait on un-acquired lock} unless the lock is
     * held. An interrupt raises {@link KeyboardInterrupt} after the lock is re-acquired.
     */
    public boolean await() {
        Waiter w = enqueue();
        try {
            cond.await();
            return true;
        } catch (InterruptedException e) {
            throw KeyboardInterrupt.interrupted(e);
        } finally {
            dequeue(w);
        }
    }

    /**
     * {@code wait(timeout)}: {@code true} when notified, {@code false} when the timeout expired.
     * A timeout ≤ 0 (or NaN) returns {@code false} at once, as in CPython; one beyond
     * {@link Threading#TIMEOUT_MAX} raises OverflowError.
     */
    public boolean await(double timeout) {
        if (!lock.isOwned()) throw new RuntimeError("cannot wait on un-acquired lock");
        return awaitNanos(Timeout.waitNanos(timeout));
    }

    private boolean awaitNanos(long nanos) {
        if (nanos == 0) return false;
        Waiter w = enqueue();
        try {
            long left = cond.awaitNanos(nanos);
            return w.notified || left > 0;
        } catch (InterruptedException e) {
            throw KeyboardInterrupt.interrupted(e);
        } finally {
            dequeue(w);
        }
    }

    private Waiter enqueue() {
        if (!lock.isOwned()) throw new RuntimeError("cannot wait on un-acquired lock");
        Waiter w = new Waiter();
        waiters.addLast(w);
        return w;
    }

    private void dequeue(Waiter w) {
        if (!w.notified) waiters.removeFirstOccurrence(w);
    }

    /**
     * {@code wait_for(predicate)}: waits until the predicate is true (Python truthiness) and
     * returns its last value.
     */
    public <T> T awaitFor(Callable0<T> predicate) {
        T result = call(predicate);
        while (!Py.bool(result)) {
            await();
            result = call(predicate);
        }
        return result;
    }

    /**
     * {@code wait_for(predicate, timeout)}: as {@link #awaitFor(Callable0)}, giving up after
     * {@code timeout} seconds in total; returns the predicate's last value (falsy on timeout).
     * A NaN timeout never expires: CPython's loop spins on it until the predicate holds, this
     * one waits for notifications as without a timeout.
     */
    public <T> T awaitFor(Callable0<T> predicate, double timeout) {
        double endtime = 0;
        double waitTime = timeout;
        boolean first = true;
        T result = call(predicate);
        while (!Py.bool(result)) {
            if (first) {
                endtime = Time.monotonic() + waitTime;
                first = false;
            } else {
                waitTime = endtime - Time.monotonic();
                if (waitTime <= 0) break;
            }
            long nanos = Timeout.remainingNanos(waitTime);
            if (nanos == Timeout.FOREVER) await();
            else awaitNanos(nanos);
            result = call(predicate);
        }
        return result;
    }

    private static <T> T call(Callable0<T> predicate) {
        if (predicate == null) throw new TypeError("'NoneType' object is not callable");
        try {
            return predicate.call();
        } catch (Exception e) {
            throw Py.rethrow(e);
        }
    }

    /** {@code notify()}: wakes one waiting thread. */
    public void signal() {
        signal(1);
    }

    /**
     * {@code notify(n)}: wakes up to {@code n} waiting threads (none for {@code n ≤ 0});
     * {@code RuntimeError: cannot notify on un-acquired lock} unless the lock is held.
     */
    public void signal(int n) {
        if (!lock.isOwned()) throw new RuntimeError("cannot notify on un-acquired lock");
        while (n > 0 && !waiters.isEmpty()) {
            waiters.pollFirst().notified = true;
            cond.signal();
            n--;
        }
    }

    /** {@code notify_all()}. */
    public void signalAll() {
        signal(waiters.size());
    }

    /** {@code <Condition(<lock repr>, N)>}, N = waiting threads not yet notified. */
    @Override
    public String toString() {
        return "<Condition(" + lock + ", " + waiters.size() + ")>";
    }
}
