package dev.pyconcurrent.builtins;

/** Python's {@code KeyError}: a mapping key not found. Its {@code str} is the key's {@code repr}. */
public class KeyError extends LookupError {
    private static final long serialVersionUID = 1L;

    public KeyError(Object... args) {
        super(args);
    }

    @Override
    public String getMessage() {
        Object[] a = rawArgs();
        return a.length == 1 ? Py.repr(a[0]) : super.getMessage();
    }
}
