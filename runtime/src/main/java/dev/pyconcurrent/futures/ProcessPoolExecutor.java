package dev.pyconcurrent.futures;

import dev.pyconcurrent.builtins.Action0;
import dev.pyconcurrent.builtins.Action1;
import dev.pyconcurrent.builtins.Action2;
import dev.pyconcurrent.builtins.Action3;
import dev.pyconcurrent.builtins.Callable1;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.RuntimeError;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.multiprocessing.Context;
import dev.pyconcurrent.multiprocessing.ProcessError;
import dev.pyconcurrent.multiprocessing.pool.Pool;
import dev.pyconcurrent.os.Os;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Python's {@code concurrent.futures.ProcessPoolExecutor}: runs submitted calls in
 * {@code maxWorkers} worker processes, by default the forkserver context's warm JVMs.
 *
 * <p>The workers are those of {@link Pool} (the same relay per worker, codec messages, each
 * function sent once per worker): a submitted call is a pool task whose result or exception
 * (with its {@code RemoteTraceback} cause) settles the call's {@link Future} on the pool's
 * result thread. {@code map} with a {@code chunksize} sends one task per batch of arguments,
 * as CPython does. A worker that ends abruptly while running a task (or whose initializer
 * raises), or ends while idle, breaks the executor as CPython's {@code _terminate_broken} does: every pending
 * future fails with {@link BrokenProcessPool}, the other workers are terminated, and
 * {@code submit} raises {@code BrokenProcessPool} from then on.
 *
 * <p>Differences (see docs/deviations/futures.adoc): a future stays PENDING (cancellable) until
 * its result arrives, since the pool gives no "started" signal; a cancelled call may still run
 * in a worker; {@code killWorkers} ends workers as {@code terminateWorkers} does.
 */
public class ProcessPoolExecutor extends Executor {
    private static final String BROKEN = "A child process terminated abruptly, the process pool is not usable anymore";
    private static final String ABRUPT = "A process in the process pool was terminated abruptly while the future was running or pending.";

    /** Chunk wrappers kept per map function, so that a map of a function seen before sends no function at all. */
    private static final int MAX_CHUNKS = 256;

    private final Pool pool;
    /**
     * The {@link Chunk} of each map function, by identity (guarded by itself; cleared when full):
     * the pool sends a function to a worker once per identity, so a new wrapper per map would be
     * Java-serialized to every worker on every map (CPython pickles {@code _process_chunk} by name).
     */
    private final Map<Object, Chunk> chunks = new IdentityHashMap<>();
    /** Futures submitted and not settled yet (CPython's {@code _pending_work_items}). */
    private final Set<Future<?>> pending = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private String broken;
    private boolean shutdown;

    /** {@code ProcessPoolExecutor()}: {@code os.process_cpu_count() or 1} workers. */
    public ProcessPoolExecutor() {
        this(options());
    }

    /** {@code ProcessPoolExecutor(max_workers)}: {@code ValueError: max_workers must be greater than 0} below 1. */
    public ProcessPoolExecutor(int maxWorkers) {
        this(options().maxWorkers(maxWorkers));
    }

    /** {@code ProcessPoolExecutor(max_workers, mp_context)}. */
    public ProcessPoolExecutor(int maxWorkers, Context mpContext) {
        this(options().maxWorkers(maxWorkers).mpContext(mpContext));
    }

    /** {@code ProcessPoolExecutor(max_workers, mp_context, initializer)}. */
    public ProcessPoolExecutor(int maxWorkers, Context mpContext, Action0 initializer) {
        this(options().maxWorkers(maxWorkers).mpContext(mpContext).initializer(initializer));
    }

    /** {@code ProcessPoolExecutor(max_workers, mp_context, initializer, (a,))}. */
    public <A> ProcessPoolExecutor(int maxWorkers, Context mpContext, Action1<A> initializer, A a) {
        this(options().maxWorkers(maxWorkers).mpContext(mpContext).initializer(initializer, a));
    }

    /** {@code ProcessPoolExecutor(max_workers, mp_context, initializer, (a, b))}. */
    public <A, B> ProcessPoolExecutor(int maxWorkers, Context mpContext, Action2<A, B> initializer, A a, B b) {
        this(options().maxWorkers(maxWorkers).mpContext(mpContext).initializer(initializer, a, b));
    }

    /** {@code ProcessPoolExecutor(max_workers, mp_context, initializer, (a, b, c))}. */
    public <A, B, C> ProcessPoolExecutor(int maxWorkers, Context mpContext, Action3<A, B, C> initializer, A a, B b, C c) {
        this(options().maxWorkers(maxWorkers).mpContext(mpContext).initializer(initializer, a, b, c));
    }

    /** {@code ProcessPoolExecutor(**options)}: {@code new ProcessPoolExecutor(ProcessPoolExecutor.options().maxWorkers(4))}. */
    public ProcessPoolExecutor(Options options) {
        int n = options.maxWorkers != null ? options.maxWorkers : Math.max(Os.processCpuCount(), 1);
        if (n <= 0) throw new ValueError("max_workers must be greater than 0");
        if (options.maxTasksPerChild != null && options.maxTasksPerChild < 1) throw new ValueError("max_tasks_per_child must be >= 1");
        Pool.Options p = options.pool.processes(n).initializer(options.initializerCall());
        if (options.maxTasksPerChild != null) p.maxtasksperchild(options.maxTasksPerChild);
        this.pool = new Pool(p);
        pool.onIdleWorkerLost(this::terminateBroken); // CPython: any worker's end breaks the executor, idle or not
    }

    /** The constructor's arguments with CPython's defaults ({@code max_workers=None, mp_context=None, initializer=None, initargs=(), max_tasks_per_child=None}). */
    public static Options options() {
        return new Options();
    }

    /** {@code ProcessPoolExecutor}'s parameters, fluent (the initializer's setters: {@link InitializerOptions}). */
    public static final class Options extends InitializerOptions<Options> {
        Integer maxWorkers;
        Integer maxTasksPerChild;
        /** The context, kept as the pool's own option. */
        final Pool.Options pool = Pool.options();

        Options() {}

        /** {@code max_workers}. */
        public Options maxWorkers(int n) {
            this.maxWorkers = n;
            return this;
        }

        /** {@code mp_context}: the context whose processes are the workers (default: forkserver's warm JVMs). */
        public Options mpContext(Context ctx) {
            pool.context(ctx);
            return this;
        }

        /** {@code max_tasks_per_child}: a worker is replaced after this many calls; {@code ValueError} below 1. */
        public Options maxTasksPerChild(int n) {
            this.maxTasksPerChild = n;
            return this;
        }
    }

    // ------------------------------------------------------------------ submit

    /**
     * {@code submit}: sends the call to the pool. Raises {@link BrokenProcessPool} for a broken
     * pool and {@code RuntimeError: cannot schedule new futures after shutdown} after shutdown.
     */
    @Override
    protected <R> Future<R> submitCall(Call<R> call) {
        synchronized (lock) {
            if (broken != null) throw new BrokenProcessPool(broken);
            if (shutdown) throw new RuntimeError("cannot schedule new futures after shutdown");
            Future<R> f = new Future<>();
            pending.add(f);
            pool.applyAsync(call, Pool.<R>callback(r -> settled(f, true, r)).errorCallback(e -> settled(f, false, e)));
            return f;
        }
    }

    /** On the pool's result thread: settles the future unless it was cancelled; a worker's death breaks the pool. */
    @SuppressWarnings("unchecked")
    private <R> void settled(Future<R> f, boolean success, Object value) {
        if (!success && isWorkerDeath((Throwable) value)) {
            terminateBroken();
            return;
        }
        if (!pending.remove(f) || !f.setRunningOrNotifyCancel()) return;
        if (success) f.setResult((R) value);
        else f.setException((Throwable) value);
    }

    /**
     * The relay's report of a worker that ended during a task: a {@link ProcessError} made in
     * this JVM, so without the {@code RemoteTraceback} cause every exception of a task has.
     */
    private static boolean isWorkerDeath(Throwable t) {
        return t instanceof ProcessError && t.getCause() == null;
    }

    /** CPython's {@code _terminate_broken}: fails every pending future, refuses new work, ends the workers. */
    private void terminateBroken() {
        synchronized (lock) {
            if (broken != null) return;
            broken = BROKEN;
            shutdown = true;
        }
        failPending();
        pool.terminate();
    }

    private void failPending() {
        for (Future<?> f : new ArrayList<>(pending)) {
            if (pending.remove(f) && f.setRunningOrNotifyCancel()) f.setException(new BrokenProcessPool(ABRUPT));
        }
    }

    // ------------------------------------------------------------------ map

    /**
     * {@code map(fn, *iterables, timeout, chunksize, buffersize)}: {@code ValueError: chunksize
     * must be >= 1.}; above 1, each batch of {@code chunksize} argument tuples is one call
     * returning its results' list (CPython's {@code _process_chunk}), chained in order.
     */
    @Override
    protected <R> MapResults<R> mapCalls(Object fn, List<Iterable<?>> iterables, MapOptions options) {
        if (options.chunksize < 1) throw new ValueError("chunksize must be >= 1.");
        if (options.chunksize == 1) return super.mapCalls(fn, iterables, options);
        if (options.buffersize != null && options.buffersize < 1) throw new ValueError("buffersize must be None or > 0");
        return new MapResults<>(this, chunkOf(fn), batched(zip(iterables), options.chunksize), options.timeout, options.buffersize, true);
    }

    private Chunk chunkOf(Object fn) {
        synchronized (chunks) {
            if (chunks.size() == MAX_CHUNKS && !chunks.containsKey(fn)) chunks.clear();
            return chunks.computeIfAbsent(fn, Chunk::new);
        }
    }

    /** CPython's {@code _process_chunk}: {@code [fn(*args) for args in chunk]}, run in a worker. */
    private static final class Chunk implements Callable1<List<Tuple>, List<Object>> {
        private static final long serialVersionUID = 1L;
        private final Object fn;

        Chunk(Object fn) {
            this.fn = fn;
        }

        @Override
        public List<Object> call(List<Tuple> chunk) throws Exception {
            List<Object> out = new ArrayList<>(chunk.size());
            for (Tuple args : chunk) out.add(Call.of(fn, args.toArray()).invoke());
            return out;
        }
    }

    /** {@code itertools.batched(args, n)}, each batch the one argument of a {@link Chunk} call. */
    private static Iterator<Object[]> batched(Iterator<Object[]> args, int n) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return args.hasNext();
            }

            @Override
            public Object[] next() {
                List<Tuple> batch = new ArrayList<>(n);
                while (batch.size() < n && args.hasNext()) batch.add(Tuple.of(args.next()));
                return new Object[] {batch};
            }
        };
    }

    // ------------------------------------------------------------------ shutdown

    /**
     * {@code shutdown(wait, cancel_futures)}: refuses new calls; with {@code cancelFutures},
     * cancels the pending futures; with {@code wait}, waits for the workers to finish the
     * calls sent and end. Safe to call more than once.
     */
    @Override
    public void shutdown(boolean wait, boolean cancelFutures) {
        synchronized (lock) {
            shutdown = true;
        }
        if (cancelFutures) cancelPending();
        pool.close();
        if (wait) pool.join();
    }

    private void cancelPending() {
        for (Future<?> f : new ArrayList<>(pending)) if (f.cancel()) pending.remove(f);
    }

    /**
     * 3.14's {@code terminate_workers()}: {@code shutdown(wait=False, cancel_futures=True)},
     * then ends every worker at once. Every pending future is cancelled, those of calls that
     * were running too (they are never RUNNING here); whatever is left fails with
     * {@link BrokenProcessPool}.
     */
    public void terminateWorkers() {
        synchronized (lock) {
            shutdown = true;
        }
        cancelPending();
        pool.terminate();
        failPending();
    }

    /** 3.14's {@code kill_workers()}: as {@link #terminateWorkers()} (a worker JVM ends the same way for both signals here). */
    public void killWorkers() {
        terminateWorkers();
    }

    /** {@code <concurrent.futures.process.ProcessPoolExecutor object at 0x…>}. */
    @Override
    public String toString() {
        return "<concurrent.futures.process.ProcessPoolExecutor object at " + Py.addressOf(this) + ">";
    }
}
