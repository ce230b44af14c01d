package dev.pyconcurrent.builtins;

/** Python's {@code LookupError}: base of the errors raised when a key or index is invalid. */
public class LookupError extends PyException {
    private static final long serialVersionUID = 1L;

    public LookupError(Object... args) {
        super(args);
    }
}
