package dev.pyconcurrent.builtins;

/** Python's {@code ConnectionError} (base of connection-related errors). */
public class ConnectionError extends OSError {
    private static final long serialVersionUID = 1L;

    public ConnectionError(Object... args) {
        super(args);
    }
}
