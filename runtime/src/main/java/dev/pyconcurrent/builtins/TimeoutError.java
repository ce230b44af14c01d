package dev.pyconcurrent.builtins;

/** Python's {@code TimeoutError} (errno ETIMEDOUT; also what concurrent.futures raises on a timeout, as in CPython 3.11+). */
public class TimeoutError extends OSError {
    private static final long serialVersionUID = 1L;

    public TimeoutError(Object... args) {
        super(args);
    }
}
