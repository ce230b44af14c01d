package dev.pyconcurrent.futures;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The module-level names of Python's {@code concurrent.futures}: {@link #wait} and
 * {@link #asCompleted}, and the {@code return_when} constants.
 *
 * <p>The module's other names are classes of this package: {@link Future}, {@link Executor},
 * {@link ThreadPoolExecutor}, {@link CancelledError}, {@link InvalidStateError},
 * {@link BrokenExecutor}, {@link BrokenThreadPool}; {@code concurrent.futures.TimeoutError} is
 * builtins' {@link dev.pyconcurrent.builtins.TimeoutError}, as in CPython 3.11+.
 */
public final class Futures {
    private Futures() {}

    /** {@code FIRST_COMPLETED}: {@link #wait} returns when any future finishes or is cancelled. */
    public static final String FIRST_COMPLETED = "FIRST_COMPLETED";
    /** {@code FIRST_EXCEPTION}: {@link #wait} returns when any future raises, else as ALL_COMPLETED. */
    public static final String FIRST_EXCEPTION = "FIRST_EXCEPTION";
    /** {@code ALL_COMPLETED}: {@link #wait} returns when every future finished or is cancelled. */
    public static final String ALL_COMPLETED = "ALL_COMPLETED";

    /** {@code wait(fs)}: waits until every future is done. */
    public static <F extends Future<?>> DoneAndNotDoneFutures<F> wait(Iterable<? extends F> fs) {
        return wait(fs, -1, true, ALL_COMPLETED);
    }

    /** {@code wait(fs, timeout)}. */
    public static <F extends Future<?>> DoneAndNotDoneFutures<F> wait(Iterable<? extends F> fs, double timeout) {
        return wait(fs, timeout, false, ALL_COMPLETED);
    }

    /** {@code wait(fs, return_when=...)}: {@code ValueError: Invalid return condition: 'x'} for an unknown condition (when it has to wait). */
    public static <F extends Future<?>> DoneAndNotDoneFutures<F> wait(Iterable<? extends F> fs, String returnWhen) {
        return wait(fs, -1, true, returnWhen);
    }

    /**
     * {@code wait(fs, timeout, return_when)}: waits until the condition holds or the timeout
     * expires, and returns the done and not-done futures (duplicates once).
     */
    public static <F extends Future<?>> DoneAndNotDoneFutures<F> wait(Iterable<? extends F> fs, double timeout, String returnWhen) {
        return wait(fs, timeout, false, returnWhen);
    }

    private static <F extends Future<?>> DoneAndNotDoneFutures<F> wait(Iterable<? extends F> futures, double timeout,
            boolean forever, String returnWhen) {
        Set<F> fs = Waiter.distinct(futures);
        List<F> sorted = Waiter.lockOrder(fs);
        Set<F> done = new LinkedHashSet<>();
        Waiter waiter;
        Waiter.lockAll(sorted);
        try {
            for (F f : fs) {
                if (f.state == Future.CANCELLED_AND_NOTIFIED || f.state == Future.FINISHED) done.add(f);
            }
            if (FIRST_COMPLETED.equals(returnWhen) && !done.isEmpty()) return result(fs, done);
            if (FIRST_EXCEPTION.equals(returnWhen) && !done.isEmpty()) {
                for (F f : done) {
                    if (!f.cancelled() && f.exceptionNow() != null) return result(fs, done);
                }
            }
            if (done.size() == fs.size()) return result(fs, done);
            waiter = Waiter.install(fs, returnWhen);
        } finally {
            Waiter.unlockAll(sorted);
        }
        try {
            if (forever) waiter.event.await();
            else waiter.event.await(timeout);
        } finally {
            for (F f : fs) waiter.removeFrom(f);
        }
        synchronized (waiter) {
            for (Future<?> f : waiter.finishedFutures) {
                @SuppressWarnings("unchecked")
                F g = (F) f;
                done.add(g);
            }
        }
        return result(fs, done);
    }

    private static <F extends Future<?>> DoneAndNotDoneFutures<F> result(Set<F> fs, Set<F> done) {
        Set<F> notDone = new LinkedHashSet<>(fs);
        notDone.removeAll(done);
        Set<F> d = new LinkedHashSet<>();
        for (F f : fs) {
            if (done.contains(f)) d.add(f);
        }
        return new DoneAndNotDoneFutures<>(d, notDone);
    }

    /**
     * {@code as_completed(fs)}: an iterator over the futures (duplicates once) that yields each
     * as it completes: first those already done, then in completion order. Like CPython's
     * generator, it takes its snapshot at the first {@code hasNext()}/{@code next()}.
     */
    public static <F extends Future<?>> AsCompleted<F> asCompleted(Iterable<? extends F> fs) {
        return new AsCompleted<>(fs, -1, true);
    }

    /**
     * {@code as_completed(fs, timeout)}: as {@link #asCompleted(Iterable)};
     * {@code next()} raises {@code TimeoutError: N (of M) futures unfinished} once
     * {@code timeout} seconds have passed since the first {@code next()}.
     */
    public static <F extends Future<?>> AsCompleted<F> asCompleted(Iterable<? extends F> fs, double timeout) {
        return new AsCompleted<>(fs, timeout, false);
    }
}
