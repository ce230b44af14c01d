package dev.pyconcurrent.builtins;

/** Python's {@code UnicodeError}: a Unicode-related encoding or decoding error. */
public class UnicodeError extends ValueError {
    private static final long serialVersionUID = 1L;

    public UnicodeError(Object... args) {
        super(args);
    }
}
