package dev.pyconcurrent.subprocess;

import dev.pyconcurrent.builtins.ValueError;

/**
 * Python's builtin {@code UnicodeDecodeError} (a {@code ValueError}), raised when text-mode
 * output does not decode under {@code errors='strict'}. Lives here until builtins has one.
 */
public class UnicodeDecodeError extends ValueError {
    private static final long serialVersionUID = 1L;

    public UnicodeDecodeError(String message) {
        super(message);
    }
}
