package dev.pyconcurrent.futures;


/** Python's {@code concurrent.futures.CancelledError}: the future was cancelled ({@link Future#result()} / {@link Future#exception()} of a cancelled future). */
public class CancelledError extends FuturesError {
    private static final long serialVersionUID = 1L;

    public CancelledError(Object... args) {
        super(args);
    }

    @Override
    public String pyModule() {
        return "concurrent.futures._base";
    }
}
