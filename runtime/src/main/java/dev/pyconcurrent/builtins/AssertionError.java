package dev.pyconcurrent.builtins;

/**
 * Python's {@code AssertionError} (raised by multiprocessing's state checks). A single-type
 * import of it shadows {@code java.lang.AssertionError}, as Python code would expect.
 */
public class AssertionError extends PyException {
    private static final long serialVersionUID = 1L;

    public AssertionError(Object... args) {
        super(args);
    }
}
