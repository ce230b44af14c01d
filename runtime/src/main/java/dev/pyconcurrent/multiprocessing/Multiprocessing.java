package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.builtins.Action0;
import dev.pyconcurrent.multiprocessing.pool.Pool;
import dev.pyconcurrent.builtins.Action1;
import dev.pyconcurrent.builtins.Action2;
import dev.pyconcurrent.builtins.Action3;
import dev.pyconcurrent.multiprocessing.connection.Connection;
import dev.pyconcurrent.multiprocessing.managers.SyncManager;
import dev.pyconcurrent.multiprocessing.sharedctypes.CArray;
import dev.pyconcurrent.multiprocessing.sharedctypes.CValue;
import dev.pyconcurrent.multiprocessing.sharedctypes.SharedArray;
import dev.pyconcurrent.multiprocessing.sharedctypes.SharedValue;
import dev.pyconcurrent.multiprocessing.sharedctypes.Sharedctypes;
import dev.pyconcurrent.multiprocessing.sharedctypes.Synchronized;
import dev.pyconcurrent.multiprocessing.sharedctypes.SynchronizedArray;
import dev.pyconcurrent.multiprocessing.synchronize.Barrier;
import dev.pyconcurrent.multiprocessing.synchronize.BoundedSemaphore;
import dev.pyconcurrent.multiprocessing.synchronize.Condition;
import dev.pyconcurrent.multiprocessing.synchronize.Event;
import dev.pyconcurrent.multiprocessing.synchronize.Lock;
import dev.pyconcurrent.multiprocessing.synchronize.RLock;
import dev.pyconcurrent.multiprocessing.synchronize.SemLock;
import dev.pyconcurrent.multiprocessing.synchronize.Semaphore;
import java.util.List;

/**
 * Python's {@code multiprocessing} module functions: those of its default context
 * ({@link Context}), under Python's names, capitals included: {@code Multiprocessing.Process(f)},
 * {@code Multiprocessing.Pipe()}, {@code Multiprocessing.Queue(8)},
 * {@code Multiprocessing.getContext("spawn")}. The default start method is {@code spawn} (see
 * {@link Context}).
 */
public final class Multiprocessing {
    private Multiprocessing() {}

    private static final Context.Default DEFAULT = new Context.Default();

    /** The module's default context itself (a {@link Context} arriving from another process resolves to it). */
    static Context defaultContext() {
        return DEFAULT;
    }

    /** {@code get_context(method=None)}. */
    public static Context getContext() {
        return DEFAULT.getContext();
    }

    public static Context getContext(String method) {
        return DEFAULT.getContext(method);
    }

    /** {@code get_start_method()}: {@code spawn} unless set. */
    public static String getStartMethod() {
        return DEFAULT.getStartMethod();
    }

    public static String getStartMethod(boolean allowNone) {
        return DEFAULT.getStartMethod(allowNone);
    }

    /** {@code set_start_method(method)}: RuntimeError {@code context has already been set} the second time. */
    public static void setStartMethod(String method) {
        DEFAULT.setStartMethod(method, false);
    }

    public static void setStartMethod(String method, boolean force) {
        DEFAULT.setStartMethod(method, force);
    }

    /** {@code get_all_start_methods()}: {@code ['spawn', 'forkserver']}. */
    public static List<String> getAllStartMethods() {
        return DEFAULT.getAllStartMethods();
    }

    public static Process currentProcess() {
        return Procs.current();
    }

    public static Process parentProcess() {
        return Procs.parent();
    }

    public static List<Process> activeChildren() {
        return Procs.activeChildren();
    }

    public static int cpuCount() {
        return DEFAULT.cpuCount();
    }

    /** {@code Process(target=f)} (a process of the default context, whose method is read at start). */
    public static Process Process(Action0 target) {
        return new Process(target);
    }

    public static <A> Process Process(Action1<A> target, A a) {
        return new Process(target, a);
    }

    public static <A, B> Process Process(Action2<A, B> target, A a, B b) {
        return new Process(target, a, b);
    }

    public static <A, B, C> Process Process(Action3<A, B, C> target, A a, B b, C c) {
        return new Process(target, a, b, c);
    }

    /**
     * {@code Pool()}: as {@code new Pool()}, whose workers are forkserver's warm JVMs whatever the
     * default start method ({@code getContext("spawn").Pool()} for spawned ones).
     */
    public static Pool Pool() {
        return new Pool();
    }

    /** {@code Pool(processes)}. */
    public static Pool Pool(int processes) {
        return new Pool(processes);
    }

    /** {@code Pool(processes, initializer)}. */
    public static Pool Pool(int processes, Action0 initializer) {
        return new Pool(processes, initializer);
    }

    /** {@code Pool(**options)}. */
    public static Pool Pool(Pool.Options options) {
        return new Pool(options);
    }

    /**
     * {@code Manager()}: a started {@link SyncManager}. Its server process is one of
     * forkserver's warm JVMs whatever the default start method (a manager then starts in tens
     * of milliseconds instead of a JVM's start).
     */
    public static SyncManager Manager() {
        SyncManager m = new SyncManager();
        m.start();
        return m;
    }

    public static Connection[] Pipe() {
        return DEFAULT.Pipe();
    }

    public static Connection[] Pipe(boolean duplex) {
        return DEFAULT.Pipe(duplex);
    }

    public static <E> Queue<E> Queue() {
        return DEFAULT.Queue();
    }

    public static <E> Queue<E> Queue(int maxsize) {
        return DEFAULT.Queue(maxsize);
    }

    public static <E> SimpleQueue<E> SimpleQueue() {
        return DEFAULT.SimpleQueue();
    }

    public static <E> JoinableQueue<E> JoinableQueue() {
        return DEFAULT.JoinableQueue();
    }

    public static <E> JoinableQueue<E> JoinableQueue(int maxsize) {
        return DEFAULT.JoinableQueue(maxsize);
    }

    public static Lock Lock() {
        return DEFAULT.Lock();
    }

    public static RLock RLock() {
        return DEFAULT.RLock();
    }

    public static Semaphore Semaphore(int value) {
        return DEFAULT.Semaphore(value);
    }

    public static BoundedSemaphore BoundedSemaphore(int value) {
        return DEFAULT.BoundedSemaphore(value);
    }

    public static Condition Condition() {
        return DEFAULT.Condition();
    }

    public static Condition Condition(SemLock lock) {
        return DEFAULT.Condition(lock);
    }

    public static Event Event() {
        return DEFAULT.Event();
    }

    public static Barrier Barrier(int parties) {
        return DEFAULT.Barrier(parties);
    }

    public static Barrier Barrier(int parties, Action0 action, double timeout) {
        return DEFAULT.Barrier(parties, action, timeout);
    }

    public static Synchronized Value(String typecode, Object value) {
        return DEFAULT.Value(typecode, value);
    }

    public static SharedValue Value(String typecode, Object value, Sharedctypes.Options options) {
        return DEFAULT.Value(typecode, value, options);
    }

    public static SynchronizedArray Array(String typecode, Object sizeOrInitializer) {
        return DEFAULT.Array(typecode, sizeOrInitializer);
    }

    public static SharedArray Array(String typecode, Object sizeOrInitializer, Sharedctypes.Options options) {
        return DEFAULT.Array(typecode, sizeOrInitializer, options);
    }

    public static CValue RawValue(String typecode, Object value) {
        return DEFAULT.RawValue(typecode, value);
    }

    public static CArray RawArray(String typecode, Object sizeOrInitializer) {
        return DEFAULT.RawArray(typecode, sizeOrInitializer);
    }
}
