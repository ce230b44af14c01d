package dev.pyconcurrent.builtins;

/** Python's {@code NotImplementedError}: an abstract method that a subclass must override. */
public class NotImplementedError extends RuntimeError {
    private static final long serialVersionUID = 1L;

    public NotImplementedError(Object... args) {
        super(args);
    }
}
