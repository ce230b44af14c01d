package dev.pyconcurrent.multiprocessing.pool;

import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.PyException;

/**
 * Python's {@code multiprocessing.pool.MaybeEncodingError}: a worker's result could not be sent
 * back (not serializable): {@code Error sending result: '<repr of value>'. Reason: '<repr of error>'}.
 */
public class MaybeEncodingError extends PyException {
    private static final long serialVersionUID = 1L;
    private final String exc;
    private final String value;

    public MaybeEncodingError(Throwable exc, Object value) {
        this(Py.repr(exc), Py.repr(value));
    }

    private MaybeEncodingError(String exc, String value) {
        super(exc, value);
        this.exc = exc;
        this.value = value;
    }

    @Override
    public String getMessage() {
        return "Error sending result: '" + value + "'. Reason: '" + exc + "'";
    }

    @Override
    public String toString() {
        return "<MaybeEncodingError: " + getMessage() + ">";
    }

    @Override
    public String pyModule() {
        return "multiprocessing.pool";
    }
}
