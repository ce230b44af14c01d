package dev.pyconcurrent.builtins;

/** Python's {@code BrokenPipeError} (errno EPIPE: writing to a pipe whose other end is closed). */
public class BrokenPipeError extends ConnectionError {
    private static final long serialVersionUID = 1L;

    public BrokenPipeError(Object... args) {
        super(args);
    }
}
