package dev.pyconcurrent.contextvars;

/** Python's {@code contextvars} module functions. */
public final class Contextvars {
    private Contextvars() {}

    /** {@code contextvars.copy_context()}: a copy of the current thread's current {@link Context}. */
    public static Context copyContext() {
        return Context.current().copy();
    }
}
