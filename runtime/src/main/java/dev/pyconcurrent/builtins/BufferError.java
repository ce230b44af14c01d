package dev.pyconcurrent.builtins;

/** Python's {@code BufferError}: a buffer operation could not be performed. */
public class BufferError extends PyException {
    private static final long serialVersionUID = 1L;

    public BufferError(Object... args) {
        super(args);
    }
}
