package dev.pyconcurrent.builtins;

/** Python's {@code OverflowError}: a result too large to be represented (e.g. a timeout beyond TIMEOUT_MAX). */
public class OverflowError extends ArithmeticError {
    private static final long serialVersionUID = 1L;

    public OverflowError(Object... args) {
        super(args);
    }
}
