package dev.pyconcurrent.multiprocessing.managers;

import dev.pyconcurrent.builtins.AssertionError;
import dev.pyconcurrent.builtins.AttributeError;
import dev.pyconcurrent.builtins.KeyError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.Traceback;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.futures.Call;
import dev.pyconcurrent.multiprocessing.connection.Connection;
import dev.pyconcurrent.multiprocessing.connection.Connections;
import dev.pyconcurrent.multiprocessing.connection.Listener;
import dev.pyconcurrent.multiprocessing.Process;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code multiprocessing.managers.Server}: holds the shared objects and serves the proxies.
 * Each connection is authenticated (CPython's challenge, both ways) on a thread of its own
 * before any object is read from it; a client with a wrong key fails there and the server goes
 * on serving the others. A connection then carries one request ({@code create},
 * {@code incref}, {@code shutdown}…), or, after {@code accept_connection}, the method calls of
 * one thread of one process, served by a thread of its own (so that {@code RLock} ownership
 * and {@code Condition.wait} work per client thread, as in CPython).
 */
public final class Server {
    /** The server this JVM runs, if any (a proxy rebuilt here for one of its objects is owned by the manager). */
    private static volatile Server current;
    private static final Set<String> PUBLIC = Set.of("shutdown", "create", "accept_connection", "get_methods",
            "debug_info", "number_of_objects", "dummy", "incref", "decref");

    /** A shared object with the method names a proxy may call and the methods that return proxies. */
    private record Entry(Object obj, Set<String> exposed, Map<String, String> methodToTypeid) {}

    private final Map<String, Registration> registry;
    private final byte[] authkey;
    private final Listener listener;
    private final Object address;
    private final Map<String, Entry> idToObj = new ConcurrentHashMap<>();
    private final Map<String, Integer> idToRefcount = new TreeMap<>();
    private final Map<String, Entry> idToLocalProxyObj = new ConcurrentHashMap<>();
    private final Object mutex = new Object();
    private final AtomicLong ids = new AtomicLong();
    private final CountDownLatch stopEvent = new CountDownLatch(1);
    /** The open connections, closed when the server stops: a thread blocked reading one would hold its JVM's exit. */
    private final Set<Connection> clients = ConcurrentHashMap.newKeySet();

    Server(Map<String, Registration> registry, Object address, byte[] authkey) {
        this.registry = Map.copyOf(registry);
        this.authkey = authkey.clone();
        this.listener = new Listener(address, null, 128, null); // authentication comes per connection, on its thread
        this.address = listener.address();
    }

    /** {@code address}: where the server listens (the port chosen when it was 0). */
    public Object address() {
        return address;
    }

    /**
     * {@code serve_forever()}: serves until a client sends {@code shutdown} (or this thread is
     * interrupted), then stops listening and returns. CPython's ends with {@code sys.exit(0)};
     * here the caller goes on (a manager's server process then ends normally).
     */
    public void serveForever() {
        current = this;
        Thread accepter = new Thread(this::accepter, "pyconcurrent-manager-accepter");
        accepter.setDaemon(true);
        accepter.start();
        try {
            stopEvent.await();
        } catch (InterruptedException e) {
            // KeyboardInterrupt: CPython's serve_forever stops quietly too
        } finally {
            listener.close();
            clients.forEach(Connection::close);
            current = null;
        }
    }

    /** The server of this JVM serving {@code address}, or null. */
    static Server serving(Object address) {
        Server s = current;
        return s != null && s.address.equals(address) ? s : null;
    }

    private void accepter() {
        while (true) {
            Connection c;
            try {
                c = listener.accept();
            } catch (RuntimeException e) {
                return; // closed: the server stopped
            }
            Thread t = new Thread(() -> handleRequest(c), "pyconcurrent-manager-request");
            t.setDaemon(true);
            t.start();
        }
    }

    /** CPython's {@code handle_request}: authenticate, then one public function. */
    private void handleRequest(Connection c) {
        clients.add(c);
        if (stopEvent.getCount() == 0) c.close();
        try (c) {
            try {
                Connections.deliverChallenge(c, authkey);
                Connections.answerChallenge(c, authkey);
            } catch (RuntimeException e) {
                return; // a wrong key (the client has its AuthenticationError) or a vanished client: nothing was read
            }
            Tuple msg;
            try {
                Tuple request = (Tuple) c.recv();
                String funcname = (String) request.get(1);
                if (!PUBLIC.contains(funcname)) throw new AssertionError(Py.repr(funcname) + " unrecognized");
                Tuple args = (Tuple) request.get(2);
                if (funcname.equals("shutdown")) {
                    c.send(Tuple.of("#RETURN", null));
                    stopEvent.countDown();
                    return;
                }
                if (funcname.equals("accept_connection")) {
                    Thread.currentThread().setName((String) args.get(0));
                    c.send(Tuple.of("#RETURN", null));
                    serveClient(c);
                    return;
                }
                msg = Tuple.of("#RETURN", call(funcname, args));
            } catch (Throwable e) {
                msg = Tuple.of("#TRACEBACK", Traceback.format(e));
            }
            try {
                c.send(msg);
            } catch (RuntimeException e) {
                c.send(Tuple.of("#TRACEBACK", Traceback.format(e)));
            }
        } catch (RuntimeException e) {
            // the client went away, or the server stopped
        } finally {
            clients.remove(c);
        }
    }

    private Object call(String funcname, Tuple args) throws Exception {
        switch (funcname) {
            case "dummy":
                return null;
            case "create":
                return create((String) args.get(0), Tuple.copyOf(args.subList(1, args.size())));
            case "get_methods":
                return Tuple.copyOf(new ArrayList<>(entry(((Token) args.get(0)).id()).exposed()));
            case "incref":
                incref((String) args.get(0));
                return null;
            case "decref":
                decref((String) args.get(0));
                return null;
            case "number_of_objects":
                synchronized (mutex) {
                    return idToRefcount.size();
                }
            default:
                return debugInfo();
        }
    }

    /** CPython's {@code serve_client}: the method calls of one client thread until it disconnects. */
    private void serveClient(Connection conn) {
        while (stopEvent.getCount() > 0) {
            Tuple msg;
            try {
                msg = answer((Tuple) conn.recv());
            } catch (dev.pyconcurrent.builtins.EOFError | dev.pyconcurrent.builtins.OSError e) {
                return; // end of file: the client thread's connection closed (or the server stopped)
            } catch (RuntimeException e) {
                msg = Tuple.of("#TRACEBACK", Traceback.format(e)); // a request that could not be read (the allow-list…)
            }
            try {
                try {
                    conn.send(msg);
                } catch (RuntimeException e) {
                    conn.send(Tuple.of("#UNSERIALIZABLE", Traceback.format(e)));
                }
            } catch (RuntimeException e) {
                conn.close();
                return;
            }
        }
    }

    /** One method call: {@code (ident, methodname, args)} → {@code (kind, result)}. */
    private Tuple answer(Tuple request) {
        String methodname = null;
        Object obj = null;
        try {
            String ident = (String) request.get(0);
            methodname = (String) request.get(1);
            Tuple args = (Tuple) request.get(2);
            Entry e = entry(ident);
            obj = e.obj();
            if (!e.exposed().contains(methodname)) {
                Tuple fallback = fallback(methodname, obj);
                if (fallback != null) return fallback;
                throw new AttributeError("method " + Py.repr(methodname) + " of " + Py.repr(obj == null ? Void.class : obj.getClass())
                        + " object is not in exposed=" + Py.repr(e.exposed()));
            }
            Object res;
            try {
                res = Dispatch.call(obj, methodname, args.toArray());
            } catch (Throwable t) {
                if (!isException(t)) throw t;
                return Tuple.of("#ERROR", t);
            }
            String typeid = e.methodToTypeid() == null ? null : e.methodToTypeid().get(methodname);
            if (typeid == null) return Tuple.of("#RETURN", res);
            Tuple created = create(typeid, Tuple.of(res));
            return Tuple.of("#PROXY", Tuple.of(created.get(1), new Token(typeid, address, (String) created.get(0))));
        } catch (Throwable t) {
            return Tuple.of("#TRACEBACK", Traceback.format(t));
        }
    }

    /** CPython's {@code fallback_mapping}: {@code __str__}, {@code __repr__} and {@code #GETVALUE} work on any object. */
    private static Tuple fallback(String methodname, Object obj) {
        return switch (methodname) {
            case "__str__" -> Tuple.of("#RETURN", Py.str(obj));
            case "__repr__" -> Tuple.of("#RETURN", Py.repr(obj));
            case "#GETVALUE" -> Tuple.of("#RETURN", obj);
            default -> null;
        };
    }

    /** Python's {@code except Exception}: every Java throwable but the BaseExceptions outside {@code Exception}. */
    private static boolean isException(Throwable t) {
        return !(t instanceof dev.pyconcurrent.builtins.BaseException) || t instanceof dev.pyconcurrent.builtins.PyException;
    }

    private Entry entry(String ident) {
        Entry e = idToObj.get(ident);
        if (e == null) e = idToLocalProxyObj.get(ident);
        if (e == null) throw new KeyError(ident);
        return e;
    }

    /** CPython's {@code create}: makes the object, registers it with a reference count of 1; {@code (ident, exposed)}. */
    private Tuple create(String typeid, Tuple args) throws Exception {
        Registration r = registry.get(typeid);
        if (r == null) throw new KeyError(typeid);
        Object obj;
        if (r.callable() == null) {
            if (args.size() != 1) throw new ValueError("Without callable, must have one non-keyword argument");
            obj = args.get(0);
        } else {
            obj = r.create(typeid, args);
        }
        List<String> exposed = new ArrayList<>(r.exposed() != null ? r.exposed() : Dispatch.publicMethods(obj));
        if (r.methodToTypeid() != null) exposed.addAll(r.methodToTypeid().keySet());
        String ident = Long.toHexString(ids.incrementAndGet());
        synchronized (mutex) {
            idToObj.put(ident, new Entry(obj, Set.copyOf(exposed), r.methodToTypeid()));
            idToRefcount.put(ident, 1);
        }
        return Tuple.of(ident, Tuple.copyOf(exposed));
    }

    private void incref(String ident) {
        synchronized (mutex) {
            Integer n = idToRefcount.get(ident);
            if (n != null) {
                idToRefcount.put(ident, n + 1);
            } else if (idToLocalProxyObj.containsKey(ident)) {
                idToRefcount.put(ident, 1); // a proxy the server held is referenced from outside again
                idToObj.put(ident, idToLocalProxyObj.get(ident));
            } else {
                throw new KeyError(ident);
            }
        }
    }

    private void decref(String ident) {
        synchronized (mutex) {
            if (!idToRefcount.containsKey(ident) && idToLocalProxyObj.containsKey(ident)) return;
            Integer n = idToRefcount.get(ident);
            if (n == null || n <= 0) {
                throw new AssertionError("Id " + ident + " (" + Py.repr(entry(ident).obj()) + ") has refcount " + (n == null ? 0 : n) + ", not 1+");
            }
            if (n == 1) {
                idToRefcount.remove(ident);
                idToObj.remove(ident);
            } else {
                idToRefcount.put(ident, n - 1);
            }
        }
    }

    /** A proxy for one of this server's objects was rebuilt inside the server (a managed object holding a proxy): keep the object. */
    void ownedProxy(String ident) {
        Entry e = idToObj.get(ident);
        if (e != null) idToLocalProxyObj.putIfAbsent(ident, e);
    }

    private String debugInfo() {
        List<String> result = new ArrayList<>();
        synchronized (mutex) {
            idToRefcount.forEach((ident, n) -> {
                String s = Py.str(idToObj.get(ident).obj());
                result.add("  " + ident + ":       refcount=" + n + "\n    " + s.substring(0, Math.min(75, s.length())));
            });
        }
        return String.join("\n", result);
    }

    // ------------------------------------------------------------------ in the manager's process

    /**
     * A manager's server process: its registry (the built-in types apart), address, key,
     * initializer, and the pipe end for the address. A plain class, not a record and a lambda
     * target: a fresh JVM reads it in a few milliseconds, where a record's and a lambda's first
     * deserialization spin method handles for tens.
     */
    static final class ServerProcess extends Process {
        private static final long serialVersionUID = 1L;
        private final boolean sync;
        private final Map<String, Registration> registry;
        private final Object address;
        private final byte[] authkey;
        private final Call<?> initializer;
        private final Connection writer;

        ServerProcess(boolean sync, Map<String, Registration> registry, Object address, byte[] authkey, Call<?> initializer,
                Connection writer) {
            this.sync = sync;
            this.registry = registry;
            this.address = address;
            this.authkey = authkey;
            this.initializer = initializer;
            this.writer = writer;
        }

        /** CPython's {@code BaseManager._run_server}: initializer, server, its address to the parent, serve. */
        @Override
        public void run() {
            try {
                if (initializer != null) initializer.invoke();
            } catch (Exception e) {
                throw Py.rethrow(e);
            }
            Map<String, Registration> all = new LinkedHashMap<>();
            if (sync) all.putAll(SyncManager.builtins());
            all.putAll(registry);
            Server server = new Server(all, address, authkey);
            writer.send(server.address());
            writer.close();
            server.serveForever();
        }
    }
}
