package dev.pyconcurrent.futures;

import dev.pyconcurrent.builtins.Py;
import java.util.Set;

/**
 * CPython's {@code DoneAndNotDoneFutures} named tuple, returned by {@link Futures#wait}: the
 * futures that completed (finished or cancelled) and those that did not. The sets keep the
 * order in which the futures were given (CPython's sets are ordered by address).
 */
public record DoneAndNotDoneFutures<F extends Future<?>>(Set<F> done, Set<F> notDone) {
    /** {@code DoneAndNotDoneFutures(done={<Future …>}, not_done=set())}. */
    @Override
    public String toString() {
        return "DoneAndNotDoneFutures(done=" + Py.repr(done) + ", not_done=" + Py.repr(notDone) + ")";
    }
}
