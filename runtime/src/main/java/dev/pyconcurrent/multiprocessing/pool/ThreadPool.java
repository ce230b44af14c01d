package dev.pyconcurrent.multiprocessing.pool;

import dev.pyconcurrent.builtins.Action0;
import dev.pyconcurrent.builtins.Action1;
import dev.pyconcurrent.builtins.Action2;
import dev.pyconcurrent.builtins.Action3;
import dev.pyconcurrent.builtins.TypeError;

/**
 * Python's {@code multiprocessing.pool.ThreadPool}: the {@link Pool} API over threads of this
 * JVM. Workers are daemonic {@code DummyProcess} threads ({@code Thread-N (worker)}); a
 * task's exception is raised again as it was raised.
 *
 * <p>{@code maxtasksperchild} is accepted here too (CPython's {@code ThreadPool} has no such
 * parameter): a worker thread ends after that many tasks and a new one replaces it, running
 * the initializer again.
 */
public class ThreadPool extends Pool {
    /** {@code ThreadPool()}: {@code os.process_cpu_count() or 1} workers. */
    public ThreadPool() {
        this(options());
    }

    /** {@code ThreadPool(processes)}: {@code ValueError: Number of processes must be at least 1} below 1. */
    public ThreadPool(int processes) {
        this(options().processes(processes));
    }

    /** {@code ThreadPool(processes, initializer)}. */
    public ThreadPool(int processes, Action0 initializer) {
        this(options().processes(processes).initializer(initializer));
    }

    /** {@code ThreadPool(processes, initializer, (a,))}. */
    public <A> ThreadPool(int processes, Action1<A> initializer, A a) {
        this(options().processes(processes).initializer(initializer, a));
    }

    /** {@code ThreadPool(processes, initializer, (a, b))}. */
    public <A, B> ThreadPool(int processes, Action2<A, B> initializer, A a, B b) {
        this(options().processes(processes).initializer(initializer, a, b));
    }

    /** {@code ThreadPool(processes, initializer, (a, b, c))}. */
    public <A, B, C> ThreadPool(int processes, Action3<A, B, C> initializer, A a, B b, C c) {
        this(options().processes(processes).initializer(initializer, a, b, c));
    }

    /**
     * {@code ThreadPool(**options)}: {@code new ThreadPool(ThreadPool.options().processes(4).maxtasksperchild(10))}
     * ({@link Pool#options()}).
     */
    public ThreadPool(Options options) {
        super(noContext(options).processes, options.maxtasksperchild, new ThreadWorkers(options.initializerCall(), options.maxtasksperchild));
    }

    /** CPython's {@code ThreadPool(context=...)}: {@code TypeError: ThreadPool.__init__() got an unexpected keyword argument 'context'}. */
    private static Options noContext(Options options) {
        if (options.context != null) throw new TypeError("ThreadPool.__init__() got an unexpected keyword argument 'context'");
        return options;
    }
}
