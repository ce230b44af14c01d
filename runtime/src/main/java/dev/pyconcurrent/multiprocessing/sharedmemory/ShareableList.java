package dev.pyconcurrent.multiprocessing.sharedmemory;

import dev.pyconcurrent.builtins.IndexError;
import dev.pyconcurrent.builtins.KeyError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.ValueError;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Python's {@code multiprocessing.shared_memory.ShareableList}: a fixed-length list of
 * {@code int} ({@link Long}), {@code float} ({@link Double}), {@code bool}, {@code str},
 * {@code bytes} ({@code byte[]}) and {@code None} in a {@link SharedMemory} block, with CPython's
 * exact byte layout, so a list made here opens in {@code python3.13} by name and the other way
 * round. Layout: the item count (int64), the items' data offsets ({@code n + 1} int64), the data
 * (8 bytes per number, str/bytes rounded up to the next multiple of 8 — always one byte more
 * than the text), each item's {@code struct} format ({@code 8s} each) and back-transform code
 * (one byte each). Reading and writing are not atomic, as in CPython.
 */
public class ShareableList implements Iterable<Object>, Serializable {
    private static final long serialVersionUID = 1L;
    private static final int ALIGN = 8;
    private static final String BOOL = "xxxxxxx?", NONE = "xxxxxx?x";
    private static final int PLAIN = 0, STR = 1, BYTES = 2, NONE_CODE = 3;

    private final SharedMemory shm;
    private final int length;
    private final long[] offsets;

    /** {@code ShareableList()}: an empty list in a new block. */
    public ShareableList() {
        this(List.of(), null);
    }

    /** {@code ShareableList(sequence)}: a new block named {@code psm_…} holding {@code sequence}. */
    public ShareableList(List<?> sequence) {
        this(sequence, null);
    }

    /** {@code ShareableList(sequence, name=name)}: a new block of that name. */
    public ShareableList(List<?> sequence, String name) {
        List<?> items = sequence == null ? List.of() : sequence;
        List<String> formats = new ArrayList<>();
        for (Object item : items) formats.add(formatOf(item));
        length = formats.size();
        offsets = new long[length + 1];
        for (int i = 0; i < length; i++) offsets[i + 1] = offsets[i] + width(formats.get(i));
        long size = 8 + 8L * (length + 1) + offsets[length] + 8L * length + length;
        shm = new SharedMemory(name, true, size);
        ByteBuffer b = shm.buf();
        b.putLong(0, length);
        for (int i = 0; i <= length; i++) b.putLong(8 + 8 * i, offsets[i]);
        for (int i = 0; i < length; i++) write(i, formats.get(i), items.get(i));
    }

    /** {@code ShareableList(name=name)}: attaches to an existing list. */
    public ShareableList(String name) {
        shm = new SharedMemory(name);
        ByteBuffer b = shm.buf();
        length = (int) b.getLong(0);
        offsets = new long[length + 1];
        for (int i = 0; i <= length; i++) offsets[i] = b.getLong(8 + 8 * i);
    }

    private static String formatOf(Object item) {
        if (item instanceof Boolean) return BOOL;
        if (item == null) return NONE;
        if (item instanceof Double || item instanceof Float) return "d";
        if (item instanceof Long || item instanceof Integer || item instanceof Short || item instanceof Byte) return "q";
        if (item instanceof String || item instanceof byte[]) return ALIGN * (encode(item).length / ALIGN + 1) + "s";
        throw new KeyError(new PyClass(Py.typeName(item)));
    }

    /** How {@code KeyError} shows an unsupported type: {@code <class 'list'>}. */
    private record PyClass(String name) {
        @Override
        public String toString() {
            return "<class '" + name + "'>";
        }
    }

    private static int width(String format) {
        return format.endsWith("s") ? Integer.parseInt(format.substring(0, format.length() - 1)) : ALIGN;
    }

    private static byte[] encode(Object item) {
        return item instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) item;
    }

    private static int code(Object item) {
        if (item instanceof String) return STR;
        if (item instanceof byte[]) return BYTES;
        return item == null ? NONE_CODE : PLAIN;
    }

    private long dataStart() {
        return 8L * (length + 2);
    }

    private int formatsAt() {
        return (int) (dataStart() + offsets[length]);
    }

    private int codesAt() {
        return formatsAt() + 8 * length;
    }

    /** Stores {@code item} at {@code i} as {@code format}, with its format and back-transform code. */
    private void write(int i, String format, Object item) {
        ByteBuffer b = shm.buf();
        byte[] f = Arrays.copyOf(format.getBytes(StandardCharsets.US_ASCII), 8);
        b.put(formatsAt() + 8 * i, f);
        b.put(codesAt() + i, (byte) code(item));
        int at = (int) (dataStart() + offsets[i]);
        switch (format) {
            case "q" -> b.putLong(at, ((Number) item).longValue());
            case "d" -> b.putDouble(at, ((Number) item).doubleValue());
            case BOOL -> b.putLong(at, 0L).put(at + 7, (byte) ((Boolean) item ? 1 : 0));
            case NONE -> b.putLong(at, 0L);
            default -> b.put(at, Arrays.copyOf(encode(item), width(format)));
        }
    }

    private String formatAt(int i) {
        byte[] f = new byte[8];
        shm.buf().get(formatsAt() + 8 * i, f);
        return new String(f, StandardCharsets.US_ASCII).replaceAll("\0+$", "");
    }

    private int index(int position, String error) {
        int i = position < 0 ? position + length : position;
        if (i < 0 || i >= length) throw new IndexError(error);
        return i;
    }

    /** {@code l[i]} (negative from the end); {@code IndexError: index out of range}. */
    public Object get(int position) {
        int i = index(position, "index out of range");
        ByteBuffer b = shm.buf();
        int at = (int) (dataStart() + offsets[i]);
        String format = formatAt(i);
        switch (format) {
            case "q": return b.getLong(at);
            case "d": return b.getDouble(at);
            case BOOL: return b.get(at + 7) != 0;
            case NONE: return null;
            default:
                byte[] raw = new byte[width(format)];
                b.get(at, raw);
                int end = raw.length;
                while (end > 0 && raw[end - 1] == 0) end--;
                byte[] value = Arrays.copyOf(raw, end);
                return b.get(codesAt() + i) == STR ? new String(value, StandardCharsets.UTF_8) : value;
        }
    }

    /**
     * {@code l[i] = value}: a str/bytes value must fit the item's original storage
     * ({@code ValueError: bytes/str item exceeds available storage}). Returns the old value.
     */
    public Object set(int position, Object value) {
        int i = index(position, "assignment index out of range");
        Object old = get(i);
        String format = formatOf(value);
        if (value instanceof String || value instanceof byte[]) {
            long allocated = offsets[i + 1] - offsets[i];
            if (encode(value).length > allocated) throw new ValueError("bytes/str item exceeds available storage");
            format = allocated + "s";
        }
        write(i, format, value);
        return old;
    }

    /** {@code len(l)}, read from the block. */
    public int size() {
        return (int) shm.buf().getLong(0);
    }

    /** {@code count(value)}: items equal to {@code value} (Python's {@code ==}: {@code True == 1}). */
    public int count(Object value) {
        int n = 0;
        for (Object item : this) if (Py.eq(value, item)) n++;
        return n;
    }

    /** {@code index(value)}; {@code ValueError: 99 not in this container}. */
    public int index(Object value) {
        for (int i = 0; i < length; i++) if (Py.eq(value, get(i))) return i;
        throw new ValueError(Py.repr(value) + " not in this container");
    }

    /** {@code format}: the {@code struct} formats of all items, e.g. {@code qd8s8sxxxxxx?xxxxxxxx?}. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) sb.append(formatAt(i));
        return sb.toString();
    }

    /** {@code shm}: the block. */
    public SharedMemory shm() {
        return shm;
    }

    /** {@code ShareableList([1, 2.5, 'abc'], name='psm_…')}. */
    @Override
    public String toString() {
        return "ShareableList(" + Py.repr(items()) + ", name=" + Py.repr(shm.name()) + ")";
    }

    /** Python's iteration: the items in order. */
    @Override
    public Iterator<Object> iterator() {
        return items().iterator();
    }

    private List<Object> items() {
        List<Object> all = new ArrayList<>(length);
        for (int i = 0; i < length; i++) all.add(get(i));
        return all;
    }

    /** Crosses processes as its name, as CPython pickles it. */
    private Object writeReplace() throws ObjectStreamException {
        return new Ref(shm.name());
    }

    private record Ref(String name) implements Serializable {
        private Object readResolve() throws ObjectStreamException {
            return new ShareableList(name);
        }
    }
}
