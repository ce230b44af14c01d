package dev.pyconcurrent.kernel;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A shell of the kernel: the main shell, or a subshell (Jupyter's JEP 91, created on the control
 * channel). Each has its own thread, on which its execute requests run one after another (a
 * subshell's beside the main shell's, in the same JShell session), its own execution count and
 * its own stop-on-error state.
 */
final class Shell {
    /** The subshell's id; null for the main shell. */
    final String id;
    final ExecutorService thread;
    /** Execute requests received (I/O thread) and the last one to answer "aborted" (stop_on_error). */
    final AtomicLong received = new AtomicLong();
    volatile long abortThrough = -1;
    /** Only read and written on {@link #thread}. */
    int executionCount;

    Shell(String id) {
        this.id = id;
        String name = id == null ? "pyconcurrent-exec" : "pyconcurrent-subshell-" + id;
        this.thread = Executors.newSingleThreadExecutor(r -> Kernel.daemon(r, name));
    }

    boolean isMain() { return id == null; }
}
