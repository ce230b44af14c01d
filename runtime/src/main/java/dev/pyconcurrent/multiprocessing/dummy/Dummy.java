package dev.pyconcurrent.multiprocessing.dummy;

import dev.pyconcurrent.builtins.Action0;
import dev.pyconcurrent.builtins.Action1;
import dev.pyconcurrent.builtins.Action2;
import dev.pyconcurrent.builtins.Action3;
import dev.pyconcurrent.multiprocessing.dummy.connection.Connection;
import dev.pyconcurrent.multiprocessing.dummy.connection.Connections;
import dev.pyconcurrent.multiprocessing.pool.ThreadPool;
import dev.pyconcurrent.queue.Queue;
import dev.pyconcurrent.threading.Barrier;
import dev.pyconcurrent.threading.BoundedSemaphore;
import dev.pyconcurrent.threading.Condition;
import dev.pyconcurrent.threading.Event;
import dev.pyconcurrent.threading.Lock;
import dev.pyconcurrent.threading.RLock;
import dev.pyconcurrent.threading.Semaphore;
import dev.pyconcurrent.threading.Thread;
import dev.pyconcurrent.threading.Threading;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code multiprocessing.dummy}: the multiprocessing API over threads, under Python's
 * names, capitals included ({@code Dummy.Process(f)}, {@code Dummy.Queue()},
 * {@code Dummy.Pool(4)}). Processes are {@link DummyProcess} threads, the synchronization
 * primitives are {@code threading}'s, the queues {@code queue.Queue}, {@code Pipe} two thread
 * queues, {@code Pool} a {@link ThreadPool}.
 */
public final class Dummy {
    private Dummy() {}

    /** {@code Process(target=f)}. */
    public static DummyProcess Process(Action0 target) {
        return new DummyProcess(target);
    }

    public static <A> DummyProcess Process(Action1<A> target, A a) {
        return new DummyProcess(target, a);
    }

    public static <A, B> DummyProcess Process(Action2<A, B> target, A a, B b) {
        return new DummyProcess(target, a, b);
    }

    public static <A, B, C> DummyProcess Process(Action3<A, B, C> target, A a, B b, C c) {
        return new DummyProcess(target, a, b, c);
    }

    /** {@code current_process()}: {@code threading.current_thread()}. */
    public static Thread currentProcess() {
        return Threading.currentThread();
    }

    /** {@code active_children()}: the current thread's started {@link DummyProcess}es still alive. */
    public static List<DummyProcess> activeChildren() {
        return DummyProcess.activeChildren();
    }

    /** {@code freeze_support()}: nothing to do. */
    public static void freezeSupport() {}

    public static Lock Lock() {
        return new Lock();
    }

    public static RLock RLock() {
        return new RLock();
    }

    public static Semaphore Semaphore() {
        return new Semaphore();
    }

    public static Semaphore Semaphore(int value) {
        return new Semaphore(value);
    }

    public static BoundedSemaphore BoundedSemaphore() {
        return new BoundedSemaphore();
    }

    public static BoundedSemaphore BoundedSemaphore(int value) {
        return new BoundedSemaphore(value);
    }

    public static Condition Condition() {
        return new Condition();
    }

    public static Condition Condition(Lock lock) {
        return new Condition(lock);
    }

    public static Condition Condition(RLock lock) {
        return new Condition(lock);
    }

    public static Event Event() {
        return new Event();
    }

    public static Barrier Barrier(int parties) {
        return new Barrier(parties);
    }

    public static Barrier Barrier(int parties, Action0 action, double timeout) {
        return new Barrier(parties, action, timeout);
    }

    /** {@code Queue()}: a {@code queue.Queue}. */
    public static <E> Queue<E> Queue() {
        return new Queue<>();
    }

    public static <E> Queue<E> Queue(int maxsize) {
        return new Queue<>(maxsize);
    }

    /** {@code JoinableQueue()}: also a {@code queue.Queue} (it has {@code task_done} and {@code join}). */
    public static <E> Queue<E> JoinableQueue() {
        return new Queue<>();
    }

    public static <E> Queue<E> JoinableQueue(int maxsize) {
        return new Queue<>(maxsize);
    }

    /** {@code Pipe()}: {@code multiprocessing.dummy.connection.Pipe()}. */
    public static Connection[] Pipe() {
        return Connections.Pipe();
    }

    public static Connection[] Pipe(boolean duplex) {
        return Connections.Pipe(duplex);
    }

    /** {@code Pool()}: a {@link ThreadPool} of {@code os.process_cpu_count() or 1} threads. */
    public static ThreadPool Pool() {
        return new ThreadPool();
    }

    public static ThreadPool Pool(int processes) {
        return new ThreadPool(processes);
    }

    public static ThreadPool Pool(int processes, Action0 initializer) {
        return new ThreadPool(processes, initializer);
    }

    public static <A> ThreadPool Pool(int processes, Action1<A> initializer, A a) {
        return new ThreadPool(processes, initializer, a);
    }

    /** {@code Manager()}: the module itself in CPython; here an object with the same factories. */
    public static Manager Manager() {
        return Manager.INSTANCE;
    }

    /** {@code Namespace(**kwds)}. */
    public static Namespace Namespace() {
        return new Namespace();
    }

    public static Namespace Namespace(Map<String, ?> kwds) {
        return new Namespace(kwds);
    }

    /** {@code Value(typecode, value, lock=True)}: a plain holder ({@code lock} is ignored, as in CPython). */
    public static <T> Value<T> Value(String typecode, T value) {
        return new Value<>(typecode, value);
    }

    public static <T> Value<T> Value(String typecode, T value, boolean lock) {
        return new Value<>(typecode, value);
    }

    /** {@code Array(typecode, sequence, lock=True)}: an {@code array.array}. */
    public static Array Array(String typecode, Iterable<?> sequence) {
        return new Array(typecode, sequence);
    }

    public static Array Array(String typecode, Iterable<?> sequence, boolean lock) {
        return new Array(typecode, sequence);
    }
}
