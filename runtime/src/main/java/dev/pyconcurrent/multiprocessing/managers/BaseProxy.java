package dev.pyconcurrent.multiprocessing.managers;

import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.PyStr;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.builtins.TypeError;
import dev.pyconcurrent.multiprocessing.Multiprocessing;
import dev.pyconcurrent.multiprocessing.connection.Connection;
import dev.pyconcurrent.multiprocessing.connection.Connections;
import dev.pyconcurrent.multiprocessing.connection.Hub;
import dev.pyconcurrent.multiprocessing.connection.Wire;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code multiprocessing.managers.BaseProxy}: a reference to an object held by a manager's
 * server, usable from any process. {@link #callmethod} ({@code _callmethod}) calls one of the
 * object's methods there and returns a copy of the result; each thread of each process has its
 * own connection to the server (so its lock ownership is its own), opened at its first call.
 *
 * <p>Sent to another process (as a {@code Process} argument, through a queue or pipe, inside
 * another shared object), a proxy is rebuilt there and registers its reference with the
 * server, as CPython's {@code RebuildProxy}; it carries the authkey only when sent to a child
 * being started, otherwise the receiving process uses its own {@code authkey}. When a proxy
 * becomes unreachable, its reference is released at this process's next proxy creation
 * (Java has no deterministic finalization).
 *
 * <p>A subclass adds typed methods over {@link #callmethod} (see {@link ListProxy}); it needs
 * a constructor without arguments. {@code toString()} is the proxy's repr
 * ({@code <DictProxy object, typeid 'dict' at 0x…>}), {@link Py#str} the referent's repr.
 */
public class BaseProxy implements PyStr, Serializable {
    private static final long serialVersionUID = 1L;

    /** Per server address, each thread's connection (CPython's {@code _address_to_local}). */
    private static final Map<Object, ThreadLocal<Connection>> LOCALS = new ConcurrentHashMap<>();
    private static final ReferenceQueue<Object> UNREACHABLE = new ReferenceQueue<>();
    private static final Set<Ref> REFS = ConcurrentHashMap.newKeySet();

    private transient Token token;
    private transient byte[] authkey;
    private transient BaseManager manager;
    private transient Tuple exposed;
    private transient ThreadLocal<Connection> tls;
    private transient Class<?> proxytype;
    private transient String typeName;

    /** For subclasses: the manager binds the proxy to its object after construction. */
    protected BaseProxy() {}

    /** A proxy of {@code proxytype} (null: {@link AutoProxy}; an interface: a {@code java.lang.reflect.Proxy}) for {@code token}. */
    static Object make(Class<?> proxytype, Token token, BaseManager manager, byte[] authkey, Tuple exposed, boolean incref) {
        if (proxytype != null && proxytype.isInterface()) {
            BaseProxy base = new BaseProxy();
            base.bind(token, manager, authkey, exposed, incref, proxytype, proxytype.getSimpleName());
            ClassLoader loader = proxytype.getClassLoader();
            Object p = java.lang.reflect.Proxy.newProxyInstance(loader, new Class<?>[] {proxytype, PyStr.class}, new Handler(base));
            base.track(p);
            return p;
        }
        BaseProxy p;
        if (proxytype == null) {
            p = new AutoProxy();
        } else {
            try {
                Constructor<?> c = proxytype.getDeclaredConstructor();
                c.setAccessible(true);
                p = (BaseProxy) c.newInstance();
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw (TypeError) new TypeError(proxytype.getSimpleName() + " needs a constructor without arguments").from(e);
            }
        }
        String name = proxytype == null ? "AutoProxy[" + token.typeid() + "]" : null;
        p.bind(token, manager, authkey, exposed, incref, proxytype == null ? AutoProxy.class : proxytype, name);
        p.track(p);
        return p;
    }

    private void bind(Token token, BaseManager manager, byte[] authkey, Tuple exposed, boolean incref, Class<?> proxytype,
            String typeName) {
        releaseUnreachable();
        this.token = token;
        this.manager = manager;
        this.authkey = authkey;
        this.exposed = exposed;
        this.proxytype = proxytype;
        this.typeName = typeName;
        this.tls = LOCALS.computeIfAbsent(token.address(), a -> new ThreadLocal<>());
        if (incref) {
            try (Connection c = Connections.Client(token.address(), authkey)) {
                BaseManager.dispatch(c, null, "incref", token.id());
            }
        }
    }

    // ------------------------------------------------------------------ calls

    /**
     * {@code _callmethod(methodname, args)}: calls the referent's method in the server and
     * returns a copy of the result (a proxy when the method is one of the type's
     * {@code method_to_typeid}). {@code methodname} is the Java method's name (Python's in
     * camelCase) or one of Python's special names ({@code __getitem__}, {@code __len__},
     * {@code __repr__}…). The method's exception is raised here; a failure of the server
     * itself is a {@link RemoteError}.
     */
    @SuppressWarnings("unchecked")
    public <T> T callmethod(String methodname, Object... args) {
        Connection conn = connection();
        Tuple reply;
        try {
            conn.send(Tuple.of(token.id(), methodname, Tuple.of(args == null ? new Object[] {null} : args)));
            reply = (Tuple) conn.recv();
        } catch (RuntimeException e) {
            conn.close(); // a broken or interrupted exchange: the next call connects again
            tls.remove();
            throw e;
        }
        String kind = (String) reply.get(0);
        if (kind.equals("#RETURN")) return (T) reply.get(1);
        if (kind.equals("#PROXY")) {
            Tuple r = (Tuple) reply.get(1);
            Token t = (Token) r.get(1);
            Token at = new Token(t.typeid(), token.address(), t.id());
            return (T) make(BaseManager.proxytypeOf(t.typeid(), manager), at, manager, authkey, (Tuple) r.get(0), false);
        }
        throw BaseManager.convertToError(kind, reply.get(1));
    }

    /** {@code _getvalue()}: a copy of the referent. */
    public <T> T getvalue() {
        return callmethod("#GETVALUE");
    }

    /** {@code _token}. */
    public Token token() {
        return token;
    }

    /** The method names the server lets this proxy call ({@code _exposed_}). */
    public List<String> exposed() {
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) (List<?>) exposed;
        return names;
    }

    /** The {@link BaseProxy} behind {@code proxy}: itself, or the one behind an interface's proxy (for {@link #callmethod}). */
    public static BaseProxy of(Object proxy) {
        if (proxy instanceof BaseProxy p) return p;
        if (proxy != null && java.lang.reflect.Proxy.isProxyClass(proxy.getClass())
                && java.lang.reflect.Proxy.getInvocationHandler(proxy) instanceof Handler h) {
            return h.base;
        }
        throw new TypeError(Py.repr(proxy) + " is not a manager's proxy");
    }

    private Connection connection() {
        Connection c = tls.get();
        if (c != null && !c.closed()) return c;
        c = Connections.Client(token.address(), authkey);
        // the server thread's name (CPython's); Java's name, so that naming it does not make a foreign thread a threading._DummyThread
        String name = Multiprocessing.currentProcess().name();
        String thread = Thread.currentThread().getName();
        if (!thread.equals("main")) name += "|" + thread;
        BaseManager.dispatch(c, null, "accept_connection", name);
        tls.set(c);
        return c;
    }

    /** The manager at {@code address} has shut down: its threads' connections are dropped (CPython's finalizer). */
    static void forget(Object address) {
        ThreadLocal<Connection> tls = LOCALS.remove(address);
        if (tls != null && tls.get() != null) {
            tls.get().close(); // the shutting-down thread's own; other threads' close with them
            tls.remove();
        }
    }

    // ------------------------------------------------------------------ references

    /** Releases this proxy's reference in the server once {@code outward} (the object the user holds) is unreachable. */
    private void track(Object outward) {
        boolean owned = Server.serving(token.address()) != null;
        if (!owned) REFS.add(new Ref(outward, token, authkey, manager == null ? null : manager.state));
    }

    private static final class Ref extends PhantomReference<Object> {
        final Token token;
        final byte[] authkey;
        final BaseManager.State state;

        Ref(Object referent, Token token, byte[] authkey, BaseManager.State state) {
            super(referent, UNREACHABLE);
            this.token = token;
            this.authkey = authkey;
            this.state = state;
        }
    }

    /** CPython's {@code _decref} for the proxies found unreachable since the last time. */
    private static void releaseUnreachable() {
        for (Ref r; (r = (Ref) UNREACHABLE.poll()) != null; ) {
            REFS.remove(r);
            if (r.state != null && r.state.value != BaseManager.STARTED) continue;
            try (Connection c = Connections.Client(r.token.address(), r.authkey)) {
                BaseManager.dispatch(c, null, "decref", r.token.id());
            } catch (RuntimeException e) {
                // the manager is gone
            }
        }
    }

    // ------------------------------------------------------------------ crossing processes

    /** Serialized, a proxy is its token (and, to a child being started, its authkey): CPython's {@code RebuildProxy}. */
    protected final Object writeReplace() throws ObjectStreamException {
        return rebuild();
    }

    Rebuild rebuild() {
        return new Rebuild(proxytype, token, Hub.spawning() ? authkey : null, exposed);
    }

    /** A proxy on its way to another process (a class, not a record: see {@link Server.ServerProcess}). */
    static final class Rebuild implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Class<?> proxytype;
        private final Token token;
        private final byte[] authkey;
        private final Tuple exposed;

        Rebuild(Class<?> proxytype, Token token, byte[] authkey, Tuple exposed) {
            this.proxytype = proxytype;
            this.token = token;
            this.authkey = authkey;
            this.exposed = exposed;
        }

        private Object readResolve() throws ObjectStreamException {
            Server server = Server.serving(token.address());
            if (server != null) server.ownedProxy(token.id());
            byte[] key = authkey != null ? authkey : Multiprocessing.currentProcess().authkey();
            return make(proxytype == AutoProxy.class ? null : proxytype, token, null, key, exposed, server == null);
        }
    }

    // ------------------------------------------------------------------ text

    /** The type name in the repr: the class's, {@code AutoProxy[typeid]}, or the interface's. */
    String typeName() {
        return typeName != null ? typeName : getClass().getSimpleName();
    }

    /** {@code <DictProxy object, typeid 'dict' at 0x…>}. */
    @Override
    public String toString() {
        return "<" + typeName() + " object, typeid " + Py.repr(token == null ? null : token.typeid()) + " at " + Py.addressOf(this) + ">";
    }

    /** {@code str(proxy)}: the referent's repr (or a fall-back when the server cannot be reached). */
    @Override
    public String pyStr() {
        try {
            return callmethod("__repr__");
        } catch (RuntimeException e) {
            String repr = toString();
            return repr.substring(0, repr.length() - 1) + "; '__str__()' failed>";
        }
    }

    /** The invocation handler behind a proxy seen through an interface: each method is {@link #callmethod}. */
    static final class Handler implements InvocationHandler, Wire.Replaced, Serializable {
        private static final long serialVersionUID = 1L;
        final transient BaseProxy base;

        Handler(BaseProxy base) {
            this.base = base;
        }

        @Override
        public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
            if (m.getDeclaringClass() == Object.class) {
                return switch (m.getName()) {
                    case "toString" -> base.toString();
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> proxy == args[0];
                };
            }
            if (m.getDeclaringClass() == PyStr.class) return base.pyStr();
            if (m.isDefault()) return InvocationHandler.invokeDefault(proxy, m, args);
            return result(m.getReturnType(), base.callmethod(m.getName(), args == null ? new Object[0] : args));
        }

        /** A number as the interface method declares it (Python has one int type). */
        private static Object result(Class<?> type, Object value) {
            if (!(value instanceof Number n) || type.isInstance(value)) return value;
            if (type == int.class || type == Integer.class) return n.intValue();
            if (type == long.class || type == Long.class) return n.longValue();
            if (type == double.class || type == Double.class) return n.doubleValue();
            return value;
        }

        @Override
        public Object replacement() {
            return base.rebuild();
        }
    }
}
