package dev.pyconcurrent.futures;


/** Python's {@code concurrent.futures.InvalidStateError}: {@link Future#setResult} / {@link Future#setException} on a finished or cancelled future. */
public class InvalidStateError extends FuturesError {
    private static final long serialVersionUID = 1L;

    public InvalidStateError(Object... args) {
        super(args);
    }

    @Override
    public String pyModule() {
        return "concurrent.futures._base";
    }
}
