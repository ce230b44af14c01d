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
 * arguments. A chunked map (a process pool's {@code chunksize}) submits one call per batch of
 * arguments, each returning a list: the results are those lists chained, as CPython's
 * {@code _chain_from_iterable_of_lists}.
 */
public final class MapResults<R> implements Iterator<R>, Iterable<R>, AutoCloseable {
    private final Executor executor;
    private final Object fn;
    private final Iterator<Object[]> args;
    private final Integer buffersize;
    private final boolean hasTimeout;
    /** CPython's {@code end_time = timeout + time.monotonic()}. */
    private final double endTime;
    private final ArrayDeque<Future<?>> fs = new ArrayDeque<>();
    private final boolean chunked;
    /** The rest of the current batch's results, when chunked. */
    private Iterator<R> chunk;
    private boolean closed;

    MapResults(Executor executor, Object fn, Iterator<Object[]> args, Double timeout, Integer buffersize) {
        this(executor, fn, args, timeout, buffersize, false);
    }

    MapResults(Executor executor, Object fn, Iterator<Object[]> args, Double timeout, Integer buffersize, boolean chunked) {
        this.chunked = chunked;
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
        return !closed && (chunk != null && chunk.hasNext() || !fs.isEmpty());
    }

    @Override
    @SuppressWarnings("unchecked")
    public R next() {
        if (!hasNext()) throw new NoSuchElementException();
        if (chunk != null && chunk.hasNext()) return chunk.next();
        boolean ok = false;
        try {
            if (buffersize != null && args.hasNext()) fs.addLast(executor.submitCall(Call.of(fn, args.next())));
            Future<?> f = fs.pollFirst();
            try {
                Object r = hasTimeout ? f.result(endTime - Time.monotonic()) : f.result();
                ok = true;
                if (!chunked) return (R) r;
                chunk = ((Iterable<R>) r).iterator();
                return chunk.next();
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
        for (Future<?> f : fs) f.cancel();
        fs.clear();
    }

    /** This iterator itself (one pass, as a Python generator). */
    @Override
    public Iterator<R> iterator() {
        return this;
    }
}
