package dev.pyconcurrent.builtins;

/** Python's {@code EOFError}: input hit end-of-file without reading any data. */
public class EOFError extends PyException {
    private static final long serialVersionUID = 1L;

    public EOFError(Object... args) {
        super(args);
    }
}
