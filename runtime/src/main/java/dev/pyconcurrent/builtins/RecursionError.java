package dev.pyconcurrent.builtins;

/** Python's {@code RecursionError}: the maximum recursion depth (the Java stack) was exceeded. */
public class RecursionError extends RuntimeError {
    private static final long serialVersionUID = 1L;

    public RecursionError(Object... args) {
        super(args);
    }
}
