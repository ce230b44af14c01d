package dev.pyconcurrent.builtins;

/** Python's {@code AttributeError}: an attribute reference or assignment failed. */
public class AttributeError extends PyException {
    private static final long serialVersionUID = 1L;

    public AttributeError(Object... args) {
        super(args);
    }
}
