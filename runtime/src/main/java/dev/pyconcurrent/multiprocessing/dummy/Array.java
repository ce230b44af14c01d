package dev.pyconcurrent.multiprocessing.dummy;

import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.TypeError;
import dev.pyconcurrent.builtins.ValueError;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * Python's {@code array.array}, what {@code multiprocessing.dummy.Array(typecode, sequence)}
 * returns: a sequence (not a {@code java.util.List}: it is no Python list) of numbers of the
 * typecode's kind ({@code array('i', [1, 2, 3])}).
 * Integer codes take integers (a float is a {@code TypeError}), {@code f}/{@code d} take any
 * number as a float, {@code u} one-character strings. Items are kept as given (no C range
 * check or truncation: the storage is Java objects).
 */
public class Array implements Iterable<Object> {
    private static final String CODES = "bBuhHiIlLqQfd";
    private final String typecode;
    private final List<Object> items = new ArrayList<>();

    /** {@code array(typecode, initializer)}: {@code ValueError: bad typecode (...)} for an unknown code. */
    public Array(String typecode, Iterable<?> initializer) {
        if (typecode.length() != 1 || CODES.indexOf(typecode.charAt(0)) < 0) {
            throw new ValueError("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)");
        }
        this.typecode = typecode;
        for (Object x : initializer) items.add(check(x));
    }

    /** {@code typecode}. */
    public String typecode() {
        return typecode;
    }

    private Object check(Object x) {
        switch (typecode) {
            case "f":
            case "d":
                if (x instanceof Number n) return n.doubleValue();
                if (x instanceof Boolean b) return b ? 1.0 : 0.0;
                throw new TypeError("must be real number, not " + Py.typeName(x));
            case "u":
                if (x instanceof String s && s.codePointCount(0, s.length()) == 1) return s;
                throw new TypeError("array item must be a unicode character, not " + Py.typeName(x));
            default:
                if (x instanceof Integer || x instanceof Long || x instanceof Short || x instanceof Byte || x instanceof BigInteger) return x;
                if (x instanceof Boolean b) return b ? 1 : 0;
                throw new TypeError("'" + Py.typeName(x) + "' object cannot be interpreted as an integer");
        }
    }

    /** {@code a[i]}. */
    public Object get(int index) {
        return items.get(index);
    }

    /** {@code a[i] = x}. */
    public void set(int index, Object x) {
        items.set(index, check(x));
    }

    /** {@code append(x)}. */
    public void append(Object x) {
        items.add(check(x));
    }

    /** {@code len(a)}. */
    public int size() {
        return items.size();
    }

    /** {@code list(a)}. */
    public List<Object> toList() {
        return new ArrayList<>(items);
    }

    @Override
    public Iterator<Object> iterator() {
        return Collections.unmodifiableList(items).iterator();
    }

    /** {@code array('i', [1, 2, 3])}, {@code array('b')} when empty. */
    @Override
    public String toString() {
        return items.isEmpty() ? "array(" + Py.repr(typecode) + ")" : "array(" + Py.repr(typecode) + ", " + Py.repr(new ArrayList<>(items)) + ")";
    }
}
