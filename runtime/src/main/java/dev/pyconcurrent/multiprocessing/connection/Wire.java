package dev.pyconcurrent.multiprocessing.connection;

import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.builtins.TypeError;
import dev.pyconcurrent.builtins.ValueError;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How objects cross a process boundary (multiprocessing's {@code _ForkingPickler}); internal to
 * the multiprocessing packages.
 *
 * <p>Python's value types (None, bool, int, float, str, bytes, tuple, list, dict, in the Java
 * classes {@link Py} maps them to) go through a compact tagged codec: {@code ("ping", 12345, 1.5)}
 * is 23 bytes. Anything else makes the whole message Java serialization (it starts with the
 * stream magic {@code 0xACED}, a byte no codec tag uses), read back behind an
 * {@link ObjectInputFilter} allow-list and resolved through the thread's context class loader
 * (the kernel's snippet loader for notebook types).
 *
 * <p>The allow-list is {@link #DEFAULT_ALLOW} plus the patterns of the system property
 * {@code pyconcurrent.multiprocessing.allow} (JDK filter syntax, {@code ;}-separated, e.g.
 * {@code com.acme.**}); children inherit the property.
 */
public final class Wire {
    private Wire() {}

    /** The system property adding patterns to the allow-list. */
    public static final String ALLOW_PROPERTY = "pyconcurrent.multiprocessing.allow";

    /** Classes every JVM of the family may send: the JDK's value and collection types, the runtime, notebook code. */
    public static final String DEFAULT_ALLOW = "java.lang.*;java.lang.invoke.SerializedLambda;java.util.**;"
            + "java.math.*;java.time.**;java.io.*;java.net.*;java.nio.file.*;java.lang.reflect.*;dev.pyconcurrent.**;REPL.**";

    private static final byte NONE = 'N', TRUE = 'T', FALSE = 'F', INT = 'i', LONG = 'l', BIG = 'I', DOUBLE = 'd',
            STR = 's', BYTES = 'b', TUPLE = 't', LIST = 'L', DICT = 'D', LINKED_DICT = 'O';
    private static final byte MAGIC = (byte) 0xAC;

    /** Set by the kernel: writes the notebook's snippet class files not yet on disk (null outside a kernel). */
    private static volatile Runnable snippetClassWriter;

    /**
     * The kernel writes a notebook's class files to the snippet directory (a child's class path)
     * only when a child may load them: before an object is serialized for another process (the
     * only way a class of a later cell reaches a child) and before a child's notebook variables
     * are taken. {@code writer} must return once they are on disk.
     */
    public static void snippetClassWriter(Runnable writer) {
        snippetClassWriter = writer;
    }

    /** Makes the notebook's snippet classes loadable by a child (see {@link #snippetClassWriter}); nothing outside a kernel. */
    public static void writeSnippetClasses() {
        Runnable w = snippetClassWriter;
        if (w != null) w.run();
    }

    // ------------------------------------------------------------------ dumps / loads

    /**
     * The bytes of {@code o}: the codec if every part is a Python value type, else Java
     * serialization. Not serializable → CPython's pickling error, a {@link TypeError}
     * ({@code cannot pickle 'X' object}).
     */
    public static byte[] dumps(Object o) {
        Out out = new Out();
        if (encode(o, out, 0)) return out.toByteArray();
        return serialize(o);
    }

    private static final ThreadLocal<Boolean> COPYING = ThreadLocal.withInitial(() -> false);

    /**
     * {@link #dumps} for a copy that is not a hand-over (the notebook statics sent with every
     * child): a {@link Connection} inside makes it fail instead of moving the connection away
     * from this process.
     */
    public static byte[] dumpsCopy(Object o) {
        COPYING.set(true);
        try {
            return dumps(o);
        } finally {
            COPYING.set(false);
        }
    }

    /** Called by objects whose serialization hands them over to the receiver. */
    static void checkHandOver(Object o) throws NotSerializableException {
        if (COPYING.get()) throw new HandOver(o.getClass().getName());
    }

    /** Whether {@link #dumpsCopy} refused {@code e}'s object because it holds something that moves when sent (a {@link Connection}), not because it cannot be serialized. */
    public static boolean handOverRefused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HandOver) return true;
        }
        return false;
    }

    /** {@link #checkHandOver}'s refusal. */
    private static final class HandOver extends NotSerializableException {
        private static final long serialVersionUID = 1L;

        HandOver(String className) {
            super(className);
        }
    }

    /** The object {@link #dumps} wrote. */
    public static Object loads(byte[] b) {
        return loads(b, 0, b.length);
    }

    public static Object loads(byte[] b, int off, int len) {
        if (len > 0 && b[off] == MAGIC) return deserialize(b, off, len);
        ByteBuffer in = ByteBuffer.wrap(b, off, len);
        Object o = decode(in);
        if (in.hasRemaining()) throw new UncheckedIOException(new IOException("trailing bytes in message"));
        return o;
    }

    /**
     * Implemented by the invocation handler of a {@code java.lang.reflect.Proxy} that crosses
     * processes as {@link #replacement()} (a manager's proxy seen through an interface): a proxy
     * class itself could not be resolved behind the allow-list in the receiving JVM.
     */
    public interface Replaced {
        Object replacement();
    }

    /** An object stream writing {@link Replaced} proxies as their replacement. */
    private static final class ReplacingOutputStream extends ObjectOutputStream {
        ReplacingOutputStream(java.io.OutputStream out) throws IOException {
            super(out);
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object obj) {
            if (obj != null && java.lang.reflect.Proxy.isProxyClass(obj.getClass())
                    && java.lang.reflect.Proxy.getInvocationHandler(obj) instanceof Replaced r) {
                return r.replacement();
            }
            return obj;
        }
    }

    private static byte[] serialize(Object o) {
        writeSnippetClasses();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ReplacingOutputStream(bytes)) {
            out.writeObject(o);
        } catch (NotSerializableException e) {
            throw (TypeError) new TypeError("cannot pickle " + Py.reprString(simpleName(e.getMessage())) + " object").from(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** {@code REPL.$JShell$20$$Lambda$373/0x…} → {@code $Lambda$373}, as JShell shortens names; {@code java.lang.Object} → {@code Object}. */
    private static String simpleName(String className) {
        String n = className == null ? "object" : className;
        int slash = n.indexOf('/');
        if (slash >= 0) n = n.substring(0, slash);
        int lambda = n.indexOf("$$Lambda");
        if (lambda >= 0) return n.substring(lambda + 1);
        return n.substring(Math.max(n.lastIndexOf('.'), n.lastIndexOf('$')) + 1);
    }

    private static Object deserialize(byte[] b, int off, int len) {
        String[] rejected = new String[1];
        try (ObjectInputStream in = new ContextObjectInputStream(new ByteArrayInputStream(b, off, len))) {
            ObjectInputFilter allowList = filter();
            in.setObjectInputFilter(info -> {
                ObjectInputFilter.Status s = proxyCheck(allowList, info.serialClass());
                if (s == null) s = allowList.checkInput(info);
                if (s == ObjectInputFilter.Status.REJECTED && info.serialClass() != null) rejected[0] = info.serialClass().getName();
                return s;
            });
            return in.readObject();
        } catch (InvalidClassException e) {
            throw (TypeError) new TypeError("refusing to unpickle " + rejected[0]
                    + ": not in the allow-list (add a pattern to -D" + ALLOW_PROPERTY + ")").from(e);
        } catch (ClassNotFoundException e) {
            throw (dev.pyconcurrent.builtins.AttributeError) new dev.pyconcurrent.builtins.AttributeError(
                    "Can't get class " + Py.reprString(e.getMessage())).from(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A {@code java.lang.reflect.Proxy} class (a manager's proxy seen through an interface, made
     * by its {@code Rebuild.readResolve}, whose result the JDK filters too) is allowed when each of
     * its interfaces is; null for any other class.
     */
    private static ObjectInputFilter.Status proxyCheck(ObjectInputFilter allowList, Class<?> c) {
        if (c == null || !java.lang.reflect.Proxy.isProxyClass(c)) return null;
        for (Class<?> i : c.getInterfaces()) {
            if (allowList.checkInput(new ClassOnly(i)) != ObjectInputFilter.Status.ALLOWED) return ObjectInputFilter.Status.REJECTED;
        }
        return ObjectInputFilter.Status.ALLOWED;
    }

    /** The filter's question about one class, without the stream's limits. */
    private record ClassOnly(Class<?> serialClass) implements ObjectInputFilter.FilterInfo {
        @Override
        public long arrayLength() {
            return -1;
        }

        @Override
        public long depth() {
            return 1;
        }

        @Override
        public long references() {
            return 0;
        }

        @Override
        public long streamBytes() {
            return 0;
        }
    }

    private static volatile ObjectInputFilter filter;
    private static volatile String filterSource;

    private static ObjectInputFilter filter() {
        String extra = System.getProperty(ALLOW_PROPERTY, "");
        String patterns = DEFAULT_ALLOW + (extra.isBlank() ? "" : ";" + extra) + ";!*";
        if (!patterns.equals(filterSource)) {
            filter = ObjectInputFilter.Config.createFilter(patterns);
            filterSource = patterns;
        }
        return filter;
    }

    /** Resolves classes through the thread's context class loader first (notebook classes), then as the JDK does. */
    public static final class ContextObjectInputStream extends ObjectInputStream {
        public ContextObjectInputStream(java.io.InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (context != null) {
                try {
                    return Class.forName(desc.getName(), false, context);
                } catch (ClassNotFoundException e) {
                    // fall back to the caller's loader (primitives, the JDK)
                }
            }
            return super.resolveClass(desc);
        }
    }

    // ------------------------------------------------------------------ the codec

    private static boolean encode(Object o, Out out, int depth) {
        if (depth > 200) return false;
        if (o == null) out.write(NONE);
        else if (o instanceof Boolean b) out.write(b ? TRUE : FALSE);
        else if (o instanceof Integer i) {
            out.write(INT);
            out.writeInt(i);
        } else if (o instanceof Long l) {
            out.write(LONG);
            out.writeLong(l);
        } else if (o instanceof Double d) {
            out.write(DOUBLE);
            out.writeLong(Double.doubleToRawLongBits(d));
        } else if (o instanceof String s) {
            out.write(STR);
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        } else if (o instanceof byte[] b) {
            out.write(BYTES);
            out.writeBytes(b);
        } else if (o instanceof BigInteger big) {
            out.write(BIG);
            out.writeBytes(big.toByteArray());
        } else if (o instanceof Tuple t) {
            return encodeAll(TUPLE, t, out, depth);
        } else if (o.getClass() == ArrayList.class) {
            return encodeAll(LIST, (List<?>) o, out, depth);
        } else if (o.getClass() == HashMap.class || o.getClass() == LinkedHashMap.class) {
            Map<?, ?> m = (Map<?, ?>) o;
            out.write(o.getClass() == HashMap.class ? DICT : LINKED_DICT);
            out.writeInt(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!encode(e.getKey(), out, depth + 1) || !encode(e.getValue(), out, depth + 1)) return false;
            }
        } else {
            return false;
        }
        return true;
    }

    private static boolean encodeAll(byte tag, List<?> items, Out out, int depth) {
        out.write(tag);
        out.writeInt(items.size());
        for (Object item : items) {
            if (!encode(item, out, depth + 1)) return false;
        }
        return true;
    }

    private static Object decode(ByteBuffer in) {
        byte tag = in.get();
        switch (tag) {
            case NONE: return null;
            case TRUE: return Boolean.TRUE;
            case FALSE: return Boolean.FALSE;
            case INT: return in.getInt();
            case LONG: return in.getLong();
            case DOUBLE: return Double.longBitsToDouble(in.getLong());
            case STR: return new String(bytes(in), StandardCharsets.UTF_8);
            case BYTES: return bytes(in);
            case BIG: return new BigInteger(bytes(in));
            case TUPLE: return Tuple.copyOf(items(in));
            case LIST: return items(in);
            case DICT:
            case LINKED_DICT: {
                int n = in.getInt();
                Map<Object, Object> m = tag == DICT ? new HashMap<>() : new LinkedHashMap<>();
                for (int i = 0; i < n; i++) m.put(decode(in), decode(in));
                return m;
            }
            default:
                throw new ValueError("not a multiprocessing message: unknown tag " + (tag & 0xff));
        }
    }

    private static ArrayList<Object> items(ByteBuffer in) {
        int n = in.getInt();
        ArrayList<Object> items = new ArrayList<>(Math.min(n, 1 << 16));
        for (int i = 0; i < n; i++) items.add(decode(in));
        return items;
    }

    private static byte[] bytes(ByteBuffer in) {
        byte[] b = new byte[in.getInt()];
        in.get(b);
        return b;
    }

    /** A growable byte buffer without ByteArrayOutputStream's locking. */
    private static final class Out {
        private byte[] buf = new byte[64];
        private int n;

        void write(byte b) {
            ensure(1);
            buf[n++] = b;
        }

        void writeInt(int v) {
            ensure(4);
            buf[n++] = (byte) (v >>> 24);
            buf[n++] = (byte) (v >>> 16);
            buf[n++] = (byte) (v >>> 8);
            buf[n++] = (byte) v;
        }

        void writeLong(long v) {
            writeInt((int) (v >>> 32));
            writeInt((int) v);
        }

        void writeBytes(byte[] b) {
            writeInt(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, n, b.length);
            n += b.length;
        }

        private void ensure(int more) {
            if (n + more > buf.length) buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(buf, n);
        }
    }
}
