package dev.pyconcurrent.multiprocessing.pool;

import dev.pyconcurrent.builtins.Action0;
import dev.pyconcurrent.builtins.Action1;
import dev.pyconcurrent.builtins.Action2;
import dev.pyconcurrent.builtins.Action3;
import dev.pyconcurrent.futures.Call;

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

    /** {@code ThreadPool(**options)}: {@code new ThreadPool(ThreadPool.options().processes(4).maxtasksperchild(10))}. */
    public ThreadPool(Options options) {
        super(options.processes, options.maxtasksperchild, new ThreadWorkers(options.initializer, options.maxtasksperchild));
    }

    /** The constructor's arguments with CPython's defaults ({@code processes=None, initializer=None, initargs=()}). */
    public static Options options() {
        return new Options();
    }

    /** {@code ThreadPool}'s parameters, fluent. */
    public static final class Options {
        Integer processes;
        Call<?> initializer;
        Integer maxtasksperchild;

        Options() {}

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

        /** {@code initializer=f}: run by each worker when it starts. */
        public Options initializer(Action0 fn) {
            this.initializer = Call.of(fn);
            return this;
        }

        /** {@code initializer=f, initargs=(a,)}. */
        public <A> Options initializer(Action1<A> fn, A a) {
            this.initializer = Call.of(fn, a);
            return this;
        }

        /** {@code initializer=f, initargs=(a, b)}. */
        public <A, B> Options initializer(Action2<A, B> fn, A a, B b) {
            this.initializer = Call.of(fn, a, b);
            return this;
        }

        /** {@code initializer=f, initargs=(a, b, c)}. */
        public <A, B, C> Options initializer(Action3<A, B, C> fn, A a, B b, C c) {
            this.initializer = Call.of(fn, a, b, c);
            return this;
        }
    }
}
