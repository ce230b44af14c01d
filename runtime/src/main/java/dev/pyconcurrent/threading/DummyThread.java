package dev.pyconcurrent.threading;

import dev.pyconcurrent.builtins.RuntimeError;

/**
 * CPython's {@code _DummyThread}: stands for a Java thread not started through {@link Thread}
 * (a pool's worker, a JDK thread) once it asks for {@link Threading#currentThread()}. Named
 * {@code Dummy-N} from the shared counter, daemonic, not joinable.
 */
final class DummyThread extends Thread {
    DummyThread(java.lang.Thread running) {
        super("Dummy-" + Threading.nextNumber(), true, running);
    }

    /** CPython 3.13: {@code True} while the thread runs, else {@code RuntimeError: thread is not alive}. */
    @Override
    public boolean isAlive() {
        if (jthread.isAlive()) return true;
        throw new RuntimeError("thread is not alive");
    }

    @Override
    boolean isStopped() {
        return !jthread.isAlive();
    }

    @Override
    public void join() {
        throw new RuntimeError("cannot join a dummy thread");
    }

    @Override
    public void join(double timeout) {
        throw new RuntimeError("cannot join a dummy thread");
    }

    @Override
    public void start() {
        throw new RuntimeError("threads can only be started once");
    }

    @Override
    String typeName() {
        return "_DummyThread";
    }
}
