package dev.pyconcurrent.builtins;

import java.util.Arrays;

/**
 * Python's {@code BaseException}: the root of every exception pyconcurrent raises.
 *
 * <p>Invariants, as in CPython: {@link #args()} is the tuple the exception was built with;
 * {@link #getMessage()} is {@code str(e)} (empty for no arguments, {@code str(arg)} for one,
 * the tuple's {@code str} for more); {@link #toString()} is {@code repr(e)}, e.g.
 * {@code ValueError('boom')}. The Python type name is the Java simple name, except where a
 * subclass overrides {@link #pyName()} (e.g. {@link PyException} is Python's {@code Exception}).
 * Unchecked, so that it propagates through lambdas as a Python exception does.
 */
public class BaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Object[] args;

    public BaseException(Object... args) {
        super();
        this.args = args == null ? new Object[] {null} : args.clone();
    }

    /** The positional arguments, Python's {@code e.args}. */
    public Tuple args() {
        return Tuple.of(args);
    }

    /** Python's {@code type(e).__name__}. */
    public String pyName() {
        return getClass().getSimpleName();
    }

    /** Python's {@code type(e).__module__}: {@code builtins} unless a module's exception says otherwise. */
    public String pyModule() {
        return "builtins";
    }

    /** Python's {@code str(e)}. */
    @Override
    public String getMessage() {
        return switch (args.length) {
            case 0 -> "";
            case 1 -> Py.str(args[0]);
            default -> Py.str(args());
        };
    }

    /** Python's {@code repr(e)}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(pyName()).append('(');
        for (int i = 0; i < args.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(Py.repr(args[i]));
        }
        return sb.append(')').toString();
    }

    /** Python's {@code raise self from cause}: sets {@code __cause__} and returns this. */
    public BaseException from(Throwable cause) {
        initCause(cause);
        return this;
    }

    Object[] rawArgs() {
        return Arrays.copyOf(args, args.length);
    }
}
