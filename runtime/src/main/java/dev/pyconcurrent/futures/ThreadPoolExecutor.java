package dev.pyconcurrent.futures;

import dev.pyconcurrent.builtins.Action0;
import dev.pyconcurrent.builtins.Action1;
import dev.pyconcurrent.builtins.Action2;
import dev.pyconcurrent.builtins.Action3;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.RuntimeError;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.os.Os;
import dev.pyconcurrent.threading.Thread;
import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Python's {@code concurrent.futures.ThreadPoolExecutor}: runs submitted calls on up to
 * {@code maxWorkers} worker threads, with CPython's behaviour throughout.
 *
 * <p>Workers are {@link Thread}s named {@code ThreadPoolExecutor-N_i} (N from the class's own
 * counter, i the worker's index) or {@code prefix_i}. A worker is started by
 * {@code submit} only when no idle worker is available (CPython's idle semaphore) and fewer
 * than {@code maxWorkers} exist; it runs the initializer first: if that raises, the failure is
 * logged ({@code Exception in initializer:} and the traceback), the pool becomes broken, every
 * queued call fails with {@link BrokenThreadPool} and every later {@code submit} raises it.
 * The work queue is a {@link LinkedBlockingQueue}; {@code shutdown} puts CPython's
 * {@code None} sentinel behind the queued calls, so queued calls still run unless
 * {@code cancelFutures} cancels them.
 *
 * <p>Lifetime: worker threads are Java daemon threads, so they never keep the JVM alive; like
 * CPython's exit handler, a JVM shutdown hook tells every live pool's workers to finish the
 * queued calls and joins them. An executor that becomes unreachable without
 * {@code shutdown} has its idle workers ended (CPython's weak-reference callback, here a
 * {@link Cleaner}). A worker whose Java thread is interrupted (a notebook interrupt) while a
 * call runs records the resulting {@code KeyboardInterrupt} as that call's exception and
 * goes on with the next call; interrupted while idle, it keeps waiting.
 */
public class ThreadPoolExecutor extends Executor {
    private static final Object SENTINEL = new Object();
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String BROKEN = "A thread initializer failed, the thread pool is not usable anymore";
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        java.lang.Thread t = new java.lang.Thread(r, "pyconcurrent-futures-cleaner");
        t.setDaemon(true);
        return t;
    });

    /** CPython's {@code _threads_queues} and {@code _shutdown}: live workers, for the exit handler. */
    private static final Map<Thread, LinkedBlockingQueue<Object>> THREADS_QUEUES = new ConcurrentHashMap<>();
    private static volatile boolean globalShutdown;
    private static final ReentrantLock GLOBAL_SHUTDOWN_LOCK = new ReentrantLock();

    static {
        Runtime.getRuntime().addShutdownHook(new java.lang.Thread(ThreadPoolExecutor::pythonExit, "pyconcurrent-futures-exit"));
    }

    private final int maxWorkers;
    private final LinkedBlockingQueue<Object> workQueue = new LinkedBlockingQueue<>();
    private final Semaphore idleSemaphore = new Semaphore(0);
    /** Guarded by {@link #shutdownLock}. */
    private final Set<Thread> threads = new HashSet<>();
    private volatile String broken;
    private volatile boolean shutdown;
    private final ReentrantLock shutdownLock = new ReentrantLock();
    private final String threadNamePrefix;
    private final Call<?> initializer;

    /** {@code ThreadPoolExecutor()}: {@code min(32, (os.process_cpu_count() or 1) + 4)} workers. */
    public ThreadPoolExecutor() {
        this(options());
    }

    /** {@code ThreadPoolExecutor(max_workers)}: {@code ValueError: max_workers must be greater than 0} below 1. */
    public ThreadPoolExecutor(int maxWorkers) {
        this(options().maxWorkers(maxWorkers));
    }

    /** {@code ThreadPoolExecutor(max_workers, thread_name_prefix)}. */
    public ThreadPoolExecutor(int maxWorkers, String threadNamePrefix) {
        this(options().maxWorkers(maxWorkers).threadNamePrefix(threadNamePrefix));
    }

    /** {@code ThreadPoolExecutor(max_workers, thread_name_prefix, initializer)}. */
    public ThreadPoolExecutor(int maxWorkers, String threadNamePrefix, Action0 initializer) {
        this(options().maxWorkers(maxWorkers).threadNamePrefix(threadNamePrefix).initializer(initializer));
    }

    /** {@code ThreadPoolExecutor(max_workers, thread_name_prefix, initializer, (a,))}. */
    public <A> ThreadPoolExecutor(int maxWorkers, String threadNamePrefix, Action1<A> initializer, A a) {
        this(options().maxWorkers(maxWorkers).threadNamePrefix(threadNamePrefix).initializer(initializer, a));
    }

    /** {@code ThreadPoolExecutor(max_workers, thread_name_prefix, initializer, (a, b))}. */
    public <A, B> ThreadPoolExecutor(int maxWorkers, String threadNamePrefix, Action2<A, B> initializer, A a, B b) {
        this(options().maxWorkers(maxWorkers).threadNamePrefix(threadNamePrefix).initializer(initializer, a, b));
    }

    /** {@code ThreadPoolExecutor(max_workers, thread_name_prefix, initializer, (a, b, c))}. */
    public <A, B, C> ThreadPoolExecutor(int maxWorkers, String threadNamePrefix, Action3<A, B, C> initializer, A a, B b, C c) {
        this(options().maxWorkers(maxWorkers).threadNamePrefix(threadNamePrefix).initializer(initializer, a, b, c));
    }

    /** {@code ThreadPoolExecutor(**options)}: {@code new ThreadPoolExecutor(ThreadPoolExecutor.options().maxWorkers(4))}. */
    public ThreadPoolExecutor(Options options) {
        int n = options.maxWorkers != null ? options.maxWorkers : Math.min(32, Math.max(Os.processCpuCount(), 1) + 4);
        if (n <= 0) throw new ValueError("max_workers must be greater than 0");
        this.maxWorkers = n;
        String prefix = options.threadNamePrefix;
        this.threadNamePrefix = prefix == null || prefix.isEmpty() ? "ThreadPoolExecutor-" + COUNTER.getAndIncrement() : prefix;
        this.initializer = options.initializerCall();
        LinkedBlockingQueue<Object> q = workQueue;
        CLEANER.register(this, () -> q.offer(SENTINEL));
    }

    /** The constructor's arguments with CPython's defaults ({@code max_workers=None, thread_name_prefix='', initializer=None, initargs=()}). */
    public static Options options() {
        return new Options();
    }

    /** {@code ThreadPoolExecutor}'s parameters, fluent (the initializer's setters: {@link InitializerOptions}). */
    public static final class Options extends InitializerOptions<Options> {
        Integer maxWorkers;
        String threadNamePrefix = "";

        Options() {}

        /** {@code max_workers}. */
        public Options maxWorkers(int n) {
            this.maxWorkers = n;
            return this;
        }

        /** {@code thread_name_prefix}. */
        public Options threadNamePrefix(String prefix) {
            this.threadNamePrefix = prefix;
            return this;
        }
    }

    /** Workers idle now (the idle semaphore's value), for tests. */
    int idleWorkers() {
        return idleSemaphore.availablePermits();
    }

    /** {@code _max_workers}. */
    int maxWorkers() {
        return maxWorkers;
    }

    // ------------------------------------------------------------------ submit

    /**
     * {@code submit}: queues the call and starts a worker if none is idle. Raises
     * {@link BrokenThreadPool} for a broken pool, {@code RuntimeError: cannot schedule new
     * futures after shutdown} after {@code shutdown}, {@code … after interpreter shutdown}
     * once the JVM is exiting.
     */
    @Override
    protected <R> Future<R> submitCall(Call<R> call) {
        shutdownLock.lock();
        try {
            if (broken != null) throw new BrokenThreadPool(broken);
            if (shutdown) throw new RuntimeError("cannot schedule new futures after shutdown");
            GLOBAL_SHUTDOWN_LOCK.lock();
            try {
                if (globalShutdown) throw new RuntimeError("cannot schedule new futures after interpreter shutdown");
                Future<R> f = new Future<>();
                workQueue.offer(new WorkItem<>(f, call));
                adjustThreadCount();
                return f;
            } finally {
                GLOBAL_SHUTDOWN_LOCK.unlock();
            }
        } finally {
            shutdownLock.unlock();
        }
    }

    private void adjustThreadCount() {
        if (idleSemaphore.tryAcquire()) return;
        int n = threads.size();
        if (n < maxWorkers) {
            WeakReference<ThreadPoolExecutor> ref = new WeakReference<>(this);
            LinkedBlockingQueue<Object> q = workQueue;
            Call<?> init = initializer;
            Thread t = new Thread(() -> worker(ref, q, init)).name(threadNamePrefix + "_" + n).daemon(true);
            THREADS_QUEUES.put(t, q);
            t.start();
            threads.add(t);
        }
    }

    /** CPython's {@code _WorkItem}. */
    private static final class WorkItem<R> {
        final Future<R> future;
        final Call<R> call;

        WorkItem(Future<R> future, Call<R> call) {
            this.future = future;
            this.call = call;
        }

        void run() {
            if (!future.setRunningOrNotifyCancel()) return;
            R result;
            try {
                result = call.invoke();
            } catch (Throwable t) {
                future.setException(t);
                return;
            }
            future.setResult(result);
        }
    }

    /** CPython's {@code _worker}: holds the executor only weakly, as CPython does. */
    private static void worker(WeakReference<ThreadPoolExecutor> ref, LinkedBlockingQueue<Object> queue, Call<?> init) {
        try {
            if (init != null) {
                try {
                    init.invoke();
                } catch (Throwable t) {
                    Future.logException("Exception in initializer:", t);
                    ThreadPoolExecutor executor = ref.get();
                    if (executor != null) executor.initializerFailed();
                    return;
                }
            }
            try {
                while (true) {
                    Object item = queue.poll();
                    if (item == null) {
                        ThreadPoolExecutor executor = ref.get();
                        if (executor != null) executor.idleSemaphore.release();
                        executor = null;
                        item = spinPoll(queue);
                        if (item == null) item = take(queue);
                    }
                    if (item != SENTINEL) {
                        ((WorkItem<?>) item).run();
                        item = null;
                        java.lang.Thread.interrupted(); // an interrupt was meant for that call only
                        continue;
                    }
                    ThreadPoolExecutor executor = ref.get();
                    if (globalShutdown || executor == null || executor.shutdown) {
                        if (executor != null) executor.shutdown = true;
                        queue.offer(SENTINEL);
                        return;
                    }
                }
            } catch (Throwable t) {
                Future.logException("Exception in worker", t);
            }
        } finally {
            THREADS_QUEUES.remove(dev.pyconcurrent.threading.Threading.currentThread());
        }
    }

    /** A few polls before parking: a call submitted within microseconds is taken without a wake-up. */
    private static Object spinPoll(LinkedBlockingQueue<Object> queue) {
        for (int i = 0; i < Future.SPINS; i++) {
            java.lang.Thread.onSpinWait();
            if (!queue.isEmpty()) {
                Object item = queue.poll();
                if (item != null) return item;
            }
        }
        return null;
    }

    /** {@code work_queue.get(block=True)}, waiting on through interrupts. */
    private static Object take(LinkedBlockingQueue<Object> queue) {
        boolean interrupted = false;
        while (true) {
            try {
                Object item = queue.take();
                if (interrupted) java.lang.Thread.interrupted();
                return item;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }

    private void initializerFailed() {
        shutdownLock.lock();
        try {
            broken = BROKEN;
            Object item;
            while ((item = workQueue.poll()) != null) {
                if (item != SENTINEL) ((WorkItem<?>) item).future.setException(new BrokenThreadPool(BROKEN));
            }
        } finally {
            shutdownLock.unlock();
        }
    }

    // ------------------------------------------------------------------ shutdown

    /**
     * {@code shutdown(wait, cancel_futures)}: refuses new calls; with {@code cancelFutures},
     * cancels the queued calls not started yet; with {@code wait}, joins every worker (they
     * finish the calls still queued first). Safe to call more than once.
     */
    @Override
    public void shutdown(boolean wait, boolean cancelFutures) {
        List<Thread> toJoin;
        shutdownLock.lock();
        try {
            shutdown = true;
            if (cancelFutures) {
                Object item;
                while ((item = workQueue.poll()) != null) {
                    if (item != SENTINEL) ((WorkItem<?>) item).future.cancel();
                }
            }
            workQueue.offer(SENTINEL);
            toJoin = new ArrayList<>(threads);
        } finally {
            shutdownLock.unlock();
        }
        if (wait) {
            for (Thread t : toJoin) t.join();
        }
    }

    /** CPython's {@code _python_exit}: at JVM exit, lets every live worker finish the queued calls, then joins it. */
    private static void pythonExit() {
        GLOBAL_SHUTDOWN_LOCK.lock();
        try {
            globalShutdown = true;
        } finally {
            GLOBAL_SHUTDOWN_LOCK.unlock();
        }
        List<Map.Entry<Thread, LinkedBlockingQueue<Object>>> items = new ArrayList<>(THREADS_QUEUES.entrySet());
        for (Map.Entry<Thread, LinkedBlockingQueue<Object>> e : items) e.getValue().offer(SENTINEL);
        for (Map.Entry<Thread, LinkedBlockingQueue<Object>> e : items) {
            try {
                e.getKey().join();
            } catch (RuntimeException ignored) {
                // a worker that never started (or the current thread): nothing to wait for
            }
        }
    }

    /** {@code <concurrent.futures.thread.ThreadPoolExecutor object at 0x…>}. */
    @Override
    public String toString() {
        return "<concurrent.futures.thread.ThreadPoolExecutor object at " + Py.addressOf(this) + ">";
    }
}
