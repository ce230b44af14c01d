package dev.pyconcurrent.builtins;

/**
 * Python's {@code Exception}: the base of all non-exiting exceptions. Renamed because
 * {@code java.lang.Exception} is always in scope; its Python name stays {@code Exception}.
 */
public class PyException extends BaseException {
    private static final long serialVersionUID = 1L;

    public PyException(Object... args) {
        super(args);
    }

    @Override
    public String pyName() {
        return getClass() == PyException.class ? "Exception" : super.pyName();
    }
}
