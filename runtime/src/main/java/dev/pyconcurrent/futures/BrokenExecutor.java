package dev.pyconcurrent.futures;

import dev.pyconcurrent.builtins.RuntimeError;

/** Python's {@code concurrent.futures.BrokenExecutor} (a {@code RuntimeError}): the executor became unusable after a severe failure. */
public class BrokenExecutor extends RuntimeError {
    private static final long serialVersionUID = 1L;

    public BrokenExecutor(Object... args) {
        super(args);
    }

    @Override
    public String pyModule() {
        return "concurrent.futures._base";
    }
}
