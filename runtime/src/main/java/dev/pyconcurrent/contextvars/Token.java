package dev.pyconcurrent.contextvars;

import dev.pyconcurrent.builtins.Py;

/**
 * Python's {@code contextvars.Token}: returned by {@link ContextVar#set}, it records the
 * variable's previous value so that {@link ContextVar#reset} can restore it, once, in the
 * context where it was set.
 *
 * <p>Also Python 3.14's context-manager form: {@code with var.set(x):} is
 * {@code try (var t = var.set(x)) { … }}, whose {@link #close()} resets the variable.
 */
public final class Token<T> implements AutoCloseable {
    /** {@code Token.MISSING}: the {@link #oldValue()} of a variable that had no value. */
    public static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "<Token.MISSING>";
        }
    };

    private final Context context;
    private final ContextVar<T> var;
    private final Object oldValue;
    private volatile boolean used;

    Token(Context context, ContextVar<T> var, Object oldValue) {
        this.context = context;
        this.var = var;
        this.oldValue = oldValue;
    }

    /** The variable this token belongs to. */
    public ContextVar<T> var() {
        return var;
    }

    /** The variable's value before the set, or {@link #MISSING}. */
    public Object oldValue() {
        return oldValue;
    }

    /** Python 3.14's {@code __exit__}: {@code var.reset(token)}. */
    @Override
    public void close() {
        var.reset(this);
    }

    Context context() {
        return context;
    }

    boolean used() {
        return used;
    }

    void markUsed() {
        used = true;
    }

    /** {@code <Token var=<ContextVar name='v' at 0x…> at 0x…>}, with {@code used} once reset. */
    @Override
    public String toString() {
        return "<Token" + (used ? " used" : "") + " var=" + var + " at " + Py.addressOf(this) + ">";
    }
}
