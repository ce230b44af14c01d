package dev.pyconcurrent.multiprocessing.synchronize;

import dev.pyconcurrent.builtins.Action0;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.multiprocessing.sharedmemory.ResourceTracker;
import dev.pyconcurrent.multiprocessing.sharedmemory.SharedMemory;
import dev.pyconcurrent.threading.BrokenBarrierError;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@code multiprocessing.Barrier(parties, action=None, timeout=None)}: {@code threading.Barrier}'s
 * state machine (filling, draining, resetting, broken) with its state and count in shared
 * memory and a shared {@link Condition}, so parties may be threads of several processes. The
 * action must be serializable to cross processes ({@link Action0} lambdas are). Errors are
 * {@code threading.BrokenBarrierError}, as in CPython.
 */
public class Barrier implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final int FILLING = 0, DRAINING = 1, RESETTING = -1, BROKEN = -2;
    private static final int STATE = 0, COUNT = 4;

    private final int parties;
    private final Action0 action;
    private final Double timeout;
    private final Condition cond = new Condition();
    private final SharedMemory shm = ResourceTracker.createPrivate(this, 8);
    private transient ByteBuffer mem = shm.buf();

    public Barrier(int parties) {
        this(parties, null, null);
    }

    public Barrier(int parties, Action0 action) {
        this(parties, action, null);
    }

    public Barrier(int parties, double timeout) {
        this(parties, null, timeout);
    }

    public Barrier(int parties, Action0 action, double timeout) {
        this(parties, action, (Double) timeout);
    }

    private Barrier(int parties, Action0 action, Double timeout) {
        this.parties = parties;
        this.action = action;
        this.timeout = timeout;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        mem = shm.buf();
    }

    private int state() {
        return (int) INT.getVolatile(mem, STATE);
    }

    private void state(int s) {
        INT.setVolatile(mem, STATE, s);
    }

    private int count() {
        return (int) INT.getVolatile(mem, COUNT);
    }

    private void count(int c) {
        INT.setVolatile(mem, COUNT, c);
    }

    /** {@code wait()}: this party's index; with the barrier's default timeout, if any. */
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
            int index = count();
            count(index + 1);
            try {
                if (index + 1 == parties) release();
                else waitForRelease(timeout);
                return index;
            } finally {
                count(count() - 1);
                exit();
            }
        }
    }

    private void enter() {
        while (state() == DRAINING || state() == RESETTING) cond.await();
        if (state() < 0) throw new BrokenBarrierError();
    }

    private void release() {
        try {
            if (action != null) action.call();
            state(DRAINING);
            cond.signalAll();
        } catch (Throwable t) {
            breakBarrier();
            throw Py.rethrow(t);
        }
    }

    private void waitForRelease(Double timeout) {
        boolean released = timeout == null
                ? cond.awaitFor(() -> state() != FILLING)
                : cond.awaitFor(() -> state() != FILLING, timeout);
        if (!released) {
            breakBarrier();
            throw new BrokenBarrierError();
        }
        if (state() < 0) throw new BrokenBarrierError();
    }

    private void exit() {
        if (count() == 0 && (state() == RESETTING || state() == DRAINING)) {
            state(FILLING);
            cond.signalAll();
        }
    }

    /** {@code reset()}: back to the initial state; parties waiting now get {@link BrokenBarrierError}. */
    public void reset() {
        try (var held = cond.enter()) {
            if (count() > 0) {
                if (state() == FILLING || state() == BROKEN) state(RESETTING);
            } else {
                state(FILLING);
            }
            cond.signalAll();
        }
    }

    /** {@code abort()}: breaks the barrier for waiting and arriving parties. */
    public void abort() {
        try (var held = cond.enter()) {
            breakBarrier();
        }
    }

    private void breakBarrier() {
        state(BROKEN);
        cond.signalAll();
    }

    public int parties() {
        return parties;
    }

    /** {@code n_waiting}. */
    public int nWaiting() {
        return state() == FILLING ? count() : 0;
    }

    public boolean broken() {
        return state() == BROKEN;
    }

    /** {@code <multiprocessing.synchronize.Barrier at 0x…: waiters=0/2>} or {@code …: broken>}. */
    @Override
    public String toString() {
        String at = "<multiprocessing.synchronize.Barrier at " + Py.addressOf(this);
        return broken() ? at + ": broken>" : at + ": waiters=" + nWaiting() + "/" + parties + ">";
    }
}
