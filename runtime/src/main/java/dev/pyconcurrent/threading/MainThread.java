package dev.pyconcurrent.threading;

import dev.pyconcurrent.builtins.KeyboardInterrupt;
import dev.pyconcurrent.builtins.RuntimeError;
import dev.pyconcurrent.time.Timeout;

/**
 * CPython's {@code _MainThread}: the thread Python calls {@code MainThread}. By default the
 * JVM's {@code main} thread; {@link Threading#setMainThread} rebinds it (the kernel designates
 * the thread that runs cells).
 */
final class MainThread extends Thread {
    MainThread(java.lang.Thread running) {
        super("MainThread", false, running);
    }

    /** Points this object at another Java thread; its native id is read when that thread first asks. */
    void rebind(java.lang.Thread running) {
        jthread = running;
        ident = running.getId();
        nativeId = null;
    }

    /** Called in the main thread: records its native id, which only that thread can read. */
    void captureNativeId() {
        if (nativeId == null) nativeId = Threading.getNativeId();
    }

    @Override
    public void join() {
        checkJoinable();
        try {
            jthread.join();
        } catch (InterruptedException e) {
            throw KeyboardInterrupt.interrupted(e);
        }
    }

    @Override
    public void join(double timeout) {
        checkJoinable();
        long nanos = Timeout.nanos(timeout < 0 ? 0 : timeout);
        try {
            if (nanos > 0) jthread.join(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            throw KeyboardInterrupt.interrupted(e);
        }
    }

    @Override
    public boolean isAlive() {
        return jthread.isAlive();
    }

    @Override
    boolean isStopped() {
        return !jthread.isAlive();
    }

    @Override
    public void start() {
        throw new RuntimeError("threads can only be started once");
    }

    @Override
    String typeName() {
        return "_MainThread";
    }
}
