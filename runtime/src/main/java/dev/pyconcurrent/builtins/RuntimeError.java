package dev.pyconcurrent.builtins;

/** Python's {@code RuntimeError}: an error that fits no other category. */
public class RuntimeError extends PyException {
    private static final long serialVersionUID = 1L;

    public RuntimeError(Object... args) {
        super(args);
    }
}
