package dev.pyconcurrent.multiprocessing.managers;

import static dev.pyconcurrent.testing.CPython.assertPrints;
import static dev.pyconcurrent.testing.CPython.assertRaises;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.builtins.AttributeError;
import dev.pyconcurrent.builtins.Callable0;
import dev.pyconcurrent.builtins.EOFError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.multiprocessing.AuthenticationError;
import dev.pyconcurrent.multiprocessing.Context;
import dev.pyconcurrent.multiprocessing.Multiprocessing;
import dev.pyconcurrent.multiprocessing.Process;
import dev.pyconcurrent.multiprocessing.WarmForkserver;
import dev.pyconcurrent.multiprocessing.pool.Pool;
import dev.pyconcurrent.multiprocessing.testing.ChildJvm;
import dev.pyconcurrent.os.Os;
import dev.pyconcurrent.testing.NoChildLeft;
import dev.pyconcurrent.testing.NoThreadLeft;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Managers across processes: proxies in child processes, registered types, a remote manager in another JVM, a managed Pool. */
@ExtendWith({NoThreadLeft.class, NoChildLeft.class, WarmForkserver.class})
class ManagerProcessesTest {
    static final String T = "mp_managers";
    static final Context FORKSERVER = Multiprocessing.getContext("forkserver");
    static final String SNIPPETS = "pyconcurrent.kernel.snippetClassPath";

    /** A type of the user's: public methods are what its proxies may call. */
    public static class Maths {
        public int add(int a, int b) {
            return a + b;
        }

        public int mul(int a, int b) {
            return a * b;
        }

        public void boom() {
            throw new ValueError("boom");
        }
    }

    /** The same methods seen through an interface: the proxy type of the "Api" registration. */
    public interface MathsApi {
        int add(int a, int b);

        int mul(int a, int b);

        default int twice(int a) {
            return add(a, a);
        }
    }

    /** A proxy type written as CPython's are: methods over callmethod. */
    public static class MathsProxy extends BaseProxy {
        private static final long serialVersionUID = 1L;

        public int add(int a, int b) {
            return callmethod("add", a, b);
        }
    }

    static class MathsManager extends BaseManager {}

    static class M extends BaseManager {}

    static {
        BaseManager.register(MathsManager.class, "Maths", Maths::new);
        BaseManager.register(MathsManager.class, "Exposed", (Callable0<Maths>) Maths::new, null, List.of("add"), null, true);
        BaseManager.register(MathsManager.class, "Api", Maths::new, MathsApi.class);
        BaseManager.register(MathsManager.class, "Typed", Maths::new, MathsProxy.class);
        BaseManager.register(MathsManager.class, "Initialized", () -> System.getProperty("manager.test.init"));
        BaseManager.register(M.class, "hidden", (Callable0<Maths>) Maths::new, null, null, null, false);
    }

    @Test
    void registeredTypes() {
        assertPrints(T, "registered_type", () -> {
            try (MathsManager m = new MathsManager().enter()) {
                AutoProxy maths = m.create("Maths");
                Py.print(maths.callmethod("add", 2, 3), maths.callmethod("mul", 4, 5), maths.callmethod("add", 1, 1));
                Py.print(Py.repr(maths), maths.typeName());
                List<String> exposed = new ArrayList<>(maths.exposed());
                exposed.sort(null);
                Py.print(exposed);
                AutoProxy e = m.create("Exposed");
                Py.print(e.exposed(), e.callmethod("add", 1, 2));
            }
        });
        assertRaises(ValueError.class, T, "registered_raises", () -> {
            try (MathsManager m = new MathsManager().enter()) {
                ((AutoProxy) m.create("Maths")).callmethod("boom");
            }
        });
        assertPrints(T, "not_exposed", () -> {
            try (MathsManager m = new MathsManager().enter()) {
                RemoteError e = assertThrows(RemoteError.class, () -> ((AutoProxy) m.create("Exposed")).callmethod("mul", 2, 3));
                String s = Py.str(e);
                Py.print(Py.typeName(e), s.contains("AttributeError: method 'mul' of <class 'Maths"),
                        s.contains("object is not in exposed=['add']"));
            }
        });
        assertPrints(T, "unknown_method", () -> {
            try (MathsManager m = new MathsManager().enter()) {
                RemoteError e = assertThrows(RemoteError.class, () -> ((AutoProxy) m.create("Maths")).callmethod("nope"));
                String s = Py.str(e);
                Py.print(Py.typeName(e), s.startsWith("\n" + "-".repeat(75) + "\nTraceback"), s.endsWith("-".repeat(75)));
                Py.print(s.contains("AttributeError"));
            }
        });
        assertPrints(T, "create_wrong_arguments", () -> {
            try (MathsManager m = new MathsManager().enter()) {
                RemoteError e = assertThrows(RemoteError.class, () -> m.create("Maths", 1));
                Py.print(Py.typeName(e), Py.str(e).contains("TypeError: Maths() takes"));
            }
        });
        assertRaises(AttributeError.class, T, "no_create_method", () -> {
            try (M m = new M().enter()) {
                m.create("hidden");
            }
        });
    }

    @Test
    void interfaceAndSubclassProxies() {
        try (MathsManager m = new MathsManager().enter()) {
            MathsApi api = m.create("Api");
            assertEquals(5, api.add(2, 3));
            assertEquals(20, api.mul(4, 5));
            assertEquals(8, api.twice(4));
            assertTrue(Py.repr(api).matches("<MathsApi object, typeid 'Api' at 0x[0-9a-f]+>"), Py.repr(api));
            assertEquals(3, (int) BaseProxy.of(api).callmethod("add", 1, 2));
            MathsProxy typed = m.create("Typed");
            assertEquals(7, typed.add(3, 4));
            assertTrue(Py.repr(typed).startsWith("<MathsProxy object, typeid 'Typed' at 0x"));
        }
    }

    static void initializer() {
        System.setProperty("manager.test.init", "set");
    }

    static void failingInitializer() {
        throw new ValueError("no server");
    }

    @Test
    void startInitializer() {
        try (MathsManager m = new MathsManager()) {
            m.start(ManagerProcessesTest::initializer);
            assertEquals("'set'", Py.str(m.create("Initialized")));
            assertTrue(Multiprocessing.activeChildren().toString().contains("name='MathsManager-"), Multiprocessing.activeChildren().toString());
        }
        // an initializer that raises: the server process dies with its traceback, start() sees end of file (as CPython's)
        MathsManager failing = new MathsManager();
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThrows(EOFError.class, () -> failing.start(ManagerProcessesTest::failingInitializer));
            failing.join();
        } finally {
            System.setErr(saved);
        }
        String printed = err.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("Process MathsManager-") && printed.endsWith("ValueError: no server\n"), printed);
    }

    static void childWork(DictProxy<String, Integer> d, ListProxy<Long> l, AcquirerProxy lock) {
        for (int i = 0; i < 10; i++) {
            try (var held = lock.enter()) {
                d.put("n", d.get("n") + 1);
            }
        }
        l.append(Os.getpid());
    }

    @Test
    void proxiesInChildProcesses() {
        try (SyncManager m = Multiprocessing.Manager()) {
            DictProxy<String, Integer> d = m.dict(Map.of("n", 0));
            ListProxy<Long> l = m.list();
            AcquirerProxy lock = m.Lock();
            List<Process> ps = List.of(FORKSERVER.Process(ManagerProcessesTest::childWork, d, l, lock),
                    FORKSERVER.Process(ManagerProcessesTest::childWork, d, l, lock));
            ps.forEach(Process::start);
            ps.forEach(Process::join);
            assertEquals(List.of(0, 0), ps.stream().map(Process::exitcode).toList());
            assertEquals(20, d.getitem("n"));
            assertEquals(2, l.size());
            // a Pool's workers (warm JVMs, the proxy an argument of each task)
            try (var scope = new Pool(2).enter()) {
                scope.pool().starmap(ManagerProcessesTest::appendTo, List.of(List.of(l, 10L), List.of(l, 11L), List.of(l, 12L)));
            }
            List<Long> got = new ArrayList<>(l.<List<Long>>getvalue().subList(2, 5));
            got.sort(null);
            assertEquals(List.of(10L, 11L, 12L), got);
        }
    }

    static Object appendTo(ListProxy<Long> l, long x) {
        l.append(x);
        return null;
    }

    static void putThroughQueue(QueueProxy<Object> in, QueueProxy<Object> out) {
        @SuppressWarnings("unchecked")
        ListProxy<Object> l = (ListProxy<Object>) in.get(); // a proxy sent as a message: rebuilt here with this process's key
        l.append("from child");
        out.put("done");
    }

    static void useWithKey(DictProxy<String, Object> d) {
        d.put("x", 1);
    }

    @Test
    void proxiesSentLater() {
        try (SyncManager m = Multiprocessing.Manager()) {
            QueueProxy<Object> in = m.Queue(), out = m.Queue();
            ListProxy<Object> l = m.list();
            Process p = FORKSERVER.Process(ManagerProcessesTest::putThroughQueue, in, out);
            p.start();
            in.put(l);
            assertEquals("done", out.get(true, 60));
            p.join();
            assertEquals(List.of("from child"), l.getvalue());
            // a managed object holding a proxy: the server keeps the inner one, the parent gets a working proxy back
            DictProxy<String, Object> inner = m.dict(Map.of("k", "v"));
            l.append(inner);
            @SuppressWarnings("unchecked")
            DictProxy<String, Object> back = (DictProxy<String, Object>) l.get(1);
            assertEquals("v", back.getitem("k"));
            assertTrue(Py.str(l).matches("\\['from child', <DictProxy object, typeid 'dict' at 0x[0-9a-f]+>\\]"), Py.str(l));
        }
        // a manager with its own key: a child being started gets the key with the proxy (CPython's spawning rule)
        try (SyncManager m = new SyncManager(null, "its own key".getBytes(StandardCharsets.UTF_8)).enter()) {
            DictProxy<String, Object> d = m.dict();
            Process p = FORKSERVER.Process(ManagerProcessesTest::useWithKey, d);
            p.start();
            p.join();
            assertEquals(0, p.exitcode());
            assertEquals(1, d.get("x"));
        }
    }

    @Test
    void remoteManagerAcrossJvms() throws Exception {
        try (ChildJvm server = new ChildJvm(RemoteManagerMain.class, "secret")) {
            Tuple address = Tuple.of("127.0.0.1", Integer.parseInt(server.line()));
            BaseManager wrong = new BaseManager(address, "wrong".getBytes(StandardCharsets.UTF_8)).register("get_queue");
            AuthenticationError e = assertThrows(AuthenticationError.class, wrong::connect);
            assertEquals("digest sent was rejected", e.getMessage());
            BaseManager right = new BaseManager(address, "secret".getBytes(StandardCharsets.UTF_8)).register("get_queue");
            right.connect();
            AutoProxy q = right.create("get_queue");
            q.callmethod("put", "hello");
            assertEquals("hello", q.callmethod("get"));
            assertThrows(AuthenticationError.class, wrong::connect); // still refused, still serving the others
            assertEquals(Boolean.TRUE, q.callmethod("empty"));
            server.send("stop");
        }
    }

    @Test
    void exitWithRunningManager() throws Exception {
        long pid;
        try (ChildJvm jvm = new ChildJvm(ExitWithManagerMain.class)) {
            pid = Long.parseLong(jvm.line());
        } // the JVM exited (status 0, within 30 s) with its manager running
        java.util.Optional<ProcessHandle> server = ProcessHandle.of(pid);
        if (server.isPresent()) server.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    /**
     * A type, an interface and a factory defined in a notebook, simulated as the kernel lays them
     * out ({@code REPL.$JShell$N} classes in a snippet directory, loaded by a context class
     * loader): the server JVM gets the directory on its class path, as the core's children do.
     */
    @Test
    void notebookTypes(@TempDir Path snippets) throws Throwable {
        Path src = snippets.resolve("src/REPL/$JShell$9.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "package REPL; public class $JShell$9 {"
                + " public static class Counter implements java.io.Serializable { private int n;"
                + "  public int increment() { return ++n; } public int value() { return n; }"
                + "  public String toString() { return \"Counter(\" + n + \")\"; } }"
                + " public interface CounterApi { int increment(); int value(); }"
                + " public static dev.pyconcurrent.builtins.Callable0<Object> factory() { return Counter::new; } }");
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-cp", System.getProperty("java.class.path"),
                "-d", snippets.toString(), src.toString()));
        ClassLoader saved = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader notebook = new URLClassLoader(new URL[] {snippets.toUri().toURL()}, saved)) {
            Thread.currentThread().setContextClassLoader(notebook);
            System.setProperty(SNIPPETS, snippets.toString());
            Class<?> wrapper = Class.forName("REPL.$JShell$9", true, notebook);
            Class<?> api = Class.forName("REPL.$JShell$9$CounterApi", true, notebook);
            @SuppressWarnings("unchecked")
            Callable0<Object> factory = (Callable0<Object>) wrapper.getMethod("factory").invoke(null);
            // a spawned server: a JVM launched now, with the snippet directory set above
            try (BaseManager m = new BaseManager(BaseManager.options().ctx(Multiprocessing.getContext("spawn")))
                    .register("Counter", factory, api).enter()) {
                Object counter = m.create("Counter");
                api.getMethod("increment").invoke(counter);
                assertEquals(2, api.getMethod("increment").invoke(counter));
                assertEquals("Counter(2)", Py.str(counter));
                assertEquals("Counter(2)", BaseProxy.of(counter).getvalue().toString()); // a notebook object read here
                assertTrue(Py.repr(counter).startsWith("<CounterApi object, typeid 'Counter' at 0x"));
            }
        } finally {
            System.clearProperty(SNIPPETS);
            Thread.currentThread().setContextClassLoader(saved);
        }
    }

    static int sq(int x) {
        return x * x;
    }

    @Test
    void managedPool() {
        try (SyncManager m = Multiprocessing.Manager()) {
            PoolProxy pool = m.Pool(1);
            assertEquals(List.of(1, 4, 9), pool.map(ManagerProcessesTest::sq, List.of(1, 2, 3)));
            AsyncResultProxy<Integer> r = pool.applyAsync(ManagerProcessesTest::sq, 7);
            assertEquals(49, r.get(60));
            assertTrue(Py.repr(r).startsWith("<AutoProxy[AsyncResult] object, typeid 'AsyncResult' at 0x"));
            List<Integer> got = new ArrayList<>();
            pool.imap(ManagerProcessesTest::sq, List.of(2, 3)).forEachRemaining(got::add);
            assertEquals(List.of(4, 9), got);
            pool.terminate();
        }
    }
}
