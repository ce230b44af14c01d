package dev.pyconcurrent.threading;

import static dev.pyconcurrent.testing.CPython.assertPrints;
import static dev.pyconcurrent.testing.CPython.assertRaises;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.builtins.Action0;
import dev.pyconcurrent.builtins.AttributeError;
import dev.pyconcurrent.builtins.OverflowError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.RuntimeError;
import dev.pyconcurrent.builtins.ValueError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadTest extends Support {
    static class MyThread extends Thread {
        @Override
        public void run() {
            Py.print("MyThread.run", name().equals(Threading.currentThread().name()));
        }
    }

    /** A target without a name, like a Python object with {@code __call__}. */
    static final class Callable implements Action0 {
        private static final long serialVersionUID = 1L;

        @Override
        public void call() {}
    }

    @Test
    void names() {
        assertPrints(TOPIC, "thread_names", () -> {
            int n = base();
            List<String> names = List.of(new Thread(Support::worker).name(),
                    new Thread(() -> {}).name(),
                    new Thread().name(),
                    new Thread(Support::worker).name("w").name(),
                    new Timer(1, Support::worker).name(),
                    new MyThread().name(),
                    new Thread(Support::worker).name());
            Py.print(rel(Py.str(names), n));
        });
        int n = base();
        assertEquals("Thread-" + (n + 1), new Thread(new Callable()).name());
        Thread seen = new Thread();
        String first = seen.name();
        seen.name("renamed");
        assertEquals("Thread-" + (Integer.parseInt(first.split("-")[1]) + 1), new Thread().name(), "a seen default name is never reused");
    }

    @Test
    void reprs() {
        assertPrints(TOPIC, "thread_reprs", () -> {
            int n = base();
            Event gate = new Event();
            Thread t = new Thread(Support::gatekeeper, gate);
            Thread d = new Thread(Support::gatekeeper, gate).daemon(true);
            Py.print(rel(t, n), rel(d, n), t.ident(), t.nativeId(), t.daemon(), d.daemon(), t.isAlive());
            t.start();
            d.start();
            Py.print(rel(noident(t, t), n), rel(noident(d, d), n), t.isAlive(), Py.typeName(t.ident()).replace("Long", "int"),
                    t.nativeId() instanceof Long ? "int" : "?");
            gate.set();
            t.join();
            d.join();
            Py.print(rel(noident(t, t), n), rel(noident(d, d), n), t.isAlive());
            MyThread m = (MyThread) new MyThread().name("mine");
            Py.print(m);
            m.start();
            m.join();
            Py.print(noident(m, m));
        });
    }

    @Test
    void errors() {
        assertRaises(RuntimeError.class, TOPIC, "thread_start_twice", () -> {
            Thread t = new Thread();
            t.start();
            t.join();
            t.start();
        });
        assertRaises(RuntimeError.class, TOPIC, "thread_join_unstarted", () -> new Thread().join());
        assertRaises(RuntimeError.class, TOPIC, "thread_join_unstarted", () -> new Thread().join(1));
        assertRaises(RuntimeError.class, TOPIC, "thread_join_current", () -> Threading.currentThread().join());
        assertRaises(RuntimeError.class, TOPIC, "thread_join_current", () -> Threading.currentThread().join(1));
        assertRaises(RuntimeError.class, TOPIC, "thread_daemon_active", () -> {
            Thread t = new Thread();
            t.start();
            t.join();
            t.daemon(true);
        });
        assertRaises(RuntimeError.class, TOPIC, "thread_main_daemon", () -> Threading.mainThread().daemon(false));
        assertRaises(ValueError.class, TOPIC, "thread_join_nan", () -> {
            Thread t = new Thread();
            t.start();
            t.join(Double.NaN);
        });
        assertRaises(OverflowError.class, TOPIC, "thread_join_overflow", () -> {
            Thread t = new Thread();
            t.start();
            t.join(1e10);
        });
        assertRaises(AttributeError.class, TOPIC, "thread_run_twice", () -> {
            Thread t = new Thread(Support::worker, 1);
            Support.stdoutOf(t::run);
            t.run();
        });
    }

    @Test
    void joinTimeout() {
        assertPrints(TOPIC, "thread_join_timeout", () -> {
            Event gate = new Event();
            Thread t = new Thread(Support::gatekeeper, gate);
            t.start();
            t.join(0.01);
            Py.print(t.isAlive());
            t.join(-1);
            Py.print(t.isAlive());
            gate.set();
            t.join(10);
            Py.print(t.isAlive());
            t.join();
            t.join(0);
        });
    }

    @Test
    void argsAndRun() {
        assertPrints(TOPIC, "thread_args_and_run", () -> {
            Thread t = new Thread(Support::worker, 1, "a");
            t.start();
            t.join();
            t = new Thread(Support::worker, 1);
            t.run();
            new Thread().run();
            Py.print("done");
        });
        List<Object> got = Collections.synchronizedList(new ArrayList<>());
        Thread t = new Thread((a, b, c) -> got.add(List.of(a, b, c)), 1, 2, 3);
        t.start();
        t.join();
        assertEquals(List.of(List.of(1, 2, 3)), got);
    }

    @Test
    void setters() {
        assertPrints(TOPIC, "thread_setters", () -> {
            int n = base();
            Thread t = new Thread(Support::worker);
            Thread u = new Thread(Support::worker);
            t.name("renamed");
            t.daemon(true);
            Py.print(t.name(), t.daemon(), t, rel(u.name(), n));
            t.name("5");
            Py.print(Py.repr(t.name()), rel(new Thread(Support::worker).name(), n));
            Thread v = new Thread(Support::worker).name("given");
            Py.print(v.name(), rel(new Thread(Support::worker).name(), n));
        });
        Thread t = new Thread();
        t.setName("x");
        t.setDaemon(true);
        assertEquals("x", t.getName());
        assertTrue(t.isDaemon());
    }

    @Test
    void currentAndMain() {
        assertPrints(TOPIC, "thread_current_and_main", () -> {
            Thread me = Threading.currentThread();
            Thread main = Threading.mainThread();
            Py.print(me == main, main.name(), main.daemon(), main.isAlive(), noident(main, main));
            Py.print("int", Threading.getIdent() == main.ident(), Threading.getNativeId() == main.nativeId());
            List<Object> seen = Collections.synchronizedList(new ArrayList<>());
            Thread[] t = new Thread[1];
            t[0] = new Thread(() -> {
                Thread cur = Threading.currentThread();
                seen.add(Py.tuple(cur == t[0], cur.ident() == Threading.getIdent(), cur.nativeId() == Threading.getNativeId(),
                        !cur.nativeId().equals(main.nativeId()), !cur.ident().equals(main.ident())));
            });
            t[0].start();
            t[0].join();
            Py.print(seen);
        });
    }

    @Test
    void enumerateAndActiveCount() {
        assertPrints(TOPIC, "thread_enumerate", () -> {
            int before = Threading.activeCount();
            Event gate = new Event();
            Thread t = new Thread(Support::gatekeeper, gate);
            t.start();
            Py.print(Threading.activeCount() - before, Threading.enumerate().contains(t),
                    Threading.enumerate().contains(Threading.mainThread()));
            gate.set();
            t.join();
            Py.print(Threading.activeCount() - before, Threading.enumerate().contains(t), Threading.enumerate().size() == before);
        });
    }

    @Test
    void dummyThreads() throws InterruptedException {
        String[] out = new String[1];
        Runnable check = () -> assertPrints(TOPIC, "thread_dummy", () -> {
            int n = base();
            List<Object> seen = new ArrayList<>();
            java.lang.Thread foreign = new java.lang.Thread(() -> {
                Thread cur = Threading.currentThread();
                seen.add(rel(noident(cur, cur), n));
                seen.add(Py.tuple(cur.name().equals(Threading.currentThread().name()), cur.daemon(), cur.isAlive(),
                        cur == Threading.currentThread(), Threading.enumerate().contains(cur)));
                try {
                    cur.join();
                } catch (RuntimeError e) {
                    seen.add(e.getMessage());
                }
            });
            foreign.start();
            foreign.join(10_000);
            Py.print(seen);
        });
        check.run();
        assertTrue(out[0] == null);
    }

    @Test
    void deadDummyIsNotAliveAndLeavesEnumerate() throws InterruptedException {
        Thread[] dummy = new Thread[1];
        java.lang.Thread foreign = new java.lang.Thread(() -> dummy[0] = Threading.currentThread());
        foreign.start();
        foreign.join(10_000);
        assertFalse(Threading.enumerate().contains(dummy[0]));
        RuntimeError e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeError.class, dummy[0]::isAlive);
        assertEquals("thread is not alive", e.getMessage());
        assertTrue(dummy[0].toString().startsWith("<_DummyThread(Dummy-"));
        assertTrue(dummy[0].toString().contains(", stopped daemon "));
    }

    @Test
    void defaultDaemonIsInherited() {
        assertPrints(TOPIC, "thread_default_daemon", () -> {
            List<Object> out = Collections.synchronizedList(new ArrayList<>());
            Action0 inner = () -> out.add(new Thread().daemon());
            Thread d = new Thread(inner).daemon(true);
            d.start();
            d.join();
            Thread t = new Thread(inner);
            t.start();
            t.join();
            Py.print(out, new Thread().daemon());
        });
    }

    @Test
    void javaThreadIsInCallersGroupAndNamed() {
        ThreadGroup group = new ThreadGroup("cell");
        Object[] seen = new Object[2];
        java.lang.Thread starter = new java.lang.Thread(group, () -> {
            Thread t = new Thread(() -> {
                seen[0] = java.lang.Thread.currentThread().getThreadGroup();
                seen[1] = java.lang.Thread.currentThread().getName();
            }).name("inner");
            t.start();
            t.join();
        });
        starter.start();
        try {
            starter.join(10_000);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertSame(group, seen[0]);
        assertEquals("inner", seen[1]);
    }

    @Test
    void daemonMapsToJavaDaemon() {
        Event gate = new Event();
        Thread d = new Thread(Support::gatekeeper, gate).daemon(true);
        Thread n = new Thread(Support::gatekeeper, gate).daemon(false);
        d.start();
        n.start();
        assertTrue(d.javaThread().isDaemon());
        assertFalse(n.javaThread().isDaemon());
        assertNotSame(d.javaThread(), n.javaThread());
        gate.set();
        d.join();
        n.join();
    }
}
