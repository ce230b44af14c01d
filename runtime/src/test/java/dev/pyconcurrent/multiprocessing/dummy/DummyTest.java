package dev.pyconcurrent.multiprocessing.dummy;

import static dev.pyconcurrent.testing.CPython.assertPrints;
import static dev.pyconcurrent.testing.CPython.assertRaises;

import dev.pyconcurrent.builtins.AttributeError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.RuntimeError;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.builtins.TypeError;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.multiprocessing.dummy.connection.Connection;
import dev.pyconcurrent.multiprocessing.dummy.connection.Connections;
import dev.pyconcurrent.multiprocessing.dummy.connection.Listener;
import dev.pyconcurrent.multiprocessing.pool.ThreadPool;
import dev.pyconcurrent.queue.Queue;
import dev.pyconcurrent.testing.NoThreadLeft;
import dev.pyconcurrent.threading.Event;
import dev.pyconcurrent.threading.Thread;
import dev.pyconcurrent.threading.Threading;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** multiprocessing.dummy against reference/mp_dummy.py (python3.13). */
@ExtendWith(NoThreadLeft.class)
class DummyTest {
    static final String TOPIC = "mp_dummy";

    static void noop() {}

    /** The reference's {@code rel(text, base)}: thread numbers relative to {@code base}, idents as N. */
    static String rel(Object text, int base) {
        Matcher m = Pattern.compile("Thread-(\\d+)").matcher(String.valueOf(text));
        StringBuilder sb = new StringBuilder();
        while (m.find()) m.appendReplacement(sb, "Thread-+" + (Integer.parseInt(m.group(1)) - base));
        return m.appendTail(sb).toString().replaceAll("(started|stopped)( daemon)? \\d+", "$1$2 N");
    }

    static int base() {
        Matcher m = Pattern.compile("Thread-(\\d+)").matcher(new Thread(DummyTest::noop).name());
        m.lookingAt();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void processLifecycle() {
        assertPrints(TOPIC, "process_lifecycle", () -> {
            int b = base();
            DummyProcess p = Dummy.Process(DummyTest::noop);
            Py.print(rel(p, b), p.exitcode(), p.isAlive(), rel(p.name(), b), p.daemon(), p instanceof Thread);
            p.start();
            p.join();
            Py.print(rel(p, b), p.exitcode(), p.isAlive());
            DummyProcess q = Dummy.Process(DummyTest::noop).name("w").daemon(true);
            Py.print(rel(q, b), true);
        });
    }

    static final class Worker extends DummyProcess {
        final List<String> out;
        final int base;

        Worker(List<String> out, int base) {
            this.out = out;
            this.base = base;
        }

        @Override
        public void run() {
            out.add(rel(name(), base));
        }
    }

    @Test
    void processSubclass() {
        assertPrints(TOPIC, "process_subclass", () -> {
            int b = base();
            List<String> out = new ArrayList<>();
            Worker w = new Worker(out, b);
            w.start();
            w.join();
            Py.print(out, rel(w, b), w.exitcode());
        });
    }

    @Test
    void activeChildren() {
        assertPrints(TOPIC, "active_children", () -> {
            Event ev = new Event();
            DummyProcess p = Dummy.Process(() -> ev.await(10));
            Py.print(Dummy.activeChildren());
            p.start();
            List<DummyProcess> kids = Dummy.activeChildren();
            Py.print(kids.size(), kids.get(0) == p);
            ev.set();
            p.join();
            Py.print(Dummy.activeChildren());
        });
    }

    @Test
    void currentProcess() {
        assertPrints(TOPIC, "current_process", () -> {
            Dummy.freezeSupport();
            Py.print(Dummy.currentProcess() == Threading.currentThread(), null);
        });
    }

    static void starter(DummyProcess p, List<String> err) {
        try {
            p.start();
        } catch (RuntimeError e) {
            err.add(rel(e.getMessage(), base0));
        }
    }

    private static int base0;

    @Test
    void startFromOtherThread() {
        assertPrints(TOPIC, "start_from_other_thread", () -> {
            base0 = base();
            DummyProcess p = Dummy.Process(DummyTest::noop);
            List<String> err = new ArrayList<>();
            Thread t = new Thread(DummyTest::starter, p, err);
            t.start();
            t.join();
            String parent = rel(Threading.currentThread(), 0);
            Py.print("str", err.get(0).startsWith("Parent is " + parent + " but current_process is <Thread(Thread-+2 (starter), started N)>"));
        });
    }

    @Test
    void namespace() {
        assertPrints(TOPIC, "namespace", () -> {
            Map<String, Object> kw = new LinkedHashMap<>();
            kw.put("b", "x");
            kw.put("a", 1);
            Namespace ns = Dummy.Namespace(kw);
            ns.set("c", List.of(1));
            ns.set("_hidden", 2);
            Py.print(ns, ns.get("a"), ns.get("_hidden"));
            ns.delete("a");
            Py.print(ns);
            Py.print(Dummy.Namespace());
        });
        assertRaises(AttributeError.class, TOPIC, "namespace_missing", () -> Dummy.Namespace(Map.of("a", 1)).get("zz"));
    }

    @Test
    void value() {
        assertPrints(TOPIC, "value", () -> {
            Value<Integer> v = Dummy.Value("i", 5);
            Py.print(v, v.value());
            v.value(7);
            Py.print(v, Dummy.Value("d", 1.5, false), Dummy.Value("c", "x".getBytes()), Dummy.Value("i", "any"));
        });
    }

    @Test
    void array() {
        assertPrints(TOPIC, "array", () -> {
            Py.print(Dummy.Array("i", List.of(1, 2, 3)), Dummy.Array("d", List.of(1.5, 2)), Dummy.Array("b", List.of()),
                    Dummy.Array("q", List.of(0, 1, 2), false));
            Array a = Dummy.Array("i", List.of(1, 2));
            a.set(0, 9);
            Py.print(a, a.size(), a.get(1), a.toList(), a.typecode());
        });
        assertRaises(ValueError.class, TOPIC, "array_bad_typecode", () -> Dummy.Array("z", List.of(1)));
        assertRaises(TypeError.class, TOPIC, "array_float_for_int", () -> Dummy.Array("i", List.of(1.5)));
    }

    @Test
    void queuesAndSync() {
        assertPrints(TOPIC, "queues_and_sync", () -> {
            Queue<Object> q = Dummy.Queue();
            Queue<Object> j = Dummy.JoinableQueue(3);
            Py.print(q.getClass().getSimpleName(), q.getClass() == Queue.class, j.getClass() == Queue.class, j.maxsize(), true);
            Py.print(Dummy.Lock(), Dummy.RLock(), Dummy.Semaphore(2), Dummy.BoundedSemaphore(2));
            Py.print(Dummy.Event(), Dummy.Condition(), Dummy.Barrier(2));
        });
    }

    @Test
    void pipe() {
        assertPrints(TOPIC, "pipe", () -> {
            Connection[] ab = Dummy.Pipe();
            Connection a = ab[0], b = ab[1];
            a.send(1);
            a.send("two");
            Py.print(b.poll(), b.recv(), b.recv(), b.poll(), b.poll(0.01));
            b.sendBytes("xy".getBytes());
            Py.print(a.recvBytes(), a);
            Connection[] rw = Dummy.Pipe(false);
            Connection r = rw[0], w = rw[1];
            r.send(3);
            Py.print(w.recv());
            try (Connection c = r.enter()) {
                Py.print(c == r);
            }
            r.close();
            r.send(4);
            Py.print(w.recv());
        });
    }

    @Test
    void listenerClient() {
        assertPrints(TOPIC, "listener_client", () -> {
            Listener listener = new Listener();
            try (Listener l = listener.enter()) {
                Connection c = Connections.Client(l.address());
                Connection s = l.accept();
                c.send("hi");
                Py.print(s.recv());
                s.send(2);
                Py.print(c.recv(), l.address().getClass().getSimpleName());
            }
            Py.print(listener.address());
        });
    }

    @Test
    void manager() {
        assertPrints(TOPIC, "manager", () -> {
            Manager m = Dummy.Manager();
            Py.print(m == Dummy.Manager(), m.list(List.of(1)), m.dict(Map.of("a", 1)), m.Namespace(Map.of("x", 1)), m.Value("i", 1), null);
            m.shutdown();
        });
    }

    @Test
    void pool() {
        assertPrints(TOPIC, "pool", () -> {
            ThreadPool p = Dummy.Pool(2);
            Py.print(p, p.map(String::length, List.of("a", "bb")));
            p.close();
            p.join();
            ThreadPool q = Dummy.Pool(1, DummyTest::noop);
            q.terminate();
            Py.print(q);
            q.join();
        });
    }

    @Test
    void clientPutsItsQueuesOnTheAddress() {
        // Client puts the new connection's two queues on the listener's address, as CPython's (_out, _in)
        Listener l = new Listener();
        Connections.Client(l.address());
        Tuple ends = l.address().get();
        org.junit.jupiter.api.Assertions.assertEquals(2, ends.size());
    }
}
