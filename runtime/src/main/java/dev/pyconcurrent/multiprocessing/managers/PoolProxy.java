package dev.pyconcurrent.multiprocessing.managers;

import dev.pyconcurrent.builtins.Callable0;
import dev.pyconcurrent.builtins.Callable1;
import dev.pyconcurrent.builtins.Callable2;
import java.util.ArrayList;
import java.util.List;

/**
 * CPython's {@code PoolProxy} ({@code manager.Pool(n)}): a {@code multiprocessing.pool.Pool}
 * run by the manager's server process, whose workers are that process's children. Functions
 * and arguments travel to the server, then to its workers (serializable lambdas, as for a
 * {@code Pool}); {@code applyAsync}/{@code mapAsync} return proxies of the results,
 * {@code imap} an {@link IteratorProxy}. Try-with-resources ({@link #enter()}) terminates the
 * pool, as {@code with pool:} does.
 */
public class PoolProxy extends BaseProxy {
    private static final long serialVersionUID = 1L;

    protected PoolProxy() {}

    public <R> R apply(Callable0<R> fn) {
        return callmethod("apply", fn);
    }

    public <A, R> R apply(Callable1<A, R> fn, A a) {
        return callmethod("apply", fn, a);
    }

    public <A, B, R> R apply(Callable2<A, B, R> fn, A a, B b) {
        return callmethod("apply", fn, a, b);
    }

    public <A, R> AsyncResultProxy<R> applyAsync(Callable1<A, R> fn, A a) {
        return callmethod("applyAsync", fn, a);
    }

    public <A, R> List<R> map(Callable1<A, R> fn, Iterable<? extends A> iterable) {
        return callmethod("map", fn, copy(iterable));
    }

    public <A, R> List<R> map(Callable1<A, R> fn, Iterable<? extends A> iterable, int chunksize) {
        return callmethod("map", fn, copy(iterable), chunksize);
    }

    public <A, R> AsyncResultProxy<List<R>> mapAsync(Callable1<A, R> fn, Iterable<? extends A> iterable) {
        return callmethod("mapAsync", fn, copy(iterable));
    }

    public <A, B, R> List<R> starmap(Callable2<A, B, R> fn, Iterable<? extends List<?>> iterable) {
        return callmethod("starmap", fn, copy(iterable));
    }

    public <A, R> IteratorProxy<R> imap(Callable1<A, R> fn, Iterable<? extends A> iterable) {
        return callmethod("imap", fn, copy(iterable));
    }

    public <A, R> IteratorProxy<R> imapUnordered(Callable1<A, R> fn, Iterable<? extends A> iterable) {
        return callmethod("imapUnordered", fn, copy(iterable));
    }

    public void close() {
        callmethod("close");
    }

    public void terminate() {
        callmethod("terminate");
    }

    public void join() {
        callmethod("join");
    }

    /** {@code with pool:}: the block's end calls {@link #terminate()}. */
    public AutoCloseable enter() {
        return this::terminate;
    }

    private static <T> ArrayList<T> copy(Iterable<? extends T> items) {
        ArrayList<T> l = new ArrayList<>();
        items.forEach(l::add);
        return l;
    }
}
