package dev.pyconcurrent.builtins;

/** Python's {@code IndexError}: a sequence index out of range. */
public class IndexError extends LookupError {
    private static final long serialVersionUID = 1L;

    public IndexError(Object... args) {
        super(args);
    }
}
