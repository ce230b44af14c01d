package dev.pyconcurrent.multiprocessing.synchronize;

import dev.pyconcurrent.builtins.AssertionError;
import dev.pyconcurrent.builtins.Callable0;
import dev.pyconcurrent.builtins.Py;
import java.io.Serializable;

/**
 * {@code multiprocessing.Condition(lock=None)}: a condition variable shared by threads and
 * processes, CPython's construction over four {@link SemLock}s (the lock, and semaphores
 * counting sleepers, woken sleepers and wake-ups). {@code wait}/{@code notify} are
 * {@link #await()}/{@link #signal()} as everywhere in pyconcurrent.
 */
public class Condition implements Serializable, AutoCloseable {
    private static final long serialVersionUID = 1L;

    private final SemLock lock;
    private final Semaphore sleepingCount = new Semaphore(0);
    private final Semaphore wokenCount = new Semaphore(0);
    private final Semaphore waitSemaphore = new Semaphore(0);

    /** {@code Condition()}: over a new {@link RLock}. */
    public Condition() {
        this(null);
    }

    /** {@code Condition(lock)}: over a {@link Lock} or {@link RLock} (a new RLock for {@code null}). */
    public Condition(SemLock lock) {
        this.lock = lock == null ? new RLock() : lock;
    }

    public boolean acquire() {
        return lock.acquire();
    }

    public boolean acquire(boolean block) {
        return lock.acquire(block);
    }

    public boolean acquire(double timeout) {
        return lock.acquire(timeout);
    }

    public boolean acquire(boolean block, double timeout) {
        return lock.acquire(block, timeout);
    }

    public void release() {
        lock.release();
    }

    /** {@code __enter__}: acquires the lock. */
    public Condition enter() {
        lock.acquire();
        return this;
    }

    @Override
    public void close() {
        lock.release();
    }

    /** {@code wait()}: releases the lock (all its recursion levels), waits for a signal, reacquires. */
    public boolean await() {
        return await(true, 0);
    }

    /** {@code wait(timeout)}: {@code false} if not signalled within {@code timeout} seconds. */
    public boolean await(double timeout) {
        return await(false, timeout);
    }

    private boolean await(boolean forever, double timeout) {
        if (!lock.isMine()) throw new AssertionError("must acquire() condition before using wait()");
        sleepingCount.release();
        int count = lock.count();
        for (int i = 0; i < count; i++) lock.release();
        try {
            return forever ? waitSemaphore.acquire() : waitSemaphore.acquire(true, timeout);
        } finally {
            wokenCount.release();
            reacquire(count);
        }
    }

    /**
     * Takes the lock back {@code count} times, even when an interrupt ended the wait: the
     * caller's {@code with} block must end holding it, as in CPython. The interrupt status is
     * kept for the {@code KeyboardInterrupt} already on its way.
     */
    private void reacquire(int count) {
        boolean interrupted = Thread.interrupted();
        try {
            for (int i = 0; i < count; i++) lock.acquire();
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** {@code wait_for(predicate)}: waits until the predicate holds; its last value. */
    public boolean awaitFor(Callable0<Boolean> predicate) {
        return awaitFor(predicate, -1);
    }

    /** {@code wait_for(predicate, timeout)}: gives up after {@code timeout} seconds in total ({@code < 0}: never). */
    public boolean awaitFor(Callable0<Boolean> predicate, double timeout) {
        boolean result = test(predicate);
        long end = System.nanoTime() + (long) (Math.max(timeout, 0) * 1e9);
        while (!result) {
            if (timeout < 0) {
                await();
            } else {
                double left = (end - System.nanoTime()) / 1e9;
                if (left <= 0) break;
                await(left);
            }
            result = test(predicate);
        }
        return result;
    }

    private static boolean test(Callable0<Boolean> predicate) {
        try {
            return Boolean.TRUE.equals(predicate.call());
        } catch (Exception e) {
            throw Py.rethrow(e);
        }
    }

    /** {@code notify()}: wakes one waiter. */
    public void signal() {
        signal(1);
    }

    /** {@code notify(n)}: wakes up to {@code n} waiters and returns once they have woken. */
    public void signal(int n) {
        if (!lock.isMine()) throw new AssertionError("lock is not owned");
        if (waitSemaphore.acquire(false)) {
            throw new AssertionError("notify: Should not have been able to acquire _wait_semaphore");
        }
        // waiters that timed out since the last notify: take them off the sleeping count
        while (wokenCount.acquire(false)) {
            if (!sleepingCount.acquire(false)) throw new AssertionError("notify: Bug in sleeping_count.acquire- res should not be False");
        }
        int sleepers = 0;
        while (sleepers < n && sleepingCount.acquire(false)) {
            waitSemaphore.release();
            sleepers++;
        }
        if (sleepers > 0) {
            for (int i = 0; i < sleepers; i++) wokenCount.acquire();
            while (waitSemaphore.acquire(false)) {
                // rezero: sleepers that timed out meanwhile did not take theirs
            }
        }
    }

    /** {@code notify_all()}. */
    public void signalAll() {
        signal(Integer.MAX_VALUE);
    }

    /** Sleepers not yet woken, in all processes (the number in the repr). */
    int waiters() {
        return sleepingCount.getValue() - wokenCount.getValue();
    }

    /** {@code <Condition(<RLock(None, 0)>, 0)>}: the lock and the number of waiters. */
    @Override
    public String toString() {
        return "<Condition(" + lock + ", " + waiters() + ")>";
    }
}
