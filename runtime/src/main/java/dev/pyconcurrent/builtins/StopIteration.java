package dev.pyconcurrent.builtins;

/** Python's {@code StopIteration}: an iterator has no further items. */
public class StopIteration extends PyException {
    private static final long serialVersionUID = 1L;

    public StopIteration(Object... args) {
        super(args);
    }
}
