package dev.pyconcurrent.builtins;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Python's built-in functions that pyconcurrent needs, over Java values: {@code print},
 * {@code repr}, {@code str}, {@code input}, comparison and hashing.
 *
 * <p>The one formatter of the project. Java values map to Python's types as: {@code null} →
 * None, {@code Boolean} → bool, {@code Integer/Long/Short/Byte/BigInteger} → int,
 * {@code Double/Float} → float, {@code String/Character} → str, {@code byte[]} → bytes,
 * {@link Tuple} → tuple, other {@code List}s and arrays → list, {@code Map} → dict,
 * {@code Set} → set, lambdas → function. Every other object formats as its
 * {@code toString()}, which pyconcurrent's classes define as CPython's repr.
 */
public final class Py {
    private Py() {}

    private static final ThreadLocal<IdentityHashMap<Object, Boolean>> REPR_GUARD =
            ThreadLocal.withInitial(IdentityHashMap::new);

    // ---------------------------------------------------------------- print / input

    /** Python's {@code print(*args)}: {@code str} of each, separated by spaces, then a newline. */
    public static void print(Object... args) {
        System.out.print(joinLine(args));
        System.out.flush();
    }

    /** Python's {@code print(*args, file=sys.stderr)}. */
    public static void printErr(Object... args) {
        System.err.print(joinLine(args));
        System.err.flush();
    }

    private static String joinLine(Object[] args) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < args.length; i++) {
            if (i > 0) sb.append(' ');
            sb.append(str(args[i]));
        }
        return sb.append('\n').toString();
    }

    /**
     * Python's {@code input(prompt)}: writes the prompt, reads a line from {@code System.in}
     * without its newline; {@link EOFError} at end of input.
     */
    public static String input(String prompt) {
        System.out.print(prompt);
        System.out.flush();
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null) throw new EOFError("EOF when reading a line");
            return line;
        } catch (IOException e) {
            throw OSError.of(OSError.EBADF, null).from(e);
        }
    }

    // ---------------------------------------------------------------- str / repr

    /** Python's {@code str(o)}: strings as they are, exceptions as their message, the rest as {@link #repr}. */
    public static String str(Object o) {
        if (o instanceof String s) return s;
        if (o instanceof Character c) return c.toString();
        if (o instanceof Throwable t) return Traceback.message(t);
        if (o instanceof PyStr s) return s.pyStr();
        return repr(o);
    }

    /** Python's {@code repr(o)}. */
    public static String repr(Object o) {
        if (o == null) return "None";
        if (o instanceof Boolean b) return b ? "True" : "False";
        if (o instanceof String s) return reprString(s);
        if (o instanceof Character c) return reprString(c.toString());
        if (o instanceof Double d) return reprFloat(d);
        if (o instanceof Float f) return reprFloat(f);
        if (isInteger(o)) return o.toString();
        if (o instanceof byte[] b) return reprBytes(b);
        if (o instanceof Throwable t && !(o instanceof BaseException)) {
            return Traceback.name(t) + "(" + (t.getMessage() == null ? "" : reprString(Traceback.message(t))) + ")";
        }
        if (o instanceof PyStr) return o.toString(); // a proxy: its own repr, though it is a List or Map
        if (o instanceof Tuple || o instanceof Collection || o instanceof Map || o.getClass().isArray()) {
            return reprContainer(o);
        }
        if (isLambda(o.getClass())) {
            String name = nameOf(o);
            return "<function " + (name == null ? "<lambda>" : name) + " at " + addressOf(o) + ">";
        }
        if (o instanceof Class<?> c) return "<class '" + c.getSimpleName() + "'>";
        return o.toString();
    }

    private static String reprContainer(Object o) {
        IdentityHashMap<Object, Boolean> guard = REPR_GUARD.get();
        if (guard.containsKey(o)) {
            return o instanceof Map ? "{...}" : o instanceof Tuple ? "(...)" : "[...]";
        }
        guard.put(o, Boolean.TRUE);
        try {
            if (o instanceof Tuple t) {
                return t.size() == 1 ? "(" + repr(t.get(0)) + ",)" : join("(", t, ")");
            }
            if (o instanceof Map<?, ?> m) {
                StringBuilder sb = new StringBuilder("{");
                String sep = "";
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    sb.append(sep).append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
                    sep = ", ";
                }
                return sb.append('}').toString();
            }
            if (o instanceof Set<?> s) return s.isEmpty() ? "set()" : join("{", s, "}");
            if (o instanceof Collection<?> c) return join("[", c, "]");
            int n = Array.getLength(o);
            Object[] items = new Object[n];
            for (int i = 0; i < n; i++) items[i] = Array.get(o, i);
            return join("[", java.util.Arrays.asList(items), "]");
        } finally {
            guard.remove(o);
        }
    }

    private static String join(String open, Iterable<?> items, String close) {
        StringBuilder sb = new StringBuilder(open);
        Iterator<?> it = items.iterator();
        while (it.hasNext()) {
            sb.append(repr(it.next()));
            if (it.hasNext()) sb.append(", ");
        }
        return sb.append(close).toString();
    }

    /** Python's {@code repr(str)}: quote choice, escapes and printability as CPython's. */
    public static String reprString(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder(s.length() + 2).append(quote);
        s.codePoints().forEach(c -> {
            if (c == quote || c == '\\') sb.append('\\').appendCodePoint(c);
            else if (c == '\t') sb.append("\\t");
            else if (c == '\n') sb.append("\\n");
            else if (c == '\r') sb.append("\\r");
            else if (c < ' ' || c == 0x7f) sb.append(String.format("\\x%02x", c));
            else if (c < 0x7f || isPrintable(c)) sb.appendCodePoint(c);
            else if (c <= 0xff) sb.append(String.format("\\x%02x", c));
            else if (c <= 0xffff) sb.append(String.format("\\u%04x", c));
            else sb.append(String.format("\\U%08x", c));
        });
        return sb.append(quote).toString();
    }

    /** Python's {@code str.isprintable()} for one code point. */
    static boolean isPrintable(int c) {
        if (c == ' ') return true;
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    /** Python's {@code repr(bytes)}. */
    public static String reprBytes(byte[] bytes) {
        boolean hasSingle = false, hasDouble = false;
        for (byte b : bytes) {
            hasSingle |= b == '\'';
            hasDouble |= b == '"';
        }
        char quote = hasSingle && !hasDouble ? '"' : '\'';
        StringBuilder sb = new StringBuilder(bytes.length + 3).append('b').append(quote);
        for (byte x : bytes) {
            int c = x & 0xff;
            if (c == quote || c == '\\') sb.append('\\').append((char) c);
            else if (c == '\t') sb.append("\\t");
            else if (c == '\n') sb.append("\\n");
            else if (c == '\r') sb.append("\\r");
            else if (c < ' ' || c >= 0x7f) sb.append(String.format("\\x%02x", c));
            else sb.append((char) c);
        }
        return sb.append(quote).toString();
    }

    /**
     * Python's {@code repr(float)}: the shortest decimal string that reads back as the same
     * double (correctly rounded, so the closest of the shortest), in fixed notation for
     * decimal exponents -4 to 15 and as {@code 1e+16} style otherwise.
     */
    public static String reprFloat(double x) {
        if (Double.isNaN(x)) return "nan";
        if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
        if (x == 0) return 1 / x < 0 ? "-0.0" : "0.0";
        BigDecimal exact = new BigDecimal(x);
        BigDecimal shortest = exact;
        for (int precision = 1; precision <= 17; precision++) {
            shortest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (shortest.doubleValue() == x) break;
        }
        shortest = shortest.stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        String sign = x < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        if (exponent < 0) return sign + "0." + "0".repeat(-exponent - 1) + digits;
        if (digits.length() <= exponent + 1) return sign + digits + "0".repeat(exponent + 1 - digits.length()) + ".0";
        return sign + digits.substring(0, exponent + 1) + "." + digits.substring(exponent + 1);
    }

    /** Python's tuple display: {@code Py.tuple(1, 2)} prints as {@code (1, 2)}. */
    public static Tuple tuple(Object... items) {
        return Tuple.of(items);
    }

    // ---------------------------------------------------------------- types and names

    /** Python's {@code type(o).__name__} under the type mapping of this class. */
    public static String typeName(Object o) {
        if (o == null) return "NoneType";
        if (o instanceof Boolean) return "bool";
        if (isInteger(o)) return "int";
        if (o instanceof Double || o instanceof Float) return "float";
        if (o instanceof String || o instanceof Character) return "str";
        if (o instanceof byte[]) return "bytes";
        if (o instanceof Tuple) return "tuple";
        if (o instanceof Map) return "dict";
        if (o instanceof Set) return "set";
        if (o instanceof List || o.getClass().isArray()) return "list";
        if (o instanceof Throwable t) return Traceback.name(t);
        if (isLambda(o.getClass())) return "function";
        return o.getClass().getSimpleName();
    }

    /**
     * A callable's {@code __name__}: a method reference's method name, {@code <lambda>} for a
     * lambda (as Python names its lambdas), or {@code null} when the object has none (an
     * instance of a named class, like a Python object with {@code __call__}). Names are
     * recovered from serializable lambdas ({@link Action0} and friends); a lambda of a
     * non-serializable interface reports {@code <lambda>}.
     */
    public static String nameOf(Object callable) {
        if (callable == null) return null;
        Class<?> c = callable.getClass();
        if (!isLambda(c)) return null;
        if (callable instanceof Serializable) {
            try {
                Method writeReplace = c.getDeclaredMethod("writeReplace");
                writeReplace.setAccessible(true);
                if (writeReplace.invoke(callable) instanceof SerializedLambda s) {
                    String method = s.getImplMethodName();
                    if (method.startsWith("lambda$")) return "<lambda>";
                    if (method.equals("<init>") || method.equals("<new>")) {
                        String cls = s.getImplClass();
                        return cls.substring(Math.max(cls.lastIndexOf('/'), cls.lastIndexOf('$')) + 1);
                    }
                    return method;
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // Not recoverable on this JVM: fall through to Python's name for anonymous functions.
            }
        }
        return "<lambda>";
    }

    private static boolean isLambda(Class<?> c) {
        return c.isSynthetic() && c.getName().contains("$$Lambda");
    }

    /** The address part of a CPython repr ({@code 0x7f…}): the object's identity hash. */
    public static String addressOf(Object o) {
        return "0x" + Integer.toHexString(System.identityHashCode(o));
    }

    // ---------------------------------------------------------------- comparison

    /** Python's {@code a == b}: numbers by value across int/float/bool, tuples and lists element-wise. */
    public static boolean eq(Object a, Object b) {
        if (a == b) return !(a instanceof Double d && d.isNaN()) && !(a instanceof Float f && f.isNaN());
        if (a == null || b == null) return false;
        if (isNumber(a) && isNumber(b)) return compareNumbers(a, b) == 0;
        if (a instanceof Tuple != b instanceof Tuple) return false;
        if (a instanceof List<?> la && b instanceof List<?> lb) return sequenceEq(la, lb);
        if (isStr(a) && isStr(b)) return a.toString().equals(b.toString());
        if (a instanceof byte[] x && b instanceof byte[] y) return java.util.Arrays.equals(x, y);
        return a.equals(b);
    }

    private static boolean sequenceEq(List<?> a, List<?> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (!eq(a.get(i), b.get(i))) return false;
        return true;
    }

    /**
     * Python's {@code a < b}. Numbers by value, str by code point, bytes unsigned, tuples and
     * lists lexicographically (first unequal element decides), otherwise {@code compareTo} of
     * mutually comparable objects; anything else raises CPython's
     * {@code TypeError: '<' not supported between instances of 'A' and 'B'}.
     */
    public static boolean lt(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) return compareNumbers(a, b) < 0;
        if (isStr(a) && isStr(b)) return compareCodePoints(a.toString(), b.toString()) < 0;
        if (a instanceof byte[] x && b instanceof byte[] y) return java.util.Arrays.compareUnsigned(x, y) < 0;
        if (a instanceof Tuple ta && b instanceof Tuple tb) return sequenceLt(ta, tb);
        if (a instanceof List<?> la && b instanceof List<?> lb && !(a instanceof Tuple) && !(b instanceof Tuple)) {
            return sequenceLt(la, lb);
        }
        if (a instanceof Comparable<?> && b != null && (a.getClass().isInstance(b) || b.getClass().isInstance(a))) {
            @SuppressWarnings("unchecked")
            Comparable<Object> ca = (Comparable<Object>) a;
            return ca.compareTo(b) < 0;
        }
        throw new TypeError("'<' not supported between instances of '" + typeName(a) + "' and '" + typeName(b) + "'");
    }

    private static boolean sequenceLt(List<?> a, List<?> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            if (!eq(a.get(i), b.get(i))) return lt(a.get(i), b.get(i));
        }
        return a.size() < b.size();
    }

    /** A {@code Comparator} over Python's ordering: built from {@link #lt} only, as Python's sort is. */
    public static int compare(Object a, Object b) {
        if (lt(a, b)) return -1;
        return lt(b, a) ? 1 : 0;
    }

    /** Python's {@code hash(o)} in spirit: consistent with {@link #eq} (so {@code 1} and {@code 1.0} hash alike). */
    public static int hash(Object o) {
        if (o == null) return 0;
        if (isNumber(o)) {
            if (o instanceof BigInteger bi && bi.bitLength() >= 64) return bi.hashCode();
            double d = ((Number) asNumber(o)).doubleValue();
            if (!isInteger(o) && !(o instanceof Boolean) && d != Math.rint(d)) return Double.hashCode(d);
            return Long.hashCode(((Number) asNumber(o)).longValue());
        }
        if (isStr(o)) return o.toString().hashCode();
        if (o instanceof byte[] b) return java.util.Arrays.hashCode(b);
        return o.hashCode();
    }

    private static boolean isInteger(Object o) {
        return o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte
                || o instanceof BigInteger;
    }

    private static boolean isNumber(Object o) {
        return isInteger(o) || o instanceof Double || o instanceof Float || o instanceof Boolean;
    }

    private static boolean isStr(Object o) {
        return o instanceof String || o instanceof Character;
    }

    private static Object asNumber(Object o) {
        return o instanceof Boolean b ? (b ? 1 : 0) : o;
    }

    /** Numeric comparison across Python's int, float and bool; a NaN compares unequal to all (returns 2). */
    private static int compareNumbers(Object a, Object b) {
        Number x = (Number) asNumber(a);
        Number y = (Number) asNumber(b);
        boolean xi = !(x instanceof Double || x instanceof Float);
        boolean yi = !(y instanceof Double || y instanceof Float);
        if (xi && yi) {
            if (x instanceof BigInteger || y instanceof BigInteger) return toBig(x).compareTo(toBig(y));
            return Long.compare(x.longValue(), y.longValue());
        }
        double dx = x.doubleValue(), dy = y.doubleValue();
        if (Double.isNaN(dx) || Double.isNaN(dy)) return 2;
        if (Double.isInfinite(dx) || Double.isInfinite(dy) || (!xi && !yi)) return dx < dy ? -1 : dx > dy ? 1 : 0;
        BigDecimal bx = xi ? new BigDecimal(toBig(x)) : new BigDecimal(dx);
        BigDecimal by = yi ? new BigDecimal(toBig(y)) : new BigDecimal(dy);
        return bx.compareTo(by);
    }

    private static BigInteger toBig(Number n) {
        return n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue());
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i), cb = b.codePointAt(j);
            if (ca != cb) return Integer.compare(ca, cb);
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    // ---------------------------------------------------------------- exceptions

    /**
     * Throws {@code t} unchanged, checked or not, as Python propagates any exception. Used where a
     * user callable ({@link Action0}, {@link Callable0}, …) threw a checked exception.
     * Declared to return an exception so that call sites can write {@code throw Py.rethrow(e)}.
     */
    public static RuntimeException rethrow(Throwable t) {
        Py.<RuntimeException>sneaky(t);
        return new IllegalStateException("unreachable", t);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
