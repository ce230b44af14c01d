package dev.pyconcurrent.builtins;

/** Python's {@code ValueError}: an argument with the right type but an inappropriate value. */
public class ValueError extends PyException {
    private static final long serialVersionUID = 1L;

    public ValueError(Object... args) {
        super(args);
    }
}
