package dev.pyconcurrent.builtins;

/** Python's {@code ProcessLookupError} (errno ESRCH: a process that does not exist). */
public class ProcessLookupError extends OSError {
    private static final long serialVersionUID = 1L;

    public ProcessLookupError(Object... args) {
        super(args);
    }
}
