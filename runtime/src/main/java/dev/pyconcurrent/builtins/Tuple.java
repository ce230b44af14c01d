package dev.pyconcurrent.builtins;

import java.io.Serializable;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * Python's {@code tuple}: an immutable sequence with Python's equality ({@code (1, 2) == (1.0, 2)}),
 * hashing consistent with it, ordering (lexicographic, element by element through {@link Py#lt})
 * and repr ({@code (1,)}, {@code (1, 'a')}). A tuple never equals a list, as in Python.
 */
public final class Tuple extends AbstractList<Object> implements Comparable<Tuple>, RandomAccess, Serializable {
    private static final long serialVersionUID = 1L;
    private static final Tuple EMPTY = new Tuple(new Object[0]);
    private final Object[] items;

    private Tuple(Object[] items) {
        this.items = items;
    }

    public static Tuple of(Object... items) {
        return items.length == 0 ? EMPTY : new Tuple(items.clone());
    }

    public static Tuple copyOf(List<?> items) {
        return items.isEmpty() ? EMPTY : new Tuple(items.toArray());
    }

    @Override
    public Object get(int index) {
        if (index < 0 || index >= items.length) throw new IndexError("tuple index out of range");
        return items[index];
    }

    @Override
    public int size() {
        return items.length;
    }

    @Override
    public Object[] toArray() {
        return items.clone();
    }

    /** Python's {@code <}, raising {@link TypeError} for unorderable elements, as CPython does. */
    @Override
    public int compareTo(Tuple other) {
        return Py.compare(this, other);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tuple t && Py.eq(this, t);
    }

    @Override
    public int hashCode() {
        int h = 0x345678;
        for (Object item : items) h = 31 * h + Py.hash(item);
        return h;
    }

    @Override
    public String toString() {
        return Py.repr(this);
    }

    Object[] items() {
        return items;
    }

    static Tuple wrap(Object[] items) {
        return new Tuple(Arrays.copyOf(items, items.length));
    }
}
