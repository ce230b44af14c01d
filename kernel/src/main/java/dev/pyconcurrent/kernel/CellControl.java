package dev.pyconcurrent.kernel;

import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * JShell's execution engine for the kernel: snippets run directly on the thread that calls
 * {@code JShell.eval} (the cell's thread, in the cell's thread group), and the raw value or the
 * original throwable of the last invocation is kept, so the kernel formats values with
 * {@code Py.repr} and errors with {@code Traceback} instead of JShell's Java-flavoured strings.
 */
final class CellControl extends DirectExecutionControl {
    private static final Object NO_VALUE = new Object();
    private final ThreadLocal<Object> lastValue = ThreadLocal.withInitial(() -> NO_VALUE);
    private final ThreadLocal<Throwable> lastThrown = new ThreadLocal<>();

    /** Threads running a snippet's code (not JShell's compiler); guarded by itself. */
    private final java.util.Set<java.lang.Thread> inSnippet = new java.util.HashSet<>();

    /**
     * Interrupts {@code t} only while it runs a snippet's code. Interrupting a thread inside
     * JShell's compiler would close the NIO channels javac reads the class path through
     * ({@code ClosedByInterruptException}), leaving the session unable to compile anything.
     */
    void interruptIfInSnippet(java.lang.Thread t) {
        synchronized (inSnippet) {
            if (inSnippet.contains(t)) t.interrupt();
        }
    }

    /** The session's lock ({@link Evaluator#lock}): held while JShell compiles, let go while a snippet's code runs. */
    private final java.util.concurrent.locks.ReentrantLock sessionLock;

    CellControl(SnippetLoader loader, java.util.concurrent.locks.ReentrantLock sessionLock) {
        super(loader);
        this.sessionLock = sessionLock;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        lastThrown.remove();
        lastValue.set(NO_VALUE);
        Object value;
        java.lang.Thread me = java.lang.Thread.currentThread();
        synchronized (inSnippet) {
            inSnippet.add(me);
        }
        // Another shell (a subshell, an inspect) may use JShell while this snippet's code runs or
        // hangs: JShell is not thread-safe, but its compiler is only ever entered with the lock.
        int holds = sessionLock.getHoldCount();
        for (int i = 0; i < holds; i++) sessionLock.unlock();
        try {
            value = doitMethod.invoke(null);
        } catch (InvocationTargetException e) {
            // the room the kernel needs to report it (see MemoryGuard)
            if (e.getCause() instanceof OutOfMemoryError) MemoryGuard.release();
            lastThrown.set(e.getCause());
            throw e;
        } finally {
            CellTrace.markInCell(CellTrace.Stage.INVOKED);
            for (int i = 0; i < holds; i++) sessionLock.lock();
            synchronized (inSnippet) {
                inSnippet.remove(me);
                // An interrupt the snippet did not consume must not reach JShell's compiler (see
                // interruptIfInSnippet); the cell's interrupted flag and stop mark carry it on.
                java.lang.Thread.interrupted();
            }
        }
        lastValue.set(value);
        return value == null ? "null" : "<value>";
    }

    /** Whether the last invocation on this thread produced a value (a non-void expression). */
    boolean hasValue() { return lastValue.get() != NO_VALUE; }
    Object value() { Object v = lastValue.get(); return v == NO_VALUE ? null : v; }
    Throwable thrown() { return lastThrown.get(); }

    void clear() {
        lastValue.remove();
        lastThrown.remove();
    }

    @Override
    public void stop() {
        // The kernel stops a cell through Kernel.interrupt (it knows the cell's thread group).
    }

    static final class Provider implements ExecutionControlProvider {
        private final CellControl control;
        Provider(CellControl control) { this.control = control; }
        @Override public String name() { return "pyconcurrent"; }
        @Override public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) { return control; }
    }
}
