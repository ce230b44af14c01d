package dev.pyconcurrent.builtins;

/** Python's {@code SystemExit}; {@link #code()} is the exit status or message ({@code None} for none). */
public class SystemExit extends BaseException {
    private static final long serialVersionUID = 1L;

    public SystemExit(Object... args) {
        super(args);
    }

    /** Python's {@code e.code}: None, the single argument, or the args tuple. */
    public Object code() {
        Object[] a = rawArgs();
        return switch (a.length) {
            case 0 -> null;
            case 1 -> a[0];
            default -> args();
        };
    }
}
