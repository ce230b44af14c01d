package dev.pyconcurrent.builtins;

/** Python's {@code ConnectionResetError} (errno ECONNRESET). */
public class ConnectionResetError extends ConnectionError {
    private static final long serialVersionUID = 1L;

    public ConnectionResetError(Object... args) {
        super(args);
    }
}
