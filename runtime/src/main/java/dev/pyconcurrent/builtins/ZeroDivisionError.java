package dev.pyconcurrent.builtins;

/** Python's {@code ZeroDivisionError}: division or modulo by zero. */
public class ZeroDivisionError extends ArithmeticError {
    private static final long serialVersionUID = 1L;

    public ZeroDivisionError(Object... args) {
        super(args);
    }
}
