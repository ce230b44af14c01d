package dev.pyconcurrent.threading;

import dev.pyconcurrent.builtins.Action0;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.ValueError;

/**
 * Python's {@code threading.Barrier}: {@code parties} threads meet in {@link #await()}; the
 * last to arrive runs the optional action, then all leave with distinct indexes
 * {@code 0..parties-1}. A timeout, {@link #abort()}, or an exception in the action breaks it
 * ({@link BrokenBarrierError} for everyone); {@link #reset()} repairs it. CPython's
 * filling/draining/resetting/broken state machine over a {@link Condition} on a {@link Lock}.
 */
public class Barrier {
    private static final int FILLING = 0;
    private static final int DRAINING = 1;
    private static final int RESETTING = -1;
    private static final int BROKEN = -2;

    private final Lock lock = new Lock();
    private final Condition cond = new Condition(lock);
    private final int parties;
    private final Action0 action;
    private final Double timeout;
    private volatile int state = FILLING;
    private volatile int count;

    /** {@code Barrier(parties)}: {@code ValueError: parties must be > 0} below 1. */
    public Barrier(int parties) {
        this(parties, null, null);
    }

    /** {@code Barrier(parties, action)}. */
    public Barrier(int parties, Action0 action) {
        this(parties, action, null);
    }

    /** {@code Barrier(parties, timeout=t)}: the default timeout of {@link #await()}. */
    public Barrier(int parties, double timeout) {
        this(parties, null, timeout);
    }

    /** {@code Barrier(parties, action, timeout)}. */
    public Barrier(int parties, Action0 action, double timeout) {
        this(parties, action, (Double) timeout);
    }

    private Barrier(int parties, Action0 action, Double timeout) {
        if (parties < 1) throw new ValueError("parties must be > 0");
        this.parties = parties;
        this.action = action;
        this.timeout = timeout;
    }

    /** {@code wait()}: with the barrier's default timeout (none unless given to the constructor). */
    public int await() {
        return doAwait(timeout);
    }

    /** {@code wait(timeout)}: {@link BrokenBarrierError} (and a broken barrier) if the others do not arrive in time. */
    public int await(double timeout) {
        return doAwait(timeout);
    }

    private int doAwait(Double timeout) {
        try (var held = cond.enter()) {
            enter();
            int index = count;
            count = index + 1;
            try {
                if (index + 1 == parties) {
                    release();
                } else {
                    waitForRelease(timeout);
                }
                return index;
            } finally {
                count = count - 1;
                exit();
            }
        }
    }

    private void enter() {
        while (state == DRAINING || state == RESETTING) cond.await();
        if (state < 0) throw new BrokenBarrierError();
    }

    private void release() {
        try {
            if (action != null) action.call();
            state = DRAINING;
            cond.signalAll();
        } catch (Throwable t) {
            breakBarrier();
            throw Py.rethrow(t);
        }
    }

    private void waitForRelease(Double timeout) {
        boolean released = timeout == null
                ? cond.awaitFor(() -> state != FILLING)
                : cond.awaitFor(() -> state != FILLING, timeout);
        if (!released) {
            breakBarrier();
            throw new BrokenBarrierError();
        }
        if (state < 0) throw new BrokenBarrierError();
    }

    private void exit() {
        if (count == 0 && (state == RESETTING || state == DRAINING)) {
            state = FILLING;
            cond.signalAll();
        }
    }

    /** {@code reset()}: back to the initial state; threads waiting now get {@link BrokenBarrierError}. */
    public void reset() {
        try (var held = cond.enter()) {
            if (count > 0) {
                if (state == FILLING || state == BROKEN) state = RESETTING;
            } else {
                state = FILLING;
            }
            cond.signalAll();
        }
    }

    /** {@code abort()}: breaks the barrier; waiting and arriving threads get {@link BrokenBarrierError}. */
    public void abort() {
        try (var held = cond.enter()) {
            breakBarrier();
        }
    }

    private void breakBarrier() {
        state = BROKEN;
        cond.signalAll();
    }

    /** {@code parties}. */
    public int parties() {
        return parties;
    }

    /** {@code n_waiting}: threads waiting in the current cycle. */
    public int nWaiting() {
        return state == FILLING ? count : 0;
    }

    /** {@code broken}. */
    public boolean broken() {
        return state == BROKEN;
    }

    /** {@code <threading.Barrier at 0x…: waiters=0/3>}, or {@code …: broken>}. */
    @Override
    public String toString() {
        if (broken()) return "<threading.Barrier at " + Py.addressOf(this) + ": broken>";
        return "<threading.Barrier at " + Py.addressOf(this) + ": waiters=" + nWaiting() + "/" + parties + ">";
    }
}
