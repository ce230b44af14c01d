package dev.pyconcurrent.multiprocessing.managers;

import dev.pyconcurrent.builtins.Py;

/**
 * {@code multiprocessing.managers.Value}: what {@code manager.Value(typecode, value)} holds in
 * the server, a plain holder (no shared memory, no check of the typecode); repr
 * {@code Value('i', 5)}.
 */
public class Value<T> {
    private final String typecode;
    private volatile T value;

    public Value(String typecode, T value) {
        this.typecode = typecode;
        this.value = value;
    }

    public T get() {
        return value;
    }

    public void set(T value) {
        this.value = value;
    }

    @Override
    public String toString() {
        return "Value(" + Py.repr(typecode) + ", " + Py.repr(value) + ")";
    }
}
