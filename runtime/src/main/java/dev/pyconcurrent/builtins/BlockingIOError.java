package dev.pyconcurrent.builtins;

/** Python's {@code BlockingIOError} (errno EAGAIN: an operation would block). */
public class BlockingIOError extends OSError {
    private static final long serialVersionUID = 1L;

    public BlockingIOError(Object... args) {
        super(args);
    }
}
