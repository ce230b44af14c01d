package dev.pyconcurrent.multiprocessing.sharedctypes;

import dev.pyconcurrent.multiprocessing.synchronize.RLock;
import dev.pyconcurrent.multiprocessing.synchronize.SemLock;
import java.io.Serializable;
import java.util.function.Supplier;

/**
 * CPython's {@code SynchronizedBase}: a shared ctypes object and the lock (a new {@link RLock}
 * unless given) that its accessors hold; {@code with v.get_lock():} is
 * {@code try (var held = v.enter()) { … }}. Crosses processes with its object and lock.
 */
public abstract class SynchronizedBase<T> implements Serializable, AutoCloseable {
    private static final long serialVersionUID = 1L;

    final T obj;
    private final SemLock lock;

    SynchronizedBase(T obj, SemLock lock) {
        this.obj = obj;
        this.lock = lock == null ? new RLock() : lock;
    }

    /** {@code get_obj()}. */
    public T getObj() {
        return obj;
    }

    /** {@code get_lock()}. */
    public SemLock getLock() {
        return lock;
    }

    public boolean acquire() {
        return lock.acquire();
    }

    public boolean acquire(boolean block) {
        return lock.acquire(block);
    }

    public boolean acquire(double timeout) {
        return lock.acquire(timeout);
    }

    public boolean acquire(boolean block, double timeout) {
        return lock.acquire(block, timeout);
    }

    public void release() {
        lock.release();
    }

    /** {@code __enter__}: takes the lock. */
    public SynchronizedBase<T> enter() {
        lock.acquire();
        return this;
    }

    /** {@code __exit__}: releases the lock. */
    @Override
    public void close() {
        lock.release();
    }

    /** Returns what {@code read} gives with the lock held. */
    <R> R read(Supplier<R> read) {
        lock.acquire();
        try {
            return read.get();
        } finally {
            lock.release();
        }
    }

    /** Runs {@code write} with the lock held. */
    void write(Runnable write) {
        lock.acquire();
        try {
            write.run();
        } finally {
            lock.release();
        }
    }

    /** {@code <Synchronized wrapper for c_int(5)>}. */
    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " wrapper for " + obj + ">";
    }
}
