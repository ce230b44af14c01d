package dev.pyconcurrent.threading;

import dev.pyconcurrent.builtins.RuntimeError;

/** Python's {@code threading.BrokenBarrierError} (a {@code RuntimeError}): the {@link Barrier} is, or became, broken. */
public class BrokenBarrierError extends RuntimeError {
    private static final long serialVersionUID = 1L;

    public BrokenBarrierError(Object... args) {
        super(args);
    }

    @Override
    public String pyModule() {
        return "threading";
    }
}
