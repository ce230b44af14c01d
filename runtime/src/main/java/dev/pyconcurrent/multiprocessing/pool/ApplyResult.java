package dev.pyconcurrent.multiprocessing.pool;

import dev.pyconcurrent.builtins.Action1;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.multiprocessing.TimeoutError;
import dev.pyconcurrent.threading.Event;

/**
 * Python's {@code multiprocessing.pool.ApplyResult} (alias {@code AsyncResult}): the result of
 * {@link Pool#applyAsync}. The pool's result thread sets it and runs the callback (on success)
 * or the error callback (with the exception) there, before waking the waiters, as CPython does.
 */
public class ApplyResult<R> implements AsyncResult<R>, Pool.Job {
    final long job = Pool.nextJob();
    final Pool.Cache cache;
    final Event event = new Event();
    private final Action1<? super R> callback;
    private final Action1<? super Throwable> errorCallback;
    volatile boolean success;
    volatile Object value;

    ApplyResult(Pool pool, Action1<? super R> callback, Action1<? super Throwable> errorCallback) {
        this.cache = pool.cache;
        this.callback = callback;
        this.errorCallback = errorCallback;
        cache.put(job, this);
    }

    @Override
    public boolean ready() {
        return event.isSet();
    }

    @Override
    public boolean successful() {
        if (!ready()) throw new ValueError(this + " not ready");
        return success;
    }

    @Override
    public void await() {
        event.await();
    }

    @Override
    public void await(double timeout) {
        event.await(timeout);
    }

    @Override
    public R get() {
        await();
        return outcome();
    }

    @Override
    public R get(double timeout) {
        await(timeout);
        if (!ready()) throw new TimeoutError();
        return outcome();
    }

    @SuppressWarnings("unchecked")
    private R outcome() {
        if (success) return (R) value;
        throw Py.rethrow((Throwable) value);
    }

    /** CPython's {@code _set(i, (success, value))}. */
    @Override
    public void set(int i, boolean success, Object value) {
        this.success = success;
        this.value = value;
        finish();
    }

    /** Runs the callback or error callback with the stored outcome, then wakes waiters and leaves the cache. */
    @SuppressWarnings("unchecked")
    void finish() {
        try {
            if (callback != null && success) callback.call((R) value);
            if (errorCallback != null && !success) errorCallback.call((Throwable) value);
        } catch (Exception e) {
            throw Py.rethrow(e);
        }
        event.set();
        cache.remove(job);
    }

    /** {@code <multiprocessing.pool.ApplyResult object at 0x…>}. */
    @Override
    public String toString() {
        return "<multiprocessing.pool." + getClass().getSimpleName() + " object at " + Py.addressOf(this) + ">";
    }
}
