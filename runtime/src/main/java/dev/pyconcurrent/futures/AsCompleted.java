package dev.pyconcurrent.futures;

import dev.pyconcurrent.builtins.TimeoutError;
import dev.pyconcurrent.time.Time;
import dev.pyconcurrent.time.Timeout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * What {@link Futures#asCompleted} returns: CPython's {@code as_completed} generator as an
 * {@link Iterator} (and a one-shot {@link Iterable}, for {@code for} loops). {@code next()}
 * blocks until a future completes; {@code hasNext()} never blocks. {@link #close()} (the
 * generator's {@code close()}) unregisters it from the futures; running to the end, or
 * raising, does so too.
 */
public final class AsCompleted<F extends Future<?>> implements Iterator<F>, Iterable<F>, AutoCloseable {
    private Iterable<? extends F> source;
    private final double timeout;
    private final boolean forever;
    private boolean started;
    private boolean closed;
    /** CPython's {@code end_time = timeout + time.monotonic()}. */
    private double endTime;
    private Set<F> fs;
    private int total;
    private Set<F> pending;
    /** Done futures not yielded yet, the next one last (CPython pops from the end). */
    private List<F> finished;
    private Waiter.Any waiter;

    AsCompleted(Iterable<? extends F> fs, double timeout, boolean forever) {
        this.source = fs;
        this.timeout = timeout;
        this.forever = forever;
    }

    private void start() {
        if (started) return;
        started = true;
        if (!forever) endTime = timeout + Time.monotonic();
        fs = Waiter.distinct(source);
        source = null;
        total = fs.size();
        List<F> sorted = Waiter.lockOrder(fs);
        List<F> done = new ArrayList<>();
        Waiter.lockAll(sorted);
        try {
            for (F f : fs) {
                if (f.state == Future.CANCELLED_AND_NOTIFIED || f.state == Future.FINISHED) done.add(f);
            }
            pending = new LinkedHashSet<>(fs);
            pending.removeAll(done);
            waiter = (Waiter.Any) Waiter.install(fs, null);
        } finally {
            Waiter.unlockAll(sorted);
        }
        Collections.reverse(done);
        finished = done;
    }

    @Override
    public boolean hasNext() {
        if (closed) return false;
        start();
        if (!finished.isEmpty() || !pending.isEmpty()) return true;
        close();
        return false;
    }

    @Override
    public F next() {
        if (!hasNext()) throw new NoSuchElementException();
        boolean ok = false;
        try {
            while (finished.isEmpty()) {
                if (forever) {
                    waiter.event.await();
                } else {
                    double left = endTime - Time.monotonic();
                    if (left < 0) throw new TimeoutError(pending.size() + " (of " + total + ") futures unfinished");
                    // a NaN timeout never expires: CPython spins on it, this waits without a timeout
                    if (Timeout.remainingNanos(left) == Timeout.FOREVER) waiter.event.await();
                    else waiter.event.await(left);
                }
                List<Future<?>> got = waiter.drain();
                Collections.reverse(got);
                List<F> mine = new ArrayList<>(got.size());
                for (Future<?> f : got) {
                    @SuppressWarnings("unchecked")
                    F g = (F) f;
                    if (pending.remove(g)) mine.add(g);
                }
                finished = mine;
            }
            F f = finished.remove(finished.size() - 1);
            pending.remove(f);
            waiter.removeFrom(f);
            ok = true;
            return f;
        } finally {
            if (!ok) close();
        }
    }

    /** The generator's {@code close()}: stops the iteration and unregisters from the futures. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (waiter != null) {
            for (F f : fs) waiter.removeFrom(f);
        }
    }

    /** This iterator itself (one pass, as a Python generator). */
    @Override
    public Iterator<F> iterator() {
        return this;
    }
}
