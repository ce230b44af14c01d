package dev.pyconcurrent.multiprocessing.managers;

/**
 * CPython's {@code ArrayProxy} ({@code manager.Array(typecode, sequence)}, an
 * {@code array.array} in the server): {@code len(a)}, {@code a[i]}, {@code a[i] = x}, with
 * Python's negative indices; {@code str(a)} is {@code array('i', [1, 2, 3])}.
 */
public class ArrayProxy extends BaseProxy {
    private static final long serialVersionUID = 1L;

    protected ArrayProxy() {}

    /** {@code len(a)}. */
    public int size() {
        return callmethod("__len__");
    }

    /** {@code a[i]}: IndexError {@code array index out of range}. */
    public <T> T get(int index) {
        return callmethod("__getitem__", index);
    }

    /** {@code a[i] = x}. */
    public void set(int index, Object x) {
        callmethod("__setitem__", index, x);
    }
}
