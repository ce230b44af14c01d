package dev.pyconcurrent.multiprocessing.managers;

/** CPython's {@code ValueProxy} ({@code manager.Value(typecode, value)}): {@code get}/{@code set} and the {@code value} property. */
public class ValueProxy<T> extends BaseProxy {
    private static final long serialVersionUID = 1L;

    protected ValueProxy() {}

    /** {@code get()}. */
    public T get() {
        return callmethod("get");
    }

    /** {@code set(value)}. */
    public void set(T value) {
        callmethod("set", value);
    }

    /** {@code value}. */
    public T value() {
        return get();
    }

    /** {@code value = v}. */
    public void value(T v) {
        set(v);
    }
}
