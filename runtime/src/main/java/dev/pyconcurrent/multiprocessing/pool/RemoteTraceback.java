package dev.pyconcurrent.multiprocessing.pool;

import dev.pyconcurrent.builtins.PyException;

/**
 * Python's {@code multiprocessing.pool.RemoteTraceback}: the cause attached to a task's
 * exception raised again in the parent; {@code str()} is the worker's formatted traceback
 * between {@code """} lines.
 */
public class RemoteTraceback extends PyException {
    private static final long serialVersionUID = 1L;
    private final String tb;

    public RemoteTraceback(String tb) {
        super(tb);
        this.tb = tb;
    }

    /** {@code tb}: the traceback text. */
    public String tb() {
        return tb;
    }

    @Override
    public String pyModule() {
        return "multiprocessing.pool";
    }

    /** No Java stack of its own: it stands for the remote one. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
