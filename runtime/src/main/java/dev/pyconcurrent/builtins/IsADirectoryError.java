package dev.pyconcurrent.builtins;

/** Python's {@code IsADirectoryError} (errno EISDIR: a file operation on a directory). */
public class IsADirectoryError extends OSError {
    private static final long serialVersionUID = 1L;

    public IsADirectoryError(Object... args) {
        super(args);
    }
}
