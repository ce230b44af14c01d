package dev.pyconcurrent.builtins;

/** Python's {@code ConnectionAbortedError} (errno ECONNABORTED). */
public class ConnectionAbortedError extends ConnectionError {
    private static final long serialVersionUID = 1L;

    public ConnectionAbortedError(Object... args) {
        super(args);
    }
}
