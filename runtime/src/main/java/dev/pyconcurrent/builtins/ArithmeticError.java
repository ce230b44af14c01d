package dev.pyconcurrent.builtins;

/** Python's {@code ArithmeticError}: base of arithmetic errors. */
public class ArithmeticError extends PyException {
    private static final long serialVersionUID = 1L;

    public ArithmeticError(Object... args) {
        super(args);
    }
}
