package dev.pyconcurrent.builtins;

/** Python's {@code TypeError}: an operation applied to an object of inappropriate type. */
public class TypeError extends PyException {
    private static final long serialVersionUID = 1L;

    public TypeError(Object... args) {
        super(args);
    }
}
