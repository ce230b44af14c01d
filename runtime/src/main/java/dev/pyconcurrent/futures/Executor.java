package dev.pyconcurrent.futures;

import dev.pyconcurrent.builtins.Action0;
import dev.pyconcurrent.builtins.Action1;
import dev.pyconcurrent.builtins.Action2;
import dev.pyconcurrent.builtins.Action3;
import dev.pyconcurrent.builtins.Callable0;
import dev.pyconcurrent.builtins.Callable1;
import dev.pyconcurrent.builtins.Callable2;
import dev.pyconcurrent.builtins.Callable3;
import dev.pyconcurrent.builtins.ValueError;
import java.util.Iterator;
import java.util.List;

/**
 * Python's {@code concurrent.futures.Executor}: the abstract base of {@link ThreadPoolExecutor}
 * (and of the process pool executor, which plugs in by implementing {@link #submitCall}).
 *
 * <p>{@code submit(fn, *args)} is one overload per arity: a {@code Callable0..3} (the future's
 * result is its value) or an {@code Action0..3} (the result is {@code null}, Python's
 * {@code None}). Java picks the {@code Callable} overload for a lambda or method reference
 * that returns a value; an implicitly typed one-argument lambda whose body is a method call
 * compatible with both ({@code x -> f(x)}) needs its parameter type written out. Try-with-resources is Python's
 * {@code with executor:}: {@link #close()} is {@code shutdown(wait=True)}.
 */
public abstract class Executor implements AutoCloseable {
    /**
     * Schedules {@code call} and returns its future: what every {@code submit} overload does.
     * Subclasses raise CPython's errors for a shut down or broken executor here.
     */
    protected abstract <R> Future<R> submitCall(Call<R> call);

    /** {@code submit(fn)}. */
    public <R> Future<R> submit(Callable0<R> fn) {
        return submitCall(Call.of(fn));
    }

    /** {@code submit(fn, a)}. */
    public <A, R> Future<R> submit(Callable1<A, R> fn, A a) {
        return submitCall(Call.of(fn, a));
    }

    /** {@code submit(fn, a, b)}. */
    public <A, B, R> Future<R> submit(Callable2<A, B, R> fn, A a, B b) {
        return submitCall(Call.of(fn, a, b));
    }

    /** {@code submit(fn, a, b, c)}. */
    public <A, B, C, R> Future<R> submit(Callable3<A, B, C, R> fn, A a, B b, C c) {
        return submitCall(Call.of(fn, a, b, c));
    }

    /** {@code submit(fn)} for a function returning {@code None}. */
    public Future<Void> submit(Action0 fn) {
        return submitCall(Call.of(fn));
    }

    /** {@code submit(fn, a)} for a function returning {@code None}. */
    public <A> Future<Void> submit(Action1<A> fn, A a) {
        return submitCall(Call.of(fn, a));
    }

    /** {@code submit(fn, a, b)} for a function returning {@code None}. */
    public <A, B> Future<Void> submit(Action2<A, B> fn, A a, B b) {
        return submitCall(Call.of(fn, a, b));
    }

    /** {@code submit(fn, a, b, c)} for a function returning {@code None}. */
    public <A, B, C> Future<Void> submit(Action3<A, B, C> fn, A a, B b, C c) {
        return submitCall(Call.of(fn, a, b, c));
    }

    // ------------------------------------------------------------------ map

    /** {@code map(fn, xs)}: submits {@code fn(x)} for every {@code x} at once and returns the results lazily, in order. */
    public <A, R> MapResults<R> map(Callable1<A, R> fn, Iterable<? extends A> xs) {
        return map(fn, xs, mapOptions());
    }

    /** {@code map(fn, xs, timeout=..., chunksize=..., buffersize=...)}. */
    public <A, R> MapResults<R> map(Callable1<A, R> fn, Iterable<? extends A> xs, MapOptions options) {
        return mapCalls(fn, List.of(xs), options);
    }

    /** {@code map(fn, xs, ys)}: {@code fn(x, y)} over the pairs, stopping at the shorter iterable. */
    public <A, B, R> MapResults<R> map(Callable2<A, B, R> fn, Iterable<? extends A> xs, Iterable<? extends B> ys) {
        return map(fn, xs, ys, mapOptions());
    }

    /** {@code map(fn, xs, ys, timeout=..., chunksize=..., buffersize=...)}. */
    public <A, B, R> MapResults<R> map(Callable2<A, B, R> fn, Iterable<? extends A> xs, Iterable<? extends B> ys, MapOptions options) {
        return mapCalls(fn, List.of(xs, ys), options);
    }

    /** {@code map(fn, xs, ys, zs)}. */
    public <A, B, C, R> MapResults<R> map(Callable3<A, B, C, R> fn, Iterable<? extends A> xs, Iterable<? extends B> ys,
            Iterable<? extends C> zs) {
        return map(fn, xs, ys, zs, mapOptions());
    }

    /** {@code map(fn, xs, ys, zs, timeout=..., chunksize=..., buffersize=...)}. */
    public <A, B, C, R> MapResults<R> map(Callable3<A, B, C, R> fn, Iterable<? extends A> xs, Iterable<? extends B> ys,
            Iterable<? extends C> zs, MapOptions options) {
        return mapCalls(fn, List.of(xs, ys, zs), options);
    }

    /**
     * CPython's {@code Executor.map} (3.14, with {@code buffersize}) over a callable and its
     * argument iterables: validates the options, submits the first calls (all of them, or
     * {@code buffersize}), and returns the lazy result iterator. A subclass that batches calls
     * ({@code chunksize}) overrides this.
     */
    protected <R> MapResults<R> mapCalls(Object fn, List<Iterable<?>> iterables, MapOptions options) {
        if (options.buffersize != null && options.buffersize < 1) throw new ValueError("buffersize must be None or > 0");
        return new MapResults<>(this, fn, zip(iterables), options.timeout, options.buffersize);
    }

    /** Python's {@code zip(*iterables)}: the next argument tuple, or {@code null} at the end of the shortest. */
    static Iterator<Object[]> zip(List<Iterable<?>> iterables) {
        List<Iterator<?>> its = new java.util.ArrayList<>();
        for (Iterable<?> it : iterables) its.add(it.iterator());
        return new Iterator<>() {
            private Object[] next;
            private boolean ended;

            @Override
            public boolean hasNext() {
                if (next != null) return true;
                if (ended) return false;
                Object[] args = new Object[its.size()];
                for (int i = 0; i < args.length; i++) {
                    if (!its.get(i).hasNext()) {
                        ended = true;
                        return false;
                    }
                    args[i] = its.get(i).next();
                }
                next = args;
                return true;
            }

            @Override
            public Object[] next() {
                if (!hasNext()) throw new java.util.NoSuchElementException();
                Object[] args = next;
                next = null;
                return args;
            }
        };
    }

    /** {@code map}'s keyword-only arguments, with CPython's defaults. */
    public static MapOptions mapOptions() {
        return new MapOptions();
    }

    /** {@code timeout=None, chunksize=1, buffersize=None}. */
    public static final class MapOptions {
        Double timeout;
        int chunksize = 1;
        Integer buffersize;

        MapOptions() {}

        /** {@code timeout}: seconds from the {@code map} call for all results; {@code TimeoutError} when one is late. */
        public MapOptions timeout(double seconds) {
            this.timeout = seconds;
            return this;
        }

        /** {@code chunksize}: calls per batch sent to a process pool; ignored by {@link ThreadPoolExecutor}, as in CPython. */
        public MapOptions chunksize(int n) {
            this.chunksize = n;
            return this;
        }

        /** {@code chunksize}. */
        public int chunksize() {
            return chunksize;
        }

        /**
         * {@code buffersize} (3.14): submit at most this many calls ahead of the consumer, reading
         * the iterables lazily; {@code ValueError: buffersize must be None or > 0} below 1.
         */
        public MapOptions buffersize(int n) {
            this.buffersize = n;
            return this;
        }
    }

    // ------------------------------------------------------------------ shutdown

    /** {@code shutdown()}: {@code shutdown(wait=True)}. */
    public void shutdown() {
        shutdown(true, false);
    }

    /** {@code shutdown(wait)}. */
    public void shutdown(boolean wait) {
        shutdown(wait, false);
    }

    /**
     * {@code shutdown(wait, cancel_futures=...)}: frees the executor's resources once pending
     * calls are done; no submit is accepted afterwards. The base class does nothing, as
     * CPython's.
     */
    public void shutdown(boolean wait, boolean cancelFutures) {}

    /** {@code __exit__}: {@code shutdown(wait=True)}. */
    @Override
    public void close() {
        shutdown(true);
    }
}
