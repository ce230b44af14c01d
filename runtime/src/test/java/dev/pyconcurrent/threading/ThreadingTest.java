package dev.pyconcurrent.threading;

import static dev.pyconcurrent.testing.CPython.assertPrints;
import static dev.pyconcurrent.testing.CPython.assertRaises;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.builtins.KeyError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.SystemExit;
import dev.pyconcurrent.builtins.Traceback;
import dev.pyconcurrent.builtins.ValueError;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadingTest extends Support {
    static void boom(String message) {
        throw new ValueError(message);
    }

    static void exit3() {
        throw new SystemExit(3);
    }

    /** What {@code body} writes to {@code System.err}. */
    static String stderrOf(Runnable body) {
        PrintStream saved = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(saved);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void defaultExcepthook() {
        assertPrints(TOPIC, "excepthook_default", () -> {
            String err = stderrOf(() -> {
                ran(new Thread(ThreadingTest::boom, "bad").name("Worker"));
                inThread(ThreadingTest::exit3);
            });
            String[] lines = err.split("\n");
            Py.print(lines[0] + "\n" + lines[1] + "\n" + lines[lines.length - 1]);
            Py.print(Threading.excepthook() == Threading.DEFAULT_EXCEPTHOOK);
        });
    }

    /**
     * What docs/deviations/kernel.adoc says of {@code System.exit} in threads: a runtime
     * {@link Thread} ends silently on {@code SystemExit} (CPython's threading), while a plain
     * {@code java.lang.Thread} has no excepthook and the JVM's default handler reports it.
     */
    @Test
    void systemExitEndsARuntimeThreadSilentlyButNotAJavaThread() {
        assertEquals("", stderrOf(() -> inThread(ThreadingTest::exit3)));
        String err = stderrOf(() -> {
            java.lang.Thread plain = new java.lang.Thread(ThreadingTest::exit3, "plain");
            plain.start();
            dev.pyconcurrent.testing.Spawned.join(plain);
        });
        assertTrue(err.startsWith("Exception in thread \"plain\" SystemExit(3)\n\tat "), err);
    }

    @Test
    void customExcepthook() {
        assertPrints(TOPIC, "excepthook_custom", () -> {
            int n = base();
            List<Object> seen = Collections.synchronizedList(new ArrayList<>());
            Threading.setExcepthook(args -> seen.add(Py.tuple(Traceback.name(args.excValue()), Py.str(args.excValue()),
                    args.excTraceback() != null, rel(args.thread().name(), n), args.excValue().getClass() == args.excType())));
            try {
                ran(new Thread(ThreadingTest::boom, "x"));
                Py.print(ran(new Thread(() -> exit3())).isAlive());
            } finally {
                Threading.setExcepthook(Threading.DEFAULT_EXCEPTHOOK);
            }
            Py.print(seen);
        });
    }

    @Test
    void failingExcepthook() {
        assertPrints(TOPIC, "excepthook_failing_hook", () -> {
            Threading.setExcepthook(args -> {
                throw new KeyError("hook");
            });
            String err;
            try {
                err = stderrOf(() -> inThread(() -> boom("x")));
            } finally {
                Threading.setExcepthook(null);
            }
            String[] lines = err.split("\n");
            Py.print(lines[0] + "\n" + lines[lines.length - 1]);
        });
    }

    @Test
    void excepthookArgs() {
        assertPrints(TOPIC, "excepthook_args_repr", () -> {
            ExceptHookArgs args = new ExceptHookArgs(ValueError.class, new ValueError("x"), null, null);
            Py.print(args);
            Py.print("<class '" + Traceback.name(args.excValue()) + "'>", args.excValue(), args.excTraceback(), args.thread());
        });
        ExceptHookArgs of = ExceptHookArgs.of(new ValueError("y"), Threading.mainThread());
        assertTrue(of.toString().contains("exc_traceback=<traceback object at 0x"), of.toString());
    }

    @Test
    void excepthookCalledDirectly() {
        assertPrints(TOPIC, "excepthook_direct", () -> {
            String err = stderrOf(() -> {
                try {
                    boom("direct");
                } catch (ValueError e) {
                    Threading.excepthook(ExceptHookArgs.of(e, Threading.mainThread()));
                }
            });
            String[] lines = err.split("\n");
            Py.print(lines[0] + "\n" + lines[lines.length - 1]);
        });
        String err = stderrOf(() -> Threading.__excepthook__(new ExceptHookArgs(ValueError.class, new ValueError("z"), null, null)));
        assertEquals("Exception in thread " + Threading.getIdent() + ":\nValueError: z\n", err);
    }

    @Test
    void stackSize() {
        assertPrints(TOPIC, "stack_size_values", () -> Py.print(Threading.stackSize(), Threading.stackSize(32768),
                Threading.stackSize(0), Threading.stackSize()));
        assertRaises(ValueError.class, TOPIC, "stack_size_too_small", () -> Threading.stackSize(1));
        assertRaises(ValueError.class, TOPIC, "stack_size_negative", () -> Threading.stackSize(-1));
        Threading.stackSize(1 << 20);
        try {
            Thread t = new Thread(() -> {});
            t.start();
            t.join();
        } finally {
            Threading.stackSize(0);
        }
    }

    @Test
    void traceAndProfile() {
        assertPrints(TOPIC, "trace_and_profile", () -> {
            Object f = (dev.pyconcurrent.builtins.Action0) () -> {};
            Py.print(Threading.gettrace(), Threading.getprofile());
            Threading.settrace(f);
            Threading.setprofile(f);
            Py.print(Threading.gettrace() == f, Threading.getprofile() == f);
            Threading.settraceAllThreads(null);
            Threading.setprofileAllThreads(null);
            Py.print(Threading.gettrace(), Threading.getprofile());
        });
    }

    @Test
    void timeoutMax() {
        assertEquals(9223372036.0, Threading.TIMEOUT_MAX);
    }

    @Test
    void setMainThreadRebinds() throws InterruptedException {
        Thread main = Threading.mainThread();
        java.lang.Thread original = main.javaThread();
        Object[] seen = new Object[4];
        Event go = new Event();
        java.lang.Thread host = new java.lang.Thread(() -> {
            go.await(10);
            seen[0] = Threading.currentThread();
            seen[1] = new Thread().daemon();
            seen[2] = Threading.currentThread().ident() == Threading.getIdent();
        });
        host.setDaemon(true);
        host.start();
        Threading.setMainThread(host);
        try {
            go.set();
            host.join(10_000);
            seen[3] = Threading.currentThread();
            Long hostNative = main.nativeId();
            assertTrue(hostNative != null && hostNative != Threading.getNativeId());
        } finally {
            Threading.setMainThread(original);
        }
        assertSame(main, seen[0]);
        assertEquals(Threading.getNativeId(), main.nativeId(), "native id read again after rebinding");
        assertEquals(false, seen[1]);
        assertEquals(true, seen[2]);
        assertTrue(seen[3] instanceof DummyThread, String.valueOf(seen[3]));
        assertSame(main, Threading.currentThread());
        assertEquals(original.getId(), main.ident());
        Event gate = new Event();
        Thread started = new Thread(Support::gatekeeper, gate);
        started.start();
        try {
            org.junit.jupiter.api.Assertions.assertThrows(ValueError.class, () -> Threading.setMainThread(started.javaThread()));
            org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class, () -> Threading.setMainThread(null));
        } finally {
            gate.set();
            started.join();
        }
        assertSame(main, Threading.currentThread());
    }
}
