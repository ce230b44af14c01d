package dev.pyconcurrent.multiprocessing.dummy;

import dev.pyconcurrent.builtins.Action0;
import dev.pyconcurrent.multiprocessing.pool.ThreadPool;
import dev.pyconcurrent.queue.Queue;
import dev.pyconcurrent.threading.Barrier;
import dev.pyconcurrent.threading.BoundedSemaphore;
import dev.pyconcurrent.threading.Condition;
import dev.pyconcurrent.threading.Event;
import dev.pyconcurrent.threading.Lock;
import dev.pyconcurrent.threading.RLock;
import dev.pyconcurrent.threading.Semaphore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code multiprocessing.dummy.Manager()} returns: CPython returns the module itself, so
 * its factories make plain objects shared by reference ({@code m.list()} is a list,
 * {@code m.Lock()} a {@code threading.Lock}); {@link #shutdown()} does nothing. One instance,
 * {@link Dummy#Manager()}.
 */
public final class Manager {
    static final Manager INSTANCE = new Manager();

    private Manager() {}

    /** {@code list()}. */
    public <E> List<E> list() {
        return new ArrayList<>();
    }

    /** {@code list(iterable)}. */
    public <E> List<E> list(Collection<? extends E> items) {
        return new ArrayList<>(items);
    }

    /** {@code dict()}. */
    public <K, V> Map<K, V> dict() {
        return new LinkedHashMap<>();
    }

    /** {@code dict(mapping)}. */
    public <K, V> Map<K, V> dict(Map<? extends K, ? extends V> items) {
        return new LinkedHashMap<>(items);
    }

    public Namespace Namespace() {
        return new Namespace();
    }

    public Namespace Namespace(Map<String, ?> kwds) {
        return new Namespace(kwds);
    }

    public <T> Value<T> Value(String typecode, T value) {
        return new Value<>(typecode, value);
    }

    public Array Array(String typecode, Iterable<?> sequence) {
        return new Array(typecode, sequence);
    }

    public <E> Queue<E> Queue() {
        return new Queue<>();
    }

    public <E> Queue<E> Queue(int maxsize) {
        return new Queue<>(maxsize);
    }

    public <E> Queue<E> JoinableQueue() {
        return new Queue<>();
    }

    public <E> Queue<E> JoinableQueue(int maxsize) {
        return new Queue<>(maxsize);
    }

    public Lock Lock() {
        return new Lock();
    }

    public RLock RLock() {
        return new RLock();
    }

    public Semaphore Semaphore(int value) {
        return new Semaphore(value);
    }

    public BoundedSemaphore BoundedSemaphore(int value) {
        return new BoundedSemaphore(value);
    }

    public Condition Condition() {
        return new Condition();
    }

    public Event Event() {
        return new Event();
    }

    public Barrier Barrier(int parties) {
        return new Barrier(parties);
    }

    public ThreadPool Pool(int processes) {
        return new ThreadPool(processes);
    }

    public ThreadPool Pool(int processes, Action0 initializer) {
        return new ThreadPool(processes, initializer);
    }

    /** {@code shutdown()}: nothing to stop. */
    public void shutdown() {}
}
