package dev.pyconcurrent.multiprocessing.sharedctypes;

import dev.pyconcurrent.builtins.IndexError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.TypeError;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.multiprocessing.sharedmemory.ResourceTracker;
import dev.pyconcurrent.multiprocessing.sharedmemory.SharedMemory;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A ctypes array ({@code c_int_Array_3}) in shared memory: what {@code RawArray} returns and a
 * {@link SynchronizedArray} wraps; crosses processes as its segment. {@code c_char} arrays also
 * have {@link #value()} (up to the first NUL) and {@link #raw()}.
 */
public final class CArray implements SharedArray, Serializable {
    private static final long serialVersionUID = 1L;

    final CType type;
    private final int length;
    private final SharedMemory shm;
    private transient ByteBuffer buf;

    /** {@code (type * n)()} zeroed, or filled from {@code items}. */
    CArray(CType type, Object sizeOrInitializer) {
        List<Object> items = sizeOrInitializer instanceof Number n ? null : items(type, sizeOrInitializer);
        this.length = items == null ? ((Number) sizeOrInitializer).intValue() : items.size();
        if (length < 0) throw new ValueError("Array length must be >= 0, not " + length);
        this.type = type;
        this.shm = ResourceTracker.createPrivate(this, Math.max(1, length * type.size));
        this.buf = shm.buf();
        if (items != null) for (int i = 0; i < length; i++) set(i, items.get(i));
    }

    /** A copy of {@code other}'s contents in a new segment ({@code sharedctypes.copy}). */
    CArray(CArray other) {
        this(other.type, other.length);
        for (int i = 0; i < length; i++) set(i, other.get(i));
    }

    private static List<Object> items(CType type, Object init) {
        List<Object> items = new ArrayList<>();
        if (init instanceof byte[] bytes) {
            for (byte b : bytes) items.add(type == CType.c_char ? new byte[] {b} : (Object) (b & 0xff));
        } else if (init instanceof String s) {
            s.codePoints().forEach(c -> items.add(new String(Character.toChars(c))));
        } else if (init instanceof Collection<?> c) {
            items.addAll(c);
        } else if (init != null && init.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(init); i++) items.add(Array.get(init, i));
        } else {
            throw new TypeError("'" + Py.typeName(init) + "' object is not iterable");
        }
        return items;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        buf = shm.buf();
    }

    public CType type() {
        return type;
    }

    @Override
    public int len() {
        return length;
    }

    private int at(int i) {
        int j = i < 0 ? i + length : i;
        if (j < 0 || j >= length) throw new IndexError("invalid index");
        return j * type.size;
    }

    @Override
    public Object get(int i) {
        return type.get(buf, at(i));
    }

    @Override
    public void set(int i, Object v) {
        type.put(buf, at(i), v);
    }

    private int clamp(int index) {
        int i = index < 0 ? index + length : index;
        return Math.max(0, Math.min(length, i));
    }

    @Override
    public Object getSlice(int start, int stop) {
        int from = clamp(start), to = Math.max(from, clamp(stop));
        List<Object> items = new ArrayList<>();
        for (int i = from; i < to; i++) items.add(get(i));
        if (type == CType.c_char) {
            byte[] b = new byte[items.size()];
            for (int i = 0; i < b.length; i++) b[i] = ((byte[]) items.get(i))[0];
            return b;
        }
        if (type == CType.c_wchar) return String.join("", items.stream().map(String.class::cast).toList());
        return items;
    }

    @Override
    public void setSlice(int start, int stop, List<?> values) {
        int from = clamp(start), to = Math.max(from, clamp(stop));
        if (values.size() != to - from) throw new ValueError("Can only assign sequence of same size");
        for (int i = from; i < to; i++) set(i, values.get(i - from));
    }

    @Override
    public List<Object> toList() {
        List<Object> items = new ArrayList<>(length);
        for (int i = 0; i < length; i++) items.add(get(i));
        return items;
    }

    /** A {@code c_char} array's {@code raw}: all its bytes. */
    public byte[] raw() {
        charArray();
        byte[] b = new byte[length];
        buf.get(0, b);
        return b;
    }

    /** {@code raw = b}; {@code ValueError: byte string too long}. */
    public void raw(byte[] b) {
        charArray();
        if (b.length > length) throw new ValueError("byte string too long");
        buf.put(0, b);
    }

    /** A {@code c_char} array's {@code value}: its bytes up to the first NUL. */
    public byte[] value() {
        return CType.untilNul(raw());
    }

    /** {@code value = b}: the bytes and a NUL terminator if there is room; {@code ValueError: byte string too long}. */
    public void value(byte[] b) {
        raw(b);
        if (b.length < length) buf.put(b.length, (byte) 0);
    }

    private void charArray() {
        if (type != CType.c_char) throw new dev.pyconcurrent.builtins.AttributeError(
                "'" + type.ctypesName() + "_Array_" + length + "' object has no attribute 'value'");
    }

    /** {@code <multiprocessing.sharedctypes.c_int_Array_3 object at 0x…>}. */
    @Override
    public String toString() {
        return "<multiprocessing.sharedctypes." + type.ctypesName() + "_Array_" + length + " object at " + Py.addressOf(this) + ">";
    }
}
