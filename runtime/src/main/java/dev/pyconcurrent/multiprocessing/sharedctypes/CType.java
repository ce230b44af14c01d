package dev.pyconcurrent.multiprocessing.sharedctypes;

import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.TypeError;
import java.math.BigInteger;
import java.nio.ByteBuffer;

/**
 * The ctypes types {@code multiprocessing.sharedctypes} knows by typecode, with their sizes on
 * Linux x86-64 and their values as Java sees them: {@code c} ({@code c_char}) is a one-byte
 * {@code byte[]}, {@code u} ({@code c_wchar}, UTF-32) a one-character {@link String}, the signed
 * integers up to 32 bits {@link Integer}, {@code I}, {@code l}, {@code q} {@link Long},
 * {@code L}, {@code Q} {@link Long} or, above {@code Long.MAX_VALUE}, {@link BigInteger};
 * {@code f}, {@code d} {@link Double}. Integers wrap as ctypes' do ({@code c_byte(300)} is 44).
 * {@code q}/{@code Q} are {@code c_long}/{@code c_ulong}, as ctypes aliases them on Linux.
 */
public enum CType {
    c_char('c', 1), c_wchar('u', 4), c_byte('b', 1), c_ubyte('B', 1), c_short('h', 2), c_ushort('H', 2),
    c_int('i', 4), c_uint('I', 4), c_long('l', 8), c_ulong('L', 8), c_longlong('q', 8), c_ulonglong('Q', 8),
    c_float('f', 4), c_double('d', 8);

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    final char typecode;
    final int size;

    CType(char typecode, int size) {
        this.typecode = typecode;
        this.size = size;
    }

    /** The type of a typecode; anything else is {@code TypeError: this type has no size}, as ctypes says of a str. */
    public static CType of(String typecode) {
        if (typecode != null && typecode.length() == 1) {
            for (CType t : values()) if (t.typecode == typecode.charAt(0)) return t;
        }
        throw new TypeError("this type has no size");
    }

    /** The name ctypes reports ({@code c_longlong} is {@code c_long} on Linux). */
    public String ctypesName() {
        return this == c_longlong ? "c_long" : this == c_ulonglong ? "c_ulong" : name();
    }

    /** The value at {@code at}. */
    Object get(ByteBuffer b, int at) {
        return switch (this) {
            case c_char -> new byte[] {b.get(at)};
            case c_wchar -> new String(Character.toChars(b.getInt(at)));
            case c_byte -> (int) b.get(at);
            case c_ubyte -> b.get(at) & 0xff;
            case c_short -> (int) b.getShort(at);
            case c_ushort -> b.getShort(at) & 0xffff;
            case c_int -> b.getInt(at);
            case c_uint -> b.getInt(at) & 0xffffffffL;
            case c_long, c_longlong -> b.getLong(at);
            case c_ulong, c_ulonglong -> unsigned(b.getLong(at));
            case c_float -> (double) b.getFloat(at);
            case c_double -> b.getDouble(at);
        };
    }

    private static Object unsigned(long v) {
        return v >= 0 ? (Object) v : BigInteger.valueOf(v).add(TWO_TO_64);
    }

    /** Stores {@code value} at {@code at} with ctypes' conversions and TypeErrors. */
    void put(ByteBuffer b, int at, Object value) {
        switch (this) {
            case c_char -> b.put(at, charByte(value));
            case c_wchar -> b.putInt(at, wchar(value));
            case c_float -> b.putFloat(at, (float) real(value));
            case c_double -> b.putDouble(at, real(value));
            default -> {
                long v = integer(value);
                switch (size) {
                    case 1 -> b.put(at, (byte) v);
                    case 2 -> b.putShort(at, (short) v);
                    case 4 -> b.putInt(at, (int) v);
                    default -> b.putLong(at, v);
                }
            }
        }
    }

    private static byte charByte(Object value) {
        if (value instanceof byte[] bytes && bytes.length == 1) return bytes[0];
        if (value instanceof Integer || value instanceof Long) return (byte) ((Number) value).longValue();
        throw new TypeError("one character bytes, bytearray or integer expected");
    }

    private static int wchar(Object value) {
        if (value instanceof String s && s.codePointCount(0, s.length()) == 1) return s.codePointAt(0);
        if (value instanceof Character c) return c;
        throw new TypeError("one character unicode string expected");
    }

    private static double real(Object value) {
        if (value instanceof Number n && !(value instanceof BigInteger)) return n.doubleValue();
        if (value instanceof BigInteger n) return n.doubleValue();
        if (value instanceof Boolean bool) return bool ? 1 : 0;
        throw new TypeError("must be real number, not " + Py.typeName(value));
    }

    private static long integer(Object value) {
        if (value instanceof Boolean bool) return bool ? 1 : 0;
        if (value instanceof BigInteger n) return n.longValue(); // low 64 bits, as ctypes truncates
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        throw new TypeError("'" + Py.typeName(value) + "' object cannot be interpreted as an integer");
    }

    /** {@code c_int(5)}, {@code c_char(b'x')}, {@code c_double(1.5)}. */
    String repr(Object value) {
        return ctypesName() + "(" + Py.repr(value) + ")";
    }

    /** The bytes of a NUL-terminated {@code c_char} array's {@code value}. */
    static byte[] untilNul(byte[] raw) {
        int n = 0;
        while (n < raw.length && raw[n] != 0) n++;
        return java.util.Arrays.copyOf(raw, n);
    }
}
