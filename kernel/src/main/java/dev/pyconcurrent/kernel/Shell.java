package dev.pyconcurrent.kernel;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A shell of the kernel: the main shell, or a subshell (Jupyter's JEP 91, created on the control
 * channel), with its own execution count and stop-on-error state. Its execute requests run one
 * after another, each on its cell's own thread, which answers the request itself and then starts
 * the shell's next one: a request reaches the thread that runs it in one hand-off and its reply
 * leaves in one (no shell thread in between). A subshell's requests run beside the main shell's,
 * in the same JShell session.
 *
 * <p>Invariant: at most one request of a shell is started and not yet {@linkplain #done done};
 * the others wait in arrival order. {@link #executionCount} is touched only by the thread that
 * starts the running request and by that request's threads, each hand-over passing through this
 * shell's lock or the hand-off to the cell's thread.
 */
final class Shell {
    /** The subshell's id; null for the main shell. */
    final String id;
    /** Execute requests received (I/O thread) and the last one to answer "aborted" (stop_on_error). */
    final AtomicLong received = new AtomicLong();
    volatile long abortThrough = -1;
    int executionCount;
    /** Requests received while one runs, each as the action that starts it. */
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private boolean running;

    Shell(String id) {
        this.id = id;
    }

    boolean isMain() { return id == null; }

    /** Starts a request now if none runs, else after those before it; {@code start} must lead to one {@link #done}. */
    void submit(Runnable start) {
        synchronized (this) {
            if (running) {
                waiting.add(start);
                return;
            }
            running = true;
        }
        start.run();
    }

    /** The running request has been answered: starts the next one, if any. */
    void done() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running = false;
                return;
            }
        }
        next.run();
    }
}
