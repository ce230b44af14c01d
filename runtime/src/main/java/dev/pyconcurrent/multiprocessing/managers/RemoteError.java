package dev.pyconcurrent.multiprocessing.managers;

import dev.pyconcurrent.builtins.PyException;

/**
 * {@code multiprocessing.managers.RemoteError}: a failure in the manager's server that is not
 * the shared object's own exception (an unknown method, a result that cannot be sent back);
 * its {@code str} is the server's traceback between two lines of dashes.
 */
public class RemoteError extends PyException {
    private static final long serialVersionUID = 1L;

    public RemoteError(String traceback) {
        super(traceback);
    }

    @Override
    public String pyModule() {
        return "multiprocessing.managers";
    }

    @Override
    public String getMessage() {
        String rule = "-".repeat(75);
        return "\n" + rule + "\n" + args().get(0) + rule;
    }

    /** The remote traceback stands for the stack: no Java frames of its own. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
