package dev.pyconcurrent.multiprocessing.dummy;

import dev.pyconcurrent.builtins.Py;

/**
 * Python's {@code multiprocessing.dummy.Value}: a plain holder of {@code value} with its
 * typecode; neither is checked, and {@code lock} is ignored, as in CPython.
 */
public class Value<T> {
    private final String typecode;
    private volatile T value;

    /** {@code Value(typecode, value)}. */
    public Value(String typecode, T value) {
        this.typecode = typecode;
        this.value = value;
    }

    /** {@code value}. */
    public T value() {
        return value;
    }

    /** {@code value = v}. */
    public void value(T v) {
        this.value = v;
    }

    /** {@code <Value('i', 5)>}. */
    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + "(" + Py.repr(typecode) + ", " + Py.repr(value) + ")>";
    }
}
