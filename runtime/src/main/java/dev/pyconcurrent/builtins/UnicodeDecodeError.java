package dev.pyconcurrent.builtins;

/**
 * Python's {@code UnicodeDecodeError}, raised where bytes do not decode under
 * {@code errors='strict'}. Built from the message CPython prints
 * ({@code 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte}).
 */
public class UnicodeDecodeError extends UnicodeError {
    private static final long serialVersionUID = 1L;

    public UnicodeDecodeError(String message) {
        super(message);
    }
}
