package dev.pyconcurrent.multiprocessing.managers;

import dev.pyconcurrent.builtins.Action0;
import dev.pyconcurrent.builtins.Action1;
import dev.pyconcurrent.builtins.Action2;
import dev.pyconcurrent.builtins.AssertionError;
import dev.pyconcurrent.builtins.AttributeError;
import dev.pyconcurrent.builtins.Callable0;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.builtins.TypeError;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.futures.Call;
import dev.pyconcurrent.multiprocessing.Context;
import dev.pyconcurrent.multiprocessing.Multiprocessing;
import dev.pyconcurrent.multiprocessing.Process;
import dev.pyconcurrent.multiprocessing.ProcessError;
import dev.pyconcurrent.multiprocessing.connection.Connection;
import dev.pyconcurrent.multiprocessing.connection.Connections;
import dev.pyconcurrent.multiprocessing.connection.Hub;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code multiprocessing.managers.BaseManager(address=None, authkey=None, serializer='pickle',
 * ctx=None, *, shutdown_timeout=1.0)}: a server process holding shared objects, and the proxies
 * that reach them from any process.
 *
 * <p>{@link #start()} starts the server in a child JVM (by default one of forkserver's warm
 * JVMs, whatever the default start method: a manager starts in tens of milliseconds), named
 * {@code SyncManager-1}; {@link #getServer()} makes a server to run in this JVM with
 * {@link Server#serveForever()}; {@link #connect()} attaches to a server started elsewhere
 * (another JVM, another machine over {@code (host, port)}). Every connection to the server is
 * authenticated with {@code authkey} (by default the current process's) before anything is
 * read. {@code with manager:} is {@code try (var m = manager.enter())}: {@link #close()} is
 * {@link #shutdown()}.
 *
 * <p>Types are registered with {@link #register}; the method CPython creates for a type id
 * ({@code manager.Maths(1, 2)}) is {@link #create(String, Object...)} here
 * ({@code manager.create("Maths", 1, 2)}). Subclasses registered with the static form share
 * their class's registry, as CPython's {@code MyManager.register(...)}.
 */
public class BaseManager implements AutoCloseable {
    static final int INITIAL = 0, STARTED = 1, SHUTDOWN = 2;

    /** Registrations per manager class ({@code cls._registry}); a class sees its superclasses' too. */
    private static final Map<Class<?>, Map<String, Registration>> REGISTRIES = new ConcurrentHashMap<>();
    /** The finalizers of the managers whose server runs: run at exit, before the children are joined. */
    private static final Set<Runnable> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Hub.finalizer(() -> RUNNING.forEach(Runnable::run));
    }

    /** A manager's state, shared with its proxies (they skip decref once the manager is shut down). */
    static final class State {
        volatile int value = INITIAL;
    }

    private volatile Object address;
    private final byte[] authkey;
    final State state = new State();
    private final Context ctx;
    private final double shutdownTimeout;
    private final Map<String, Registration> own = new LinkedHashMap<>();
    private volatile Process process;
    private Runnable finalizer;

    /** {@code BaseManager()}: a server on a fresh Unix socket, with the current process's authkey. */
    public BaseManager() {
        this(options());
    }

    /** {@code BaseManager(address, authkey)}: {@code address} a Unix socket path, {@code (host, port)} or null. */
    public BaseManager(Object address, byte[] authkey) {
        this(options().address(address).authkey(authkey));
    }

    /** {@code BaseManager(address=…, authkey=…, serializer=…, ctx=…, shutdown_timeout=…)}. */
    public BaseManager(Options options) {
        if (!options.serializer.equals("pickle")) {
            throw new ValueError("serializer " + Py.repr(options.serializer) + " is not supported (only 'pickle': Java serialization)");
        }
        this.address = options.address;
        this.authkey = options.authkey != null ? options.authkey.clone() : Multiprocessing.currentProcess().authkey();
        this.ctx = options.ctx;
        this.shutdownTimeout = options.shutdownTimeout;
    }

    /** The keyword arguments of {@code BaseManager(...)}, with Python's names and defaults. */
    public static Options options() {
        return new Options();
    }

    /** {@code address=None, authkey=None, serializer='pickle', ctx=None, shutdown_timeout=1.0}. */
    public static final class Options {
        private Object address;
        private byte[] authkey;
        private String serializer = "pickle";
        private Context ctx;
        private double shutdownTimeout = 1.0;

        public Options address(Object address) {
            this.address = address;
            return this;
        }

        public Options authkey(byte[] authkey) {
            this.authkey = authkey == null ? null : authkey.clone();
            return this;
        }

        /** Only {@code 'pickle'} (Java serialization behind the allow-list); {@code 'xmlrpclib'} is a ValueError. */
        public Options serializer(String serializer) {
            this.serializer = serializer;
            return this;
        }

        /** The context whose {@code Process} runs the server; default: a warm forkserver JVM. */
        public Options ctx(Context ctx) {
            this.ctx = ctx;
            return this;
        }

        public Options shutdownTimeout(double seconds) {
            this.shutdownTimeout = seconds;
            return this;
        }
    }

    // ------------------------------------------------------------------ registry

    /** {@code cls.register(typeid)}: a type id whose objects another process's server makes (a remote manager's client). */
    public static void register(Class<? extends BaseManager> cls, String typeid) {
        register(cls, typeid, null, null, null, null, true);
    }

    /** {@code cls.register(typeid, callable)}: objects made by {@code callable()}, reached through an {@link AutoProxy}. */
    public static void register(Class<? extends BaseManager> cls, String typeid, Callable0<?> callable) {
        register(cls, typeid, callable, null, null, null, true);
    }

    /** {@code cls.register(typeid, callable, proxytype)}: {@code proxytype} a {@link BaseProxy} subclass or an interface. */
    public static void register(Class<? extends BaseManager> cls, String typeid, Callable0<?> callable, Class<?> proxytype) {
        register(cls, typeid, callable, proxytype, null, null, true);
    }

    /**
     * {@code cls.register(typeid, callable, proxytype, exposed, method_to_typeid, create_method)}:
     * {@code callable} any {@code Callable0..3}/{@code Action0..3} (cast a lambda to one), or
     * null; {@code exposed} the method names a proxy may call (null: the object's public
     * methods); {@code methodToTypeid} the methods whose result is returned as a proxy of that
     * type id; {@code createMethod} false: no {@link #create} for it (a type only methods return).
     */
    public static void register(Class<? extends BaseManager> cls, String typeid, Object callable, Class<?> proxytype,
            List<String> exposed, Map<String, String> methodToTypeid, boolean createMethod) {
        REGISTRIES.computeIfAbsent(cls, c -> new ConcurrentHashMap<>())
                .put(typeid, registration(callable, proxytype, exposed, methodToTypeid, createMethod));
    }

    /** {@link #register(Class, String)} for this manager only. */
    public BaseManager register(String typeid) {
        return register(typeid, null, null, null, null, true);
    }

    /** {@link #register(Class, String, Callable0)} for this manager only. */
    public BaseManager register(String typeid, Callable0<?> callable) {
        return register(typeid, callable, null, null, null, true);
    }

    /** {@link #register(Class, String, Callable0, Class)} for this manager only. */
    public BaseManager register(String typeid, Callable0<?> callable, Class<?> proxytype) {
        return register(typeid, callable, proxytype, null, null, true);
    }

    /** {@link #register(Class, String, Object, Class, List, Map, boolean)} for this manager only. */
    public synchronized BaseManager register(String typeid, Object callable, Class<?> proxytype, List<String> exposed,
            Map<String, String> methodToTypeid, boolean createMethod) {
        own.put(typeid, registration(callable, proxytype, exposed, methodToTypeid, createMethod));
        return this;
    }

    private static Registration registration(Object callable, Class<?> proxytype, List<String> exposed,
            Map<String, String> methodToTypeid, boolean createMethod) {
        if (proxytype != null && !proxytype.isInterface() && !BaseProxy.class.isAssignableFrom(proxytype)) {
            throw new TypeError("proxytype must be a BaseProxy subclass or an interface, not " + proxytype.getName());
        }
        return new Registration(callable, exposed == null ? null : List.copyOf(exposed),
                methodToTypeid == null ? null : Map.copyOf(methodToTypeid), proxytype, createMethod);
    }

    /** This manager's registry: its class's (and superclasses'), then its own registrations. */
    synchronized Map<String, Registration> registry() {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = getClass(); c != Object.class; c = c.getSuperclass()) chain.add(0, c);
        Map<String, Registration> all = new LinkedHashMap<>();
        for (Class<?> c : chain) all.putAll(REGISTRIES.getOrDefault(c, Map.of()));
        all.putAll(own);
        return all;
    }

    /** The proxy type registered for {@code typeid} by {@code manager}, or by any manager class when there is none (a rebuilt proxy). */
    static Class<?> proxytypeOf(String typeid, BaseManager manager) {
        Registration r = manager != null ? manager.registry().get(typeid) : SyncManager.builtins().get(typeid);
        if (r == null) {
            for (Map<String, Registration> m : REGISTRIES.values()) {
                if (m.containsKey(typeid)) r = m.get(typeid);
            }
        }
        return r == null ? null : r.proxytype();
    }

    // ------------------------------------------------------------------ life cycle

    /** {@code get_server()}: a server for this manager's registry, to run here with {@link Server#serveForever()}. */
    public Server getServer() {
        checkInitial();
        return new Server(registry(), address, authkey);
    }

    /** {@code connect()}: attaches to a running server at {@link #address()} (AuthenticationError on a wrong key). */
    public void connect() {
        try (Connection c = Connections.Client(address, authkey)) {
            dispatch(c, null, "dummy");
        }
        state.value = STARTED;
    }

    /** {@code start()}: starts the server process and waits for its address. */
    public void start() {
        start((Call<?>) null);
    }

    /** {@code start(initializer)}: the server process runs {@code initializer()} first. */
    public void start(Action0 initializer) {
        start(Call.of(initializer));
    }

    public <A> void start(Action1<A> initializer, A a) {
        start(Call.of(initializer, a));
    }

    public <A, B> void start(Action2<A, B> initializer, A a, B b) {
        start(Call.of(initializer, a, b));
    }

    private synchronized void start(Call<?> initializer) {
        checkInitial();
        if (initializer != null && initializer.fn() == null) throw new TypeError("initializer must be a callable");
        Connection[] ends = Connections.Pipe(false);
        Context c = ctx != null ? ctx : Multiprocessing.getContext("forkserver");
        Map<String, Registration> sent = new LinkedHashMap<>(registry());
        sent.values().removeIf(SyncManager::isBuiltin); // the server knows them
        Process p = c.bind(new Server.ServerProcess(this instanceof SyncManager, sent, address, authkey, initializer, ends[1]));
        p.name(getClass().getSimpleName() + p.name().substring(p.name().lastIndexOf('-')));
        try {
            p.start();
        } finally {
            ends[1].close();
        }
        try {
            address = ends[0].recv();
        } finally {
            ends[0].close();
        }
        process = p;
        state.value = STARTED;
        Object at = address;
        finalizer = () -> finalizeManager(p, at, authkey, state, shutdownTimeout);
        RUNNING.add(finalizer);
    }

    private void checkInitial() {
        if (state.value == STARTED) throw new ProcessError("Already started server");
        if (state.value == SHUTDOWN) throw new ProcessError("Manager has shut down");
    }

    /**
     * {@code shutdown()}: tells the server process to stop, waits {@code shutdown_timeout} for
     * it, then terminates (and kills) it. Idempotent; nothing to do for a manager that did not
     * start a server (CPython has no {@code shutdown} then).
     */
    public void shutdown() {
        Runnable f;
        synchronized (this) {
            f = finalizer;
            finalizer = null;
        }
        if (f != null) {
            f.run();
            RUNNING.remove(f);
        }
    }

    /** CPython's {@code _finalize_manager}. */
    private static void finalizeManager(Process process, Object address, byte[] authkey, State state, double timeout) {
        if (process.isAlive()) {
            try (Connection c = Connections.Client(address, authkey)) {
                dispatch(c, null, "shutdown");
            } catch (RuntimeException e) {
                // the server is gone already
            }
            process.join(timeout);
            if (process.isAlive()) {
                process.terminate();
                process.join(timeout);
                if (process.isAlive()) {
                    process.kill();
                    process.join();
                }
            }
        }
        state.value = SHUTDOWN;
        BaseProxy.forget(address);
    }

    /** {@code join()}: waits for the server process. */
    public void join() {
        join(-1);
    }

    /** {@code join(timeout)}. */
    public void join(double timeout) {
        Process p = process;
        if (p != null) {
            p.join(timeout);
            if (!p.isAlive()) process = null;
        }
    }

    /** {@code with manager:}: starts it if needed; ProcessError {@code Manager has shut down} once shut down. */
    @SuppressWarnings("unchecked")
    public <M extends BaseManager> M enter() {
        if (state.value == INITIAL) start();
        if (state.value == SHUTDOWN) throw new ProcessError("Manager has shut down");
        return (M) this;
    }

    /** The end of the {@code with} block: {@link #shutdown()}. */
    @Override
    public void close() {
        shutdown();
    }

    /** {@code address}: the server's, once started (a path, or {@code (host, port)}). */
    public Object address() {
        return address;
    }

    byte[] authkey() {
        return authkey;
    }

    // ------------------------------------------------------------------ shared objects

    /**
     * The method CPython's {@code register} creates ({@code manager.typeid(*args)}): a new shared
     * object of {@code typeid}, made by its callable in the server, and a proxy for it (the
     * registered proxy type: a {@link BaseProxy} subclass, the interface, or an {@link AutoProxy}).
     */
    @SuppressWarnings("unchecked")
    public <T> T create(String typeid, Object... args) {
        Registration r = registry().get(typeid);
        if (r == null || !r.createMethod()) {
            throw new AttributeError("'" + getClass().getSimpleName() + "' object has no attribute " + Py.repr(typeid));
        }
        if (state.value != STARTED) throw new AssertionError("server not yet started");
        Tuple created;
        try (Connection c = Connections.Client(address, authkey)) {
            Object[] all = new Object[args.length + 1];
            all[0] = typeid;
            System.arraycopy(args, 0, all, 1, args.length);
            created = (Tuple) dispatch(c, null, "create", all);
        }
        Token token = new Token(typeid, address, (String) created.get(0));
        return (T) BaseProxy.make(r.proxytype(), token, this, authkey, (Tuple) created.get(1), false);
    }

    /** {@code _number_of_objects()}: the shared objects the server holds. */
    public int numberOfObjects() {
        try (Connection c = Connections.Client(address, authkey)) {
            return (Integer) dispatch(c, null, "number_of_objects");
        }
    }

    /** {@code _debug_info()}: the server's objects with their reference counts. */
    public String debugInfo() {
        try (Connection c = Connections.Client(address, authkey)) {
            return (String) dispatch(c, null, "debug_info");
        }
    }

    /** CPython's {@code dispatch(c, id, methodname, args)}: one request, its result or its error raised here. */
    static Object dispatch(Connection c, String id, String methodname, Object... args) {
        c.send(Tuple.of(id, methodname, Tuple.of(args)));
        Tuple reply = (Tuple) c.recv();
        if ("#RETURN".equals(reply.get(0))) return reply.get(1);
        throw convertToError((String) reply.get(0), reply.get(1));
    }

    /** CPython's {@code convert_to_error}: the object's own exception, or a {@link RemoteError}. */
    static RuntimeException convertToError(String kind, Object result) {
        if (kind.equals("#ERROR") && result instanceof Throwable t) {
            t.setStackTrace(new Throwable().getStackTrace()); // raised here, as CPython re-raises it
            return dev.pyconcurrent.builtins.Py.rethrow(t);
        }
        if (kind.equals("#TRACEBACK") || kind.equals("#UNSERIALIZABLE")) {
            if (!(result instanceof String s)) {
                throw new TypeError("Result " + Py.repr(result) + " (kind '" + kind + "') type is " + Py.typeName(result) + ", not str");
            }
            return new RemoteError(kind.equals("#UNSERIALIZABLE") ? "Unserializable message: " + s + "\n" : s);
        }
        return new ValueError("Unrecognized message type " + Py.repr(kind));
    }

    /** {@code <multiprocessing.managers.SyncManager object at 0x…>} ({@code __main__.} for a class of the user's). */
    @Override
    public String toString() {
        String module = getClass().getName().startsWith("dev.pyconcurrent.") ? "multiprocessing.managers." : "__main__.";
        return "<" + module + getClass().getSimpleName() + " object at " + Py.addressOf(this) + ">";
    }
}
