package dev.pyconcurrent.builtins;

/** Python's {@code FileExistsError} (errno EEXIST: creating a file or directory that exists). */
public class FileExistsError extends OSError {
    private static final long serialVersionUID = 1L;

    public FileExistsError(Object... args) {
        super(args);
    }
}
