package dev.pyconcurrent.builtins;

/** Python's {@code FileNotFoundError} (errno ENOENT: a file or directory that does not exist). */
public class FileNotFoundError extends OSError {
    private static final long serialVersionUID = 1L;

    public FileNotFoundError(Object... args) {
        super(args);
    }
}
