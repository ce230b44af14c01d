package dev.pyconcurrent.builtins;

/** Python's {@code InterruptedError} (errno EINTR: a system call interrupted by a signal). */
public class InterruptedError extends OSError {
    private static final long serialVersionUID = 1L;

    public InterruptedError(Object... args) {
        super(args);
    }
}
