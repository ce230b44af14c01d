package dev.pyconcurrent.builtins;

/** Python's {@code NotADirectoryError} (errno ENOTDIR: a directory operation on a non-directory). */
public class NotADirectoryError extends OSError {
    private static final long serialVersionUID = 1L;

    public NotADirectoryError(Object... args) {
        super(args);
    }
}
