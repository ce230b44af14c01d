package dev.pyconcurrent.futures;

import dev.pyconcurrent.builtins.AttributeError;
import dev.pyconcurrent.builtins.TypeError;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.threading.Event;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * CPython's {@code _Waiter} family: what {@link Futures#wait} and {@link Futures#asCompleted}
 * block on. A future tells each registered waiter of its transition while holding its own
 * lock; the waiter collects the future and sets its event when its condition is met.
 */
abstract class Waiter {
    final Event event = new Event();
    /** Guarded by {@code this}. */
    List<Future<?>> finishedFutures = new ArrayList<>();

    synchronized void addResult(Future<?> f) {
        finishedFutures.add(f);
        onDone(false);
    }

    synchronized void addException(Future<?> f) {
        finishedFutures.add(f);
        onDone(true);
    }

    synchronized void addCancelled(Future<?> f) {
        finishedFutures.add(f);
        onDone(false);
    }

    /** Called under the waiter's monitor after a future finished ({@code raised}: with an exception). */
    abstract void onDone(boolean raised);

    /** {@code _AsCompletedWaiter} and {@code _FirstCompletedWaiter}: every completion sets the event. */
    static final class Any extends Waiter {
        @Override
        void onDone(boolean raised) {
            event.set();
        }

        /** Takes the futures collected so far and clears the event, atomically (as_completed's step). */
        synchronized List<Future<?>> drain() {
            List<Future<?>> got = finishedFutures;
            finishedFutures = new ArrayList<>();
            event.clear();
            return got;
        }
    }

    /** {@code _AllCompletedWaiter}: the event is set when no call is pending, or at the first exception. */
    static final class All extends Waiter {
        private int pendingCalls;
        private final boolean stopOnException;

        All(int pendingCalls, boolean stopOnException) {
            this.pendingCalls = pendingCalls;
            this.stopOnException = stopOnException;
        }

        @Override
        void onDone(boolean raised) {
            if (raised && stopOnException) {
                event.set();
            } else if (--pendingCalls == 0) {
                event.set();
            }
        }
    }

    /** {@code _create_and_install_waiters}: the caller holds every future's lock. */
    static Waiter install(Collection<? extends Future<?>> fs, String returnWhen) {
        Waiter w;
        if (returnWhen == null) {
            w = new Any(); // _AS_COMPLETED
        } else if (returnWhen.equals(Futures.FIRST_COMPLETED)) {
            w = new Any();
        } else {
            int pending = 0;
            for (Future<?> f : fs) {
                if (f.state != Future.CANCELLED_AND_NOTIFIED && f.state != Future.FINISHED) pending++;
            }
            if (returnWhen.equals(Futures.FIRST_EXCEPTION)) {
                w = new All(pending, true);
            } else if (returnWhen.equals(Futures.ALL_COMPLETED)) {
                w = new All(pending, false);
            } else {
                throw new ValueError("Invalid return condition: " + dev.pyconcurrent.builtins.Py.repr(returnWhen));
            }
        }
        for (Future<?> f : fs) f.waiters.add(w);
        return w;
    }

    /** Unregisters this waiter from {@code f}. */
    void removeFrom(Future<?> f) {
        f.lock.lock();
        try {
            f.waiters.remove(this);
        } finally {
            f.lock.unlock();
        }
    }

    /** CPython's {@code _AcquireFutures.__enter__}: takes every future's lock, in one global order. */
    static void lockAll(List<? extends Future<?>> sorted) {
        for (Future<?> f : sorted) f.lock.lock();
    }

    /** {@code _AcquireFutures.__exit__}. */
    static void unlockAll(List<? extends Future<?>> sorted) {
        for (Future<?> f : sorted) f.lock.unlock();
    }

    /**
     * The distinct futures of {@code fs} (by identity, in first-seen order): CPython's
     * {@code set(fs)}, then the {@code AttributeError} its {@code _AcquireFutures} meets on a None.
     */
    static <F extends Future<?>> java.util.LinkedHashSet<F> distinct(Iterable<? extends F> fs) {
        if (fs == null) throw new TypeError("'NoneType' object is not iterable");
        java.util.LinkedHashSet<F> set = new java.util.LinkedHashSet<>();
        for (F f : fs) {
            if (f == null) throw new AttributeError("'NoneType' object has no attribute '_condition'");
            set.add(f);
        }
        return set;
    }

    /** {@code fs} sorted in lock order. */
    static <F extends Future<?>> List<F> lockOrder(Collection<F> fs) {
        List<F> sorted = new ArrayList<>(fs);
        sorted.sort(java.util.Comparator.comparingLong(f -> f.sequence));
        return sorted;
    }
}
