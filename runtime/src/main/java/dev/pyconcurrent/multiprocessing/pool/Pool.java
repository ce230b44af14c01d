package dev.pyconcurrent.multiprocessing.pool;

import dev.pyconcurrent.builtins.Action0;
import dev.pyconcurrent.builtins.Action1;
import dev.pyconcurrent.builtins.Action2;
import dev.pyconcurrent.builtins.Action3;
import dev.pyconcurrent.builtins.AssertionError;
import dev.pyconcurrent.builtins.Callable0;
import dev.pyconcurrent.builtins.Callable1;
import dev.pyconcurrent.builtins.Callable2;
import dev.pyconcurrent.builtins.Callable3;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.futures.Call;
import dev.pyconcurrent.futures.InitializerOptions;
import dev.pyconcurrent.multiprocessing.Context;
import dev.pyconcurrent.multiprocessing.Multiprocessing;
import dev.pyconcurrent.os.Os;
import dev.pyconcurrent.threading.Thread;
import dev.pyconcurrent.threading.Threading;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * Python's {@code multiprocessing.pool.Pool}: worker processes (JVMs of the pool's context, by
 * default the forkserver's warm ones) running submitted functions; also the machinery of
 * {@link ThreadPool}: CPython's three handler threads over its queues, with the workers behind
 * {@link Workers} (which also run the initializer and count {@code maxtasksperchild}).
 *
 * <p>The caller puts task sequences on the task queue; the task handler
 * ({@code Thread-N (_handle_tasks)}) iterates them (the caller's iterable is read there, lazily
 * for {@code imap}) and puts each {@link Task} (one per chunk) on the in-queue; workers put
 * {@link Result}s on the out-queue; the result handler ({@code Thread-N (_handle_results)})
 * settles the job's {@link ApplyResult}/{@link MapResult}/{@link IMapIterator} and runs its
 * callbacks; the worker handler ({@code Thread-N (_handle_workers)}) replaces workers that
 * ended ({@code maxtasksperchild}) and, once the pool is closed and every job done, sends the
 * sentinels that end everything. Handler threads are daemonic {@code threading.Thread}s and
 * take their numbers from the shared {@code Thread-N} counter, as in CPython.
 *
 * <p>{@link #close()} is Python's {@code close()} (no new tasks; pending ones run), so
 * try-with-resources goes through {@link #enter()}, whose {@code close()} is
 * {@link #terminate()}, as CPython's {@code with pool:} does.
 */
public class Pool {
    static final String INIT = "INIT", RUN = "RUN", CLOSE = "CLOSE", TERMINATE = "TERMINATE";
    private static final AtomicLong JOB_COUNTER = new AtomicLong();

    /** A job of the cache: what a {@link Result} settles ({@code _set}). */
    interface Job {
        void set(int i, boolean success, Object value);
    }

    /** CPython's {@code _PoolCache}: the pending jobs; emptying it wakes the worker handler. */
    static final class Cache {
        private final ConcurrentHashMap<Long, Job> jobs = new ConcurrentHashMap<>();
        private final BlockingQueue<Object> notifier;

        Cache(BlockingQueue<Object> notifier) {
            this.notifier = notifier;
        }

        void put(long job, Job j) {
            jobs.put(job, j);
        }

        Job get(long job) {
            return jobs.get(job);
        }

        void remove(long job) {
            if (jobs.remove(job) != null && jobs.isEmpty()) notifier.offer(WorkerLoop.NONE);
        }

        boolean isEmpty() {
            return jobs.isEmpty();
        }

        int size() {
            return jobs.size();
        }
    }

    /** One entry of the task queue: tasks to send, and {@code _set_length} for {@code imap}. */
    private record TaskSeq(Iterator<Task> tasks, IntConsumer setLength) {}

    static long nextJob() {
        return JOB_COUNTER.getAndIncrement();
    }

    private volatile String state = INIT;
    private final int processes;
    private final Workers workerStarter;
    final List<Workers.Worker> pool = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<Object> taskqueue = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Object> inqueue = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Object> outqueue = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Object> changeNotifier = new LinkedBlockingQueue<>();
    final Cache cache = new Cache(changeNotifier);
    private volatile String workerHandlerState = RUN, taskHandlerState = RUN, resultHandlerState = RUN;
    private final Thread workerHandler, taskHandler, resultHandler;
    private final AtomicBoolean finalized = new AtomicBoolean();
    /** Run on the result handler's thread when a worker process ends while idle; the pool replaces it. */
    private volatile Runnable idleWorkerLost = () -> {};

    /** {@code Pool()}: {@code os.process_cpu_count() or 1} worker processes. */
    public Pool() {
        this(options());
    }

    /** {@code Pool(processes)}: {@code ValueError: Number of processes must be at least 1} below 1. */
    public Pool(int processes) {
        this(options().processes(processes));
    }

    /** {@code Pool(processes, initializer)}. */
    public Pool(int processes, Action0 initializer) {
        this(options().processes(processes).initializer(initializer));
    }

    /** {@code Pool(processes, initializer, (a,))}. */
    public <A> Pool(int processes, Action1<A> initializer, A a) {
        this(options().processes(processes).initializer(initializer, a));
    }

    /** {@code Pool(processes, initializer, (a, b))}. */
    public <A, B> Pool(int processes, Action2<A, B> initializer, A a, B b) {
        this(options().processes(processes).initializer(initializer, a, b));
    }

    /** {@code Pool(processes, initializer, (a, b, c))}. */
    public <A, B, C> Pool(int processes, Action3<A, B, C> initializer, A a, B b, C c) {
        this(options().processes(processes).initializer(initializer, a, b, c));
    }

    /**
     * {@code Pool(**options)}: {@code new Pool(Pool.options().processes(4).maxtasksperchild(10))}.
     * Workers are processes of {@code context}, by default the {@code forkserver} context: warm
     * JVMs, started ahead.
     */
    public Pool(Options options) {
        this(options.processes, options.maxtasksperchild, new ProcessWorkers(
                options.context != null ? options.context : Multiprocessing.getContext("forkserver"),
                options.initializerCall(), options.maxtasksperchild));
    }

    /**
     * CPython's {@code Pool.__init__}: checks the arguments, starts the workers and the three
     * handlers. {@code processes == null} is {@code os.process_cpu_count() or 1}.
     */
    Pool(Integer processes, Integer maxtasksperchild, Workers workers) {
        int n = processes != null ? processes : Math.max(Os.processCpuCount(), 1);
        if (n < 1) throw new ValueError("Number of processes must be at least 1");
        if (maxtasksperchild != null && maxtasksperchild <= 0) throw new ValueError("maxtasksperchild must be a positive int or None");
        this.processes = n;
        this.workerStarter = workers;
        try {
            repopulatePool();
        } catch (RuntimeException e) {
            for (Workers.Worker w : pool) if (!w.exited()) w.terminate();
            for (Workers.Worker w : pool) w.join();
            throw e;
        }
        workerHandler = handler(this::handleWorkers, "_handle_workers");
        taskHandler = handler(this::handleTasks, "_handle_tasks");
        resultHandler = handler(this::handleResults, "_handle_results");
        state = RUN;
    }

    /** A started daemon {@code threading.Thread} named as CPython's ({@code Thread-N (_handle_tasks)}). */
    private static Thread handler(Action0 body, String pyTarget) {
        Thread t = named(new Thread(body), pyTarget).daemon(true);
        t.start();
        return t;
    }

    /** {@code Thread-N (target)} for a thread whose default name came from a Java lambda. */
    static <T extends Thread> T named(T t, String pyTarget) {
        String n = t.name();
        int space = n.indexOf(' ');
        t.name((space < 0 ? n : n.substring(0, space)) + " (" + pyTarget + ")");
        return t;
    }

    /** The constructor's arguments with CPython's defaults ({@code processes=None, initializer=None, initargs=(), maxtasksperchild=None}). */
    public static Options options() {
        return new Options();
    }

    /** The parameters of {@code Pool} and {@code ThreadPool}, fluent (the initializer's setters: {@link InitializerOptions}). */
    public static final class Options extends InitializerOptions<Options> {
        Integer processes;
        Integer maxtasksperchild;
        Context context;

        Options() {}

        /** {@code context}: whose processes the workers are ({@code Pool} only). */
        public Options context(Context ctx) {
            this.context = ctx;
            return this;
        }

        /** {@code processes}: the number of worker threads. */
        public Options processes(int n) {
            this.processes = n;
            return this;
        }

        /** {@code maxtasksperchild}: tasks a worker runs before a new one replaces it ({@code ValueError} below 1). */
        public Options maxtasksperchild(int n) {
            this.maxtasksperchild = n;
            return this;
        }
    }

    // ------------------------------------------------------------------ workers

    /** CPython's {@code _repopulate_pool_static}: starts workers up to {@code processes}. */
    private void repopulatePool() {
        for (int i = pool.size(); i < processes; i++) {
            pool.add(workerStarter.start(inqueue, outqueue, () -> changeNotifier.offer(WorkerLoop.NONE)));
        }
    }

    /** CPython's {@code _maintain_pool}: joins the workers that ended and replaces them. */
    private void maintainPool() {
        boolean cleaned = false;
        for (Workers.Worker w : pool) {
            if (w.exited()) {
                w.join();
                pool.remove(w);
                cleaned = true;
            }
        }
        if (cleaned) repopulatePool();
    }

    // ------------------------------------------------------------------ handler threads

    private void handleWorkers() {
        while (workerHandlerState.equals(RUN) || (!cache.isEmpty() && !workerHandlerState.equals(TERMINATE))) {
            maintainPool();
            take(changeNotifier);
            changeNotifier.clear();
        }
        taskqueue.offer(WorkerLoop.NONE);
    }

    private void handleTasks() {
        Object item;
        while ((item = take(taskqueue)) != WorkerLoop.NONE) {
            TaskSeq seq = (TaskSeq) item;
            Task task = null;
            boolean stopped = false;
            while (seq.tasks.hasNext()) {
                task = seq.tasks.next();
                if (!taskHandlerState.equals(RUN)) {
                    stopped = true;
                    break;
                }
                inqueue.offer(task);
            }
            if (stopped) break;
            if (seq.setLength != null) seq.setLength.accept(task != null ? task.index() + 1 : 0);
        }
        outqueue.offer(WorkerLoop.NONE);
        for (int i = 0; i < pool.size(); i++) inqueue.offer(WorkerLoop.NONE);
    }

    private void handleResults() {
        while (true) {
            Object message = take(outqueue);
            if (!resultHandlerState.equals(RUN) || message == WorkerLoop.NONE) break;
            settle((Result) message);
        }
        while (!cache.isEmpty() && !resultHandlerState.equals(TERMINATE)) {
            Object message = take(outqueue);
            if (message != WorkerLoop.NONE) settle((Result) message);
        }
    }

    private void settle(Result r) {
        if (r.job() == Result.IDLE_WORKER_LOST) {
            if (state.equals(RUN)) idleWorkerLost.run();
            return;
        }
        Job job = cache.get(r.job());
        if (job != null) job.set(r.index(), r.success(), r.value());
    }

    /**
     * For {@code concurrent.futures.ProcessPoolExecutor}, which breaks when any worker process
     * ends abruptly (CPython's executor watches every worker's sentinel): {@code action} runs on
     * the result handler's thread when a worker ends while idle and the pool is running. A worker
     * that ends during a task fails that task instead (a {@code ProcessError} result).
     */
    public void onIdleWorkerLost(Runnable action) {
        idleWorkerLost = action;
    }

    /** {@code queue.get()} on a handler thread: an interrupt there is not meant for the pool. */
    static Object take(BlockingQueue<Object> q) {
        while (true) {
            try {
                return q.take();
            } catch (InterruptedException e) {
                // keep serving: the handlers end through their sentinels only
            }
        }
    }

    // ------------------------------------------------------------------ tasks

    private void checkRunning() {
        if (!state.equals(RUN)) throw new ValueError("Pool not running");
    }

    private <R> ApplyResult<R> applyCall(Call<?> call, Callbacks<? super R> callbacks) {
        checkRunning();
        ApplyResult<R> result = new ApplyResult<>(this, callbacks.callback, callbacks.errorCallback);
        Task task = new Task(result.job, 0, Task.Kind.CALL, call.fn(), Tuple.of(call.args()));
        taskqueue.offer(new TaskSeq(List.of(task).iterator(), null));
        return result;
    }

    /** CPython's {@code _map_async}: the iterable is read now, split into chunks ({@code chunksize == null}: CPython's default). */
    private <R> MapResult<R> mapCall(Object fn, Iterable<?> iterable, Task.Kind kind, Integer chunksize, Callbacks<? super List<R>> callbacks) {
        checkRunning();
        List<?> items = iterable instanceof Collection<?> c ? new ArrayList<>(c) : listOf(iterable);
        int size;
        if (chunksize == null) {
            int per = pool.size() * 4;
            size = items.size() / per + (items.size() % per != 0 ? 1 : 0);
        } else {
            size = chunksize;
        }
        if (items.isEmpty()) size = 0;
        MapResult<R> result = new MapResult<>(this, size, items.size(), callbacks.callback, callbacks.errorCallback);
        taskqueue.offer(new TaskSeq(guarded(result.job, kind, fn, chunks(items.iterator(), size)), null));
        return result;
    }

    private static List<Object> listOf(Iterable<?> iterable) {
        List<Object> items = new ArrayList<>();
        for (Object x : iterable) items.add(x);
        return items;
    }

    private <R> IMapIterator<R> imapCall(Object fn, Iterable<?> iterable, int chunksize, boolean ordered, String badChunk) {
        checkRunning();
        if (chunksize != 1 && chunksize < 1) throw new ValueError(badChunk);
        boolean chunked = chunksize != 1;
        IMapIterator<R> result = ordered ? new IMapIterator<>(this, chunked) : new IMapUnorderedIterator<>(this, chunked);
        Iterator<Tuple> args = chunked ? chunks(iterable.iterator(), chunksize) : singles(iterable.iterator());
        taskqueue.offer(new TaskSeq(guarded(result.job(), chunked ? Task.Kind.MAPSTAR : Task.Kind.CALL, fn, args), result::setLength));
        return result;
    }

    /** CPython's {@code _get_tasks}: the iterable's items in tuples of {@code size}. */
    private static Iterator<Tuple> chunks(Iterator<?> it, int size) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return size > 0 && it.hasNext();
            }

            @Override
            public Tuple next() {
                List<Object> chunk = new ArrayList<>(size);
                while (chunk.size() < size && it.hasNext()) chunk.add(it.next());
                return Tuple.copyOf(chunk);
            }
        };
    }

    /** Each item as a one-element argument tuple ({@code (x,)}). */
    private static Iterator<Tuple> singles(Iterator<?> it) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Tuple next() {
                return Tuple.of(it.next());
            }
        };
    }

    /**
     * CPython's {@code _guarded_task_generation}: numbered tasks; an exception of the iterable
     * becomes a last task that raises it in a worker, so that it reaches the caller in order.
     */
    private static Iterator<Task> guarded(long job, Task.Kind kind, Object fn, Iterator<Tuple> args) {
        return new Iterator<>() {
            private int i;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (done) return false;
                try {
                    if (args.hasNext()) return true;
                } catch (Throwable t) {
                    return failed(t);
                }
                done = true;
                return false;
            }

            private boolean failed(Throwable t) {
                if (!WorkerLoop.isException(t)) throw Py.rethrow(t);
                failure = new Task(job, i, Task.Kind.RERAISE, null, Tuple.of(t));
                return true;
            }

            private Task failure;

            @Override
            public Task next() {
                if (!hasNext()) throw new NoSuchElementException();
                if (failure == null) {
                    try {
                        return new Task(job, i++, kind, fn, args.next());
                    } catch (Throwable t) {
                        failed(t);
                    }
                }
                done = true;
                return failure;
            }
        };
    }

    // ------------------------------------------------------------------ apply

    /** {@code apply(func)}: {@code func()} in a worker; its exception is raised here. */
    public <R> R apply(Callable0<R> fn) {
        return this.<R>applyCall(Call.of(fn), Callbacks.NONE).get();
    }

    /** {@code apply(func, (a,))}. */
    public <A, R> R apply(Callable1<A, R> fn, A a) {
        return this.<R>applyCall(Call.of(fn, a), Callbacks.NONE).get();
    }

    /** {@code apply(func, (a, b))}. */
    public <A, B, R> R apply(Callable2<A, B, R> fn, A a, B b) {
        return this.<R>applyCall(Call.of(fn, a, b), Callbacks.NONE).get();
    }

    /** {@code apply(func, (a, b, c))}. */
    public <A, B, C, R> R apply(Callable3<A, B, C, R> fn, A a, B b, C c) {
        return this.<R>applyCall(Call.of(fn, a, b, c), Callbacks.NONE).get();
    }

    /** {@code apply(func)} for a function returning {@code None}. */
    public void apply(Action0 fn) {
        applyCall(Call.of(fn), Callbacks.NONE).get();
    }

    /** {@code apply(func, (a,))} for a function returning {@code None}. */
    public <A> void apply(Action1<A> fn, A a) {
        applyCall(Call.of(fn, a), Callbacks.NONE).get();
    }

    /** {@code apply(func, (a, b))} for a function returning {@code None}. */
    public <A, B> void apply(Action2<A, B> fn, A a, B b) {
        applyCall(Call.of(fn, a, b), Callbacks.NONE).get();
    }

    /** {@code apply(func, (a, b, c))} for a function returning {@code None}. */
    public <A, B, C> void apply(Action3<A, B, C> fn, A a, B b, C c) {
        applyCall(Call.of(fn, a, b, c), Callbacks.NONE).get();
    }

    /** {@code apply_async(fn, args, callback=..., error_callback=...)} for a {@link Call} of any arity: what a process pool executor sends. */
    public <R> ApplyResult<R> applyAsync(Call<R> call, Callbacks<? super R> callbacks) {
        return applyCall(call, callbacks);
    }

    /** {@code apply_async(func)}. */
    public <R> ApplyResult<R> applyAsync(Callable0<R> fn) {
        return applyCall(Call.of(fn), Callbacks.NONE);
    }

    /** {@code apply_async(func, callback=..., error_callback=...)}. */
    public <R> ApplyResult<R> applyAsync(Callable0<R> fn, Callbacks<? super R> callbacks) {
        return applyCall(Call.of(fn), callbacks);
    }

    /** {@code apply_async(func, (a,))}. */
    public <A, R> ApplyResult<R> applyAsync(Callable1<A, R> fn, A a) {
        return applyCall(Call.of(fn, a), Callbacks.NONE);
    }

    /** {@code apply_async(func, (a,), callback=..., error_callback=...)}. */
    public <A, R> ApplyResult<R> applyAsync(Callable1<A, R> fn, A a, Callbacks<? super R> callbacks) {
        return applyCall(Call.of(fn, a), callbacks);
    }

    /** {@code apply_async(func, (a, b))}. */
    public <A, B, R> ApplyResult<R> applyAsync(Callable2<A, B, R> fn, A a, B b) {
        return applyCall(Call.of(fn, a, b), Callbacks.NONE);
    }

    /** {@code apply_async(func, (a, b), callback=..., error_callback=...)}. */
    public <A, B, R> ApplyResult<R> applyAsync(Callable2<A, B, R> fn, A a, B b, Callbacks<? super R> callbacks) {
        return applyCall(Call.of(fn, a, b), callbacks);
    }

    /** {@code apply_async(func, (a, b, c))}. */
    public <A, B, C, R> ApplyResult<R> applyAsync(Callable3<A, B, C, R> fn, A a, B b, C c) {
        return applyCall(Call.of(fn, a, b, c), Callbacks.NONE);
    }

    /** {@code apply_async(func, (a, b, c), callback=..., error_callback=...)}. */
    public <A, B, C, R> ApplyResult<R> applyAsync(Callable3<A, B, C, R> fn, A a, B b, C c, Callbacks<? super R> callbacks) {
        return applyCall(Call.of(fn, a, b, c), callbacks);
    }

    /** {@code apply_async(func)} for a function returning {@code None}. */
    public ApplyResult<Void> applyAsync(Action0 fn) {
        return applyCall(Call.of(fn), Callbacks.NONE);
    }

    /** {@code apply_async(func, (a,))} for a function returning {@code None}. */
    public <A> ApplyResult<Void> applyAsync(Action1<A> fn, A a) {
        return applyCall(Call.of(fn, a), Callbacks.NONE);
    }

    /** {@code apply_async(func, (a, b))} for a function returning {@code None}. */
    public <A, B> ApplyResult<Void> applyAsync(Action2<A, B> fn, A a, B b) {
        return applyCall(Call.of(fn, a, b), Callbacks.NONE);
    }

    /** {@code apply_async(func, (a, b, c))} for a function returning {@code None}. */
    public <A, B, C> ApplyResult<Void> applyAsync(Action3<A, B, C> fn, A a, B b, C c) {
        return applyCall(Call.of(fn, a, b, c), Callbacks.NONE);
    }

    // ------------------------------------------------------------------ map

    /** {@code map(func, iterable)}: the results in order, chunks of CPython's default size. */
    public <A, R> List<R> map(Callable1<A, R> fn, Iterable<? extends A> iterable) {
        return this.<R>mapCall(fn, iterable, Task.Kind.MAPSTAR, null, Callbacks.NONE).get();
    }

    /** {@code map(func, iterable, chunksize)}. */
    public <A, R> List<R> map(Callable1<A, R> fn, Iterable<? extends A> iterable, int chunksize) {
        return this.<R>mapCall(fn, iterable, Task.Kind.MAPSTAR, chunksize, Callbacks.NONE).get();
    }

    /** {@code map_async(func, iterable)}. */
    public <A, R> MapResult<R> mapAsync(Callable1<A, R> fn, Iterable<? extends A> iterable) {
        return mapCall(fn, iterable, Task.Kind.MAPSTAR, null, Callbacks.NONE);
    }

    /** {@code map_async(func, iterable, chunksize)}. */
    public <A, R> MapResult<R> mapAsync(Callable1<A, R> fn, Iterable<? extends A> iterable, int chunksize) {
        return mapCall(fn, iterable, Task.Kind.MAPSTAR, chunksize, Callbacks.NONE);
    }

    /** {@code map_async(func, iterable, callback=..., error_callback=...)}. */
    public <A, R> MapResult<R> mapAsync(Callable1<A, R> fn, Iterable<? extends A> iterable, Callbacks<? super List<R>> callbacks) {
        return mapCall(fn, iterable, Task.Kind.MAPSTAR, null, callbacks);
    }

    /** {@code map_async(func, iterable, chunksize, callback=..., error_callback=...)}. */
    public <A, R> MapResult<R> mapAsync(Callable1<A, R> fn, Iterable<? extends A> iterable, int chunksize,
            Callbacks<? super List<R>> callbacks) {
        return mapCall(fn, iterable, Task.Kind.MAPSTAR, chunksize, callbacks);
    }

    /** {@code starmap(func, iterable)}: {@code func(*args)} for each tuple (any {@code List}) of the iterable. */
    public <A, B, R> List<R> starmap(Callable2<A, B, R> fn, Iterable<? extends List<?>> iterable) {
        return this.<R>mapCall(fn, iterable, Task.Kind.STARMAPSTAR, null, Callbacks.NONE).get();
    }

    /** {@code starmap(func, iterable, chunksize)}. */
    public <A, B, R> List<R> starmap(Callable2<A, B, R> fn, Iterable<? extends List<?>> iterable, int chunksize) {
        return this.<R>mapCall(fn, iterable, Task.Kind.STARMAPSTAR, chunksize, Callbacks.NONE).get();
    }

    /** {@code starmap(func, iterable)} for a function of three arguments. */
    public <A, B, C, R> List<R> starmap(Callable3<A, B, C, R> fn, Iterable<? extends List<?>> iterable) {
        return this.<R>mapCall(fn, iterable, Task.Kind.STARMAPSTAR, null, Callbacks.NONE).get();
    }

    /** {@code starmap(func, iterable, chunksize)} for a function of three arguments. */
    public <A, B, C, R> List<R> starmap(Callable3<A, B, C, R> fn, Iterable<? extends List<?>> iterable, int chunksize) {
        return this.<R>mapCall(fn, iterable, Task.Kind.STARMAPSTAR, chunksize, Callbacks.NONE).get();
    }

    /** {@code starmap_async(func, iterable)}. */
    public <A, B, R> MapResult<R> starmapAsync(Callable2<A, B, R> fn, Iterable<? extends List<?>> iterable) {
        return mapCall(fn, iterable, Task.Kind.STARMAPSTAR, null, Callbacks.NONE);
    }

    /** {@code starmap_async(func, iterable, chunksize, callback=..., error_callback=...)}. */
    public <A, B, R> MapResult<R> starmapAsync(Callable2<A, B, R> fn, Iterable<? extends List<?>> iterable, int chunksize,
            Callbacks<? super List<R>> callbacks) {
        return mapCall(fn, iterable, Task.Kind.STARMAPSTAR, chunksize, callbacks);
    }

    /** {@code starmap_async(func, iterable, callback=..., error_callback=...)}. */
    public <A, B, R> MapResult<R> starmapAsync(Callable2<A, B, R> fn, Iterable<? extends List<?>> iterable,
            Callbacks<? super List<R>> callbacks) {
        return mapCall(fn, iterable, Task.Kind.STARMAPSTAR, null, callbacks);
    }

    /** {@code starmap_async(func, iterable)} for a function of three arguments. */
    public <A, B, C, R> MapResult<R> starmapAsync(Callable3<A, B, C, R> fn, Iterable<? extends List<?>> iterable) {
        return mapCall(fn, iterable, Task.Kind.STARMAPSTAR, null, Callbacks.NONE);
    }

    /** {@code imap(func, iterable)}: lazily, in order; the iterable is read on the pool's task thread. */
    public <A, R> IMapIterator<R> imap(Callable1<A, R> fn, Iterable<? extends A> iterable) {
        return imap(fn, iterable, 1);
    }

    /** {@code imap(func, iterable, chunksize)}: {@code ValueError: Chunksize must be 1+, not 0}. */
    public <A, R> IMapIterator<R> imap(Callable1<A, R> fn, Iterable<? extends A> iterable, int chunksize) {
        return imapCall(fn, iterable, chunksize, true, "Chunksize must be 1+, not " + chunksize);
    }

    /** {@code imap_unordered(func, iterable)}: lazily, as the results come. */
    public <A, R> IMapIterator<R> imapUnordered(Callable1<A, R> fn, Iterable<? extends A> iterable) {
        return imapUnordered(fn, iterable, 1);
    }

    /** {@code imap_unordered(func, iterable, chunksize)}. */
    public <A, R> IMapIterator<R> imapUnordered(Callable1<A, R> fn, Iterable<? extends A> iterable, int chunksize) {
        return imapCall(fn, iterable, chunksize, false, "Chunksize must be 1+, not " + chunksize);
    }

    // ------------------------------------------------------------------ callbacks

    /** {@code apply_async}'s and {@code map_async}'s {@code callback} and {@code error_callback}, run on the result thread. */
    public static final class Callbacks<R> {
        static final Callbacks<Object> NONE = new Callbacks<>(null, null);
        final Action1<? super R> callback;
        final Action1<? super Throwable> errorCallback;

        private Callbacks(Action1<? super R> callback, Action1<? super Throwable> errorCallback) {
            this.callback = callback;
            this.errorCallback = errorCallback;
        }

        /** Adds {@code error_callback}: called with the exception of a failed task. */
        public Callbacks<R> errorCallback(Action1<? super Throwable> fn) {
            return new Callbacks<>(callback, fn);
        }
    }

    /** {@code callback=fn}: called with the result once it is ready. */
    public static <R> Callbacks<R> callback(Action1<? super R> fn) {
        return new Callbacks<>(fn, null);
    }

    /** {@code error_callback=fn} alone. */
    public static <R> Callbacks<R> errorCallback(Action1<? super Throwable> fn) {
        return new Callbacks<>(null, fn);
    }

    // ------------------------------------------------------------------ life cycle

    /** {@code close()}: no more tasks; those pending still run, then the workers end. */
    public void close() {
        if (state.equals(RUN)) {
            state = CLOSE;
            workerHandlerState = CLOSE;
            changeNotifier.offer(WorkerLoop.NONE);
        }
    }

    /** {@code terminate()}: stops at once; pending results stay unset (CPython's behaviour). */
    public void terminate() {
        state = TERMINATE;
        if (finalized.compareAndSet(false, true)) terminatePool();
    }

    /** {@code join()}: {@code ValueError: Pool is still running} before {@link #close()} or {@link #terminate()}. */
    public void join() {
        if (state.equals(RUN)) throw new ValueError("Pool is still running");
        if (!state.equals(CLOSE) && !state.equals(TERMINATE)) throw new ValueError("In unknown state");
        workerHandler.join();
        taskHandler.join();
        resultHandler.join();
        for (Workers.Worker w : pool) w.join();
    }

    /** CPython's {@code _terminate_pool}: runs once. */
    private void terminatePool() {
        workerHandlerState = TERMINATE;
        changeNotifier.offer(WorkerLoop.NONE);
        taskHandlerState = TERMINATE;
        helpStuffFinish();
        if (!resultHandler.isAlive() && cache.size() != 0) throw new AssertionError("Cannot have cache with result_handler not alive");
        resultHandlerState = TERMINATE;
        changeNotifier.offer(WorkerLoop.NONE);
        outqueue.offer(WorkerLoop.NONE);
        Thread current = Threading.currentThread();
        if (current != workerHandler) workerHandler.join();
        boolean terminable = workerStarter.terminable();
        if (terminable) for (Workers.Worker w : pool) if (!w.exited()) w.terminate();
        if (current != taskHandler) taskHandler.join();
        if (current != resultHandler) resultHandler.join();
        if (terminable) for (Workers.Worker w : pool) if (w.isAlive()) w.join();
    }

    /** ThreadPool's {@code _help_stuff_finish}: drops the queued tasks and puts a sentinel per worker at the head. */
    private void helpStuffFinish() {
        inqueue.clear();
        for (int i = 0; i < pool.size(); i++) inqueue.offer(WorkerLoop.NONE);
    }

    /**
     * {@code with pool:} — {@code try (var scope = pool.enter()) { … }}: {@code ValueError: Pool
     * not running} unless running; leaving the block calls {@link #terminate()}.
     */
    public Scope enter() {
        checkRunning();
        return new Scope(this);
    }

    /** The {@code with} block of a pool: closing it is {@code __exit__}, i.e. {@link Pool#terminate()}. */
    public static final class Scope implements AutoCloseable {
        private final Pool pool;

        private Scope(Pool pool) {
            this.pool = pool;
        }

        /** The pool ({@code with Pool() as p}). */
        public Pool pool() {
            return pool;
        }

        @Override
        public void close() {
            pool.terminate();
        }
    }

    /** {@code <multiprocessing.pool.ThreadPool state=RUN pool_size=2>}. */
    @Override
    public String toString() {
        return "<multiprocessing.pool." + getClass().getSimpleName() + " state=" + state + " pool_size=" + pool.size() + ">";
    }
}
