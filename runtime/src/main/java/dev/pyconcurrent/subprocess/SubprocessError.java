package dev.pyconcurrent.subprocess;

import dev.pyconcurrent.builtins.PyException;

/** Python's {@code subprocess.SubprocessError}: the base of this module's own exceptions. */
public class SubprocessError extends PyException {
    private static final long serialVersionUID = 1L;

    public SubprocessError(Object... args) {
        super(args);
    }

    @Override
    public String pyModule() {
        return "subprocess";
    }
}
