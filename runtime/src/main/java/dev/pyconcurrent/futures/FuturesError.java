package dev.pyconcurrent.futures;

import dev.pyconcurrent.builtins.PyException;

/** Python's {@code concurrent.futures._base.Error}: the base of the future-related exceptions (renamed in Java so that it does not shadow {@code java.lang.Error}). */
public class FuturesError extends PyException {
    private static final long serialVersionUID = 1L;

    public FuturesError(Object... args) {
        super(args);
    }

    @Override
    public String pyModule() {
        return "concurrent.futures._base";
    }

    @Override
    public String pyName() {
        return getClass() == FuturesError.class ? "Error" : super.pyName();
    }
}
