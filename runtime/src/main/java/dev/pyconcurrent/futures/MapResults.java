package dev.pyconcurrent.futures;

import dev.pyconcurrent.time.Time;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * What {@link Executor#map} returns: CPython's {@code result_iterator} generator as an
 * {@link Iterator} (and a one-shot {@link Iterable}). {@code next()} waits for the next
 * result in submission order and returns it, or raises what the call raised, or
 * {@code TimeoutError} past the map's deadline; after raising, the iteration is over and
 * the remaining futures are cancelled, as when the generator is closed ({@link #close()}).
 * With a {@code buffersize}, each {@code next()} first submits the call for the next
 * arguments.
 */
public final class MapResults<R> implements Iterator<R>, Iterable<R>, AutoCloseable {
    private final Executor executor;
    private final Object fn;
    private final Iterator<Object[]> args;
    private final Integer buffersize;
    private final boolean hasTimeout;
    /** CPython's {@code end_time = timeout + time.monotonic()}. */
    private final double endTime;
    private final ArrayDeque<Future<R>> fs = new ArrayDeque<>();
    private boolean closed;

    MapResults(Executor executor, Object fn, Iterator<Object[]> args, Double timeout, Integer buffersize) {
        this.executor = executor;
        this.fn = fn;
        this.args = args;
        this.buffersize = buffersize;
        this.hasTimeout = timeout != null;
        this.endTime = hasTimeout ? timeout + Time.monotonic() : 0;
        int n = buffersize == null ? Integer.MAX_VALUE : buffersize;
        while (fs.size() < n && args.hasNext()) fs.addLast(executor.submitCall(Call.of(fn, args.next())));
    }

    @Override
    public boolean hasNext() {
        return !closed && !fs.isEmpty();
    }

    @Override
    public R next() {
        if (!hasNext()) throw new NoSuchElementException();
        boolean ok = false;
        try {
            if (buffersize != null && args.hasNext()) fs.addLast(executor.submitCall(Call.of(fn, args.next())));
            Future<R> f = fs.pollFirst();
            try {
                R r = hasTimeout ? f.result(endTime - Time.monotonic()) : f.result();
                ok = true;
                return r;
            } finally {
                f.cancel();
            }
        } finally {
            if (!ok) close();
        }
    }

    /** The generator's {@code close()}: cancels the calls not yet started and ends the iteration. */
    @Override
    public void close() {
        closed = true;
        for (Future<R> f : fs) f.cancel();
        fs.clear();
    }

    /** This iterator itself (one pass, as a Python generator). */
    @Override
    public Iterator<R> iterator() {
        return this;
    }
}
