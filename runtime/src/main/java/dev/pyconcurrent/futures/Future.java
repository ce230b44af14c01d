package dev.pyconcurrent.futures;

import dev.pyconcurrent.builtins.Action1;
import dev.pyconcurrent.builtins.BaseException;
import dev.pyconcurrent.builtins.KeyboardInterrupt;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.PyException;
import dev.pyconcurrent.builtins.RuntimeError;
import dev.pyconcurrent.builtins.TimeoutError;
import dev.pyconcurrent.builtins.Traceback;
import dev.pyconcurrent.time.Timeout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Python's {@code concurrent.futures.Future}: the result of an asynchronous call.
 *
 * <p>States and transitions are CPython's: PENDING → RUNNING (by
 * {@link #setRunningOrNotifyCancel()}) → FINISHED (by {@link #setResult} /
 * {@link #setException}); PENDING → CANCELLED (by {@link #cancel()}) → CANCELLED_AND_NOTIFIED
 * (when the executor, or whoever owns the future, calls {@link #setRunningOrNotifyCancel()}).
 * Each future has its own lock and condition (CPython's {@code _condition}), on which
 * {@link #result(double)} and {@link #exception(double)} wait; the waiters of
 * {@link Futures#wait} and {@link Futures#asCompleted} are registered on it and told of every
 * transition, as in CPython. A finished future's result is read without taking the lock.
 *
 * <p>Executors create futures; a {@code new Future<>()} is for tests and for code that
 * completes futures itself, as in Python.
 */
public class Future<R> {
    static final int PENDING = 0, RUNNING = 1, CANCELLED = 2, CANCELLED_AND_NOTIFIED = 3, FINISHED = 4;
    private static final String[] STATE_NAMES = {"PENDING", "RUNNING", "CANCELLED", "CANCELLED_AND_NOTIFIED", "FINISHED"};
    private static final String[] DESCRIPTIONS = {"pending", "running", "cancelled", "cancelled", "finished"};
    private static final AtomicLong SEQUENCE = new AtomicLong();

    /** A total order for taking several futures' locks at once (CPython sorts by {@code id}). */
    final long sequence = SEQUENCE.incrementAndGet();
    final ReentrantLock lock = new ReentrantLock();
    private final Condition condition = lock.newCondition();
    volatile int state = PENDING;
    private R result;
    private Throwable exception;
    /** Guarded by {@link #lock}. */
    final List<Waiter> waiters = new ArrayList<>(0);
    private List<Action1<? super Future<R>>> doneCallbacks;

    /** {@code Future()}: a pending future. */
    public Future() {}

    static boolean isDone(int state) {
        return state >= CANCELLED;
    }

    static boolean isCancelled(int state) {
        return state == CANCELLED || state == CANCELLED_AND_NOTIFIED;
    }

    // ------------------------------------------------------------------ queries

    /** {@code cancelled()}: whether the future was cancelled. */
    public boolean cancelled() {
        return isCancelled(state);
    }

    /** {@code running()}: whether the call is running (and so cannot be cancelled). */
    public boolean running() {
        return state == RUNNING;
    }

    /** {@code done()}: whether the future was cancelled or finished. */
    public boolean done() {
        return isDone(state);
    }

    // ------------------------------------------------------------------ cancel

    /**
     * {@code cancel()}: cancels a pending future and returns {@code true}; {@code false} for a
     * running or finished one; {@code true} again for a cancelled one. Callbacks run in the
     * calling thread.
     */
    public boolean cancel() {
        lock.lock();
        try {
            int s = state;
            if (s == RUNNING || s == FINISHED) return false;
            if (isCancelled(s)) return true;
            state = CANCELLED;
            condition.signalAll();
        } finally {
            lock.unlock();
        }
        invokeCallbacks();
        return true;
    }

    // ------------------------------------------------------------------ results

    /**
     * {@code result()}: waits for the call and returns its value, or raises the exception it
     * raised (the same exception object); {@link CancelledError} for a cancelled future.
     */
    public R result() {
        return result(-1, true);
    }

    /** {@code result(timeout)}: as {@link #result()}, builtins {@code TimeoutError} if not done in {@code timeout} seconds. */
    public R result(double timeout) {
        return result(timeout, false);
    }

    private R result(double timeout, boolean forever) {
        if (state != FINISHED) awaitFinished(timeout, forever);
        return finishedResult();
    }

    private R finishedResult() {
        Throwable e = exception;
        if (e != null) throw Py.rethrow(e);
        return result;
    }

    /**
     * {@code exception()}: waits for the call and returns the exception it raised, {@code null}
     * if it returned; {@link CancelledError} for a cancelled future.
     */
    public Throwable exception() {
        return exception(-1, true);
    }

    /** {@code exception(timeout)}: as {@link #exception()}, builtins {@code TimeoutError} if not done in {@code timeout} seconds. */
    public Throwable exception(double timeout) {
        return exception(timeout, false);
    }

    private Throwable exception(double timeout, boolean forever) {
        if (state != FINISHED) awaitFinished(timeout, forever);
        return exception;
    }

    /** What result() and exception() share: {@link CancelledError} when cancelled, {@code TimeoutError} when not finished after the wait. */
    private void awaitFinished(double timeout, boolean forever) {
        awaitDone(timeout, forever);
        int s = state;
        if (isCancelled(s)) throw new CancelledError();
        if (s != FINISHED) throw new TimeoutError();
    }

    /** CPython's single {@code self._condition.wait(timeout)} (looped over spurious wake-ups). */
    private void awaitDone(double timeout, boolean forever) {
        if (isDone(state)) return;
        if (spinUntilDone()) return;
        long nanos = forever ? Long.MAX_VALUE : Timeout.waitNanos(timeout);
        lock.lock();
        try {
            if (forever) {
                while (!isDone(state)) condition.await();
            } else {
                while (!isDone(state) && nanos > 0) nanos = condition.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            throw KeyboardInterrupt.interrupted(e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Busy-wait iterations before a waiting thread parks ({@code -Dpyconcurrent.futures.spins=N},
     * default 0): on an idle multi-core machine a few hundred let a waiter see a call that
     * ends within microseconds without a wake-up; on a loaded one they only burn CPU.
     */
    static final int SPINS = Integer.getInteger("pyconcurrent.futures.spins", 0);

    private boolean spinUntilDone() {
        for (int i = 0; i < SPINS; i++) {
            if (isDone(state)) return true;
            Thread.onSpinWait();
        }
        return false;
    }

    // ------------------------------------------------------------------ callbacks

    /**
     * {@code add_done_callback(fn)}: calls {@code fn(future)} once the future is cancelled or
     * finished, in the thread that completes it, in the order added; at once in the calling
     * thread if it is done already. An exception ({@code Exception}, not {@code BaseException})
     * raised by {@code fn} is logged to stderr as CPython's {@code concurrent.futures} logger
     * does, not raised.
     */
    public void addDoneCallback(Action1<? super Future<R>> fn) {
        lock.lock();
        try {
            if (!isDone(state)) {
                if (doneCallbacks == null) doneCallbacks = new ArrayList<>(2);
                doneCallbacks.add(fn);
                return;
            }
        } finally {
            lock.unlock();
        }
        callback(fn);
    }

    private void invokeCallbacks() {
        List<Action1<? super Future<R>>> callbacks = doneCallbacks;
        if (callbacks == null) return;
        for (Action1<? super Future<R>> fn : callbacks) callback(fn);
    }

    private void callback(Action1<? super Future<R>> fn) {
        try {
            fn.call(this);
        } catch (Throwable t) {
            if (!isPythonException(t)) throw Py.rethrow(t);
            logException("exception calling callback for " + this, t);
        }
    }

    /** Whether {@code t} is an {@code Exception} in Python's sense (what {@code except Exception} catches). */
    static boolean isPythonException(Throwable t) {
        return !(t instanceof BaseException) || t instanceof PyException;
    }

    /** {@code LOGGER.exception(msg)} / {@code critical(msg, exc_info=True)} through logging's last-resort handler: the message, then the traceback, on stderr. */
    static void logException(String message, Throwable t) {
        System.err.print(message + "\n" + Traceback.format(t));
        System.err.flush();
    }

    // ------------------------------------------------------------------ for executors

    /**
     * {@code set_running_or_notify_cancel()}: for executors, before running the call. A pending
     * future becomes RUNNING ({@code true}); a cancelled one becomes CANCELLED_AND_NOTIFIED and
     * tells its waiters ({@code false}). Otherwise logs {@code Future N in unexpected state: S}
     * and raises {@code RuntimeError: Future in unexpected state}.
     */
    public boolean setRunningOrNotifyCancel() {
        lock.lock();
        try {
            int s = state;
            if (s == CANCELLED) {
                state = CANCELLED_AND_NOTIFIED;
                for (Waiter w : waiters) w.addCancelled(this);
                return false;
            }
            if (s == PENDING) {
                state = RUNNING;
                return true;
            }
            System.err.println("Future " + System.identityHashCode(this) + " in unexpected state: " + STATE_NAMES[s]);
            System.err.flush();
            throw new RuntimeError("Future in unexpected state");
        } finally {
            lock.unlock();
        }
    }

    /** {@code set_result(result)}: finishes the future; {@code InvalidStateError: FINISHED: <Future …>} if cancelled or finished already. */
    public void setResult(R value) {
        complete(value, null);
    }

    /** {@code set_exception(exception)}: finishes the future with an exception; {@code InvalidStateError} as {@link #setResult}. */
    public void setException(Throwable exc) {
        complete(null, exc);
    }

    private void complete(R value, Throwable exc) {
        lock.lock();
        try {
            int s = state;
            if (isDone(s)) throw new InvalidStateError(STATE_NAMES[s] + ": " + this);
            result = value;
            exception = exc;
            state = FINISHED;
            if (exc == null) {
                for (Waiter w : waiters) w.addResult(this);
            } else {
                for (Waiter w : waiters) w.addException(this);
            }
            condition.signalAll();
        } finally {
            lock.unlock();
        }
        invokeCallbacks();
    }

    /** Whether no {@link Futures#wait} / {@link Futures#asCompleted} waiter is registered (for tests). */
    boolean waitersIsEmpty() {
        lock.lock();
        try {
            return waiters.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** The exception of a finished future, read under its lock by {@link Futures#wait}. */
    Throwable exceptionNow() {
        return exception;
    }

    // ------------------------------------------------------------------ repr

    /** {@code <Future at 0x… state=pending>}, {@code … state=finished returned int>}, {@code … state=finished raised ValueError>}. */
    @Override
    public String toString() {
        lock.lock();
        try {
            String head = "<" + getClass().getSimpleName() + " at " + Py.addressOf(this) + " state=" + DESCRIPTIONS[state];
            if (state == FINISHED) {
                return head + (exception != null ? " raised " + Py.typeName(exception) : " returned " + Py.typeName(result)) + ">";
            }
            return head + ">";
        } finally {
            lock.unlock();
        }
    }
}
