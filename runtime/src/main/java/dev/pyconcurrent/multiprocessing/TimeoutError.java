package dev.pyconcurrent.multiprocessing;

/** {@code multiprocessing.TimeoutError}: a timeout ran out (not the builtin {@code TimeoutError}, as in CPython). */
public class TimeoutError extends ProcessError {
    private static final long serialVersionUID = 1L;

    public TimeoutError(Object... args) {
        super(args);
    }
}
