package dev.pyconcurrent.kernel;

import dev.pyconcurrent.builtins.KeyboardInterrupt;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where an interrupted cell's code stops, on any JDK (Thread.stop is gone on 20+). The kernel
 * weaves a call to {@link #reach()} into every snippet class ({@link SnippetWeaver}): at each
 * method entry and before each backward branch, so a busy loop or a runaway recursion of the
 * cell's code passes one every few instructions.
 *
 * <p>Invariants: a thread reaching a stop point throws {@code KeyboardInterrupt} exactly when its
 * thread group, or an ancestor of it, is {@linkplain #stop stopped}; the mark stays until
 * {@link #release} (the kernel releases a cell's group once its last thread is gone), so a loop
 * that catches the exception reaches the next stop point and throws again. With no group
 * stopped, a stop point costs one volatile read.
 */
public final class StopPoints {
    private StopPoints() {}

    private static final Set<ThreadGroup> STOPPED = ConcurrentHashMap.newKeySet();
    private static volatile boolean anyStopped;

    /** The woven call: throws {@code KeyboardInterrupt} if the current thread's cell was interrupted. */
    public static void reach() {
        if (anyStopped && isStopped(java.lang.Thread.currentThread().getThreadGroup())) {
            KeyboardInterrupt k = new KeyboardInterrupt();
            StackTraceElement[] st = k.getStackTrace();
            // the traceback ends in the cell's code, as a Python traceback ends where Ctrl-C hit
            if (st.length > 1) k.setStackTrace(java.util.Arrays.copyOfRange(st, 1, st.length));
            throw k;
        }
    }

    // stop and releaseFinished are rare (an interrupt, a cell's end): one lock keeps the set and
    // the flag consistent with each other; reach() reads without it.
    static synchronized void stop(ThreadGroup group) {
        STOPPED.add(group);
        anyStopped = true;
    }

    /** Releases every stopped group that has no live thread left (the others keep their mark). */
    static synchronized void releaseFinished() {
        STOPPED.removeIf(g -> g.activeCount() == 0);
        anyStopped = !STOPPED.isEmpty();
    }

    private static boolean isStopped(ThreadGroup g) {
        for (; g != null; g = g.getParent()) {
            if (STOPPED.contains(g)) return true;
        }
        return false;
    }
}
