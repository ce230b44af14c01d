package dev.pyconcurrent.builtins;

/** Python's {@code MemoryError}: an operation ran out of memory. */
public class MemoryError extends PyException {
    private static final long serialVersionUID = 1L;

    public MemoryError(Object... args) {
        super(args);
    }
}
