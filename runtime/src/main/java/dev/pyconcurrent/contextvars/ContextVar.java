package dev.pyconcurrent.contextvars;

import dev.pyconcurrent.builtins.LookupError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.RuntimeError;
import dev.pyconcurrent.builtins.TypeError;
import dev.pyconcurrent.builtins.ValueError;

/**
 * Python's {@code contextvars.ContextVar}: a variable whose value lives in the current
 * {@link Context}, so that each thread (and each {@link Context#run}) sees its own.
 *
 * <p>Final, as CPython's type is not an acceptable base type; compared and hashed by identity.
 *
 * @param <T> the value's type
 */
public final class ContextVar<T> {
    private static final Object NO_DEFAULT = new Object();
    private final String name;
    private final Object defaultValue;

    /** {@code ContextVar(name)}: without a default, {@link #get()} raises {@link LookupError} while unset. */
    public ContextVar(String name) {
        this(name, NO_DEFAULT, 0);
    }

    /** {@code ContextVar(name, default=value)}. */
    public ContextVar(String name, T defaultValue) {
        this(name, defaultValue, 0);
    }

    private ContextVar(String name, Object defaultValue, int unused) {
        if (name == null) throw new TypeError("context variable name must be a str");
        this.name = name;
        this.defaultValue = defaultValue;
    }

    /** The variable's name (read-only). */
    public String name() {
        return name;
    }

    /**
     * The value in the current context, else the variable's default.
     *
     * @throws LookupError (its str is this variable's repr) if neither exists
     */
    @SuppressWarnings("unchecked")
    public T get() {
        Object value = Context.current().lookup(this);
        if (value != Context.ABSENT) return (T) value;
        if (defaultValue != NO_DEFAULT) return (T) defaultValue;
        throw new LookupError(this);
    }

    /** {@code get(default)}: the value in the current context, else {@code defaultValue} (before the variable's own default). */
    @SuppressWarnings("unchecked")
    public T get(T defaultValue) {
        Object value = Context.current().lookup(this);
        return value != Context.ABSENT ? (T) value : defaultValue;
    }

    /** Sets the value in the current context; the {@link Token} restores the previous one through {@link #reset}. */
    public Token<T> set(T value) {
        Context ctx = Context.current();
        Object old = ctx.lookup(this);
        ctx.put(this, value);
        return new Token<>(ctx, this, old == Context.ABSENT ? Token.MISSING : old);
    }

    /**
     * Restores the value the variable had before the {@link #set} that returned {@code token}
     * (removing it from the context if it had none).
     *
     * @throws RuntimeError {@code <Token used var=…> has already been used once}
     * @throws ValueError {@code <Token var=…> was created by a different ContextVar} /
     *         {@code … was created in a different Context}
     * @throws TypeError {@code expected an instance of Token, got None}
     */
    public void reset(Token<?> token) {
        if (token == null) throw new TypeError("expected an instance of Token, got None");
        if (token.used()) throw new RuntimeError(token + " has already been used once");
        if (token.var() != this) throw new ValueError(token + " was created by a different ContextVar");
        Context ctx = Context.current();
        if (token.context() != ctx) throw new ValueError(token + " was created in a different Context");
        token.markUsed();
        Object old = token.oldValue();
        if (old == Token.MISSING) ctx.remove(this);
        else ctx.put(this, old);
    }

    /** {@code <ContextVar name='v' default=1 at 0x…>} (no {@code default=} part without a default). */
    @Override
    public String toString() {
        return "<ContextVar name=" + Py.reprString(name) + (defaultValue == NO_DEFAULT ? "" : " default=" + Py.repr(defaultValue))
                + " at " + Py.addressOf(this) + ">";
    }
}
