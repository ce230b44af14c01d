package dev.pyconcurrent.multiprocessing.pool;

import dev.pyconcurrent.builtins.PyException;

/**
 * Stand-in for {@code multiprocessing.TimeoutError} (module {@code multiprocessing.context})
 * until the multiprocessing core package lands on main: same Python name, module and empty
 * message. {@link #error()} is the one place that raises it, to be replaced by the core's class.
 */
final class Timeout extends PyException {
    private static final long serialVersionUID = 1L;

    private Timeout() {
        super();
    }

    @Override
    public String pyName() {
        return "TimeoutError";
    }

    @Override
    public String pyModule() {
        return "multiprocessing.context";
    }

    /** {@code raise TimeoutError}. */
    static RuntimeException error() {
        return new Timeout();
    }
}
