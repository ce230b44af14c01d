package dev.pyconcurrent.builtins;

/** Python's {@code PermissionError} (errno EACCES or EPERM: not enough access rights). */
public class PermissionError extends OSError {
    private static final long serialVersionUID = 1L;

    public PermissionError(Object... args) {
        super(args);
    }
}
