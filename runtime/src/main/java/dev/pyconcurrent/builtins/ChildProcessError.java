package dev.pyconcurrent.builtins;

/** Python's {@code ChildProcessError} (errno ECHILD: an operation on a child process failed). */
public class ChildProcessError extends OSError {
    private static final long serialVersionUID = 1L;

    public ChildProcessError(Object... args) {
        super(args);
    }
}
