package dev.pyconcurrent.builtins;

/** Python's {@code ConnectionRefusedError} (errno ECONNREFUSED). */
public class ConnectionRefusedError extends ConnectionError {
    private static final long serialVersionUID = 1L;

    public ConnectionRefusedError(Object... args) {
        super(args);
    }
}
