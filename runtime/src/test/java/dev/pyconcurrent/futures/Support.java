package dev.pyconcurrent.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyconcurrent.builtins.Callable0;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.testing.NoThreadLeft;
import dev.pyconcurrent.threading.Event;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Shared by the futures tests: reference/futures.py's helpers ({@code logged}, {@code boom},
 * {@code finished}, {@code failed}, {@code rel}) and a check that every test leaves no
 * thread behind (worker threads included).
 */
@ExtendWith(NoThreadLeft.class)
abstract class Support {
    static final String TOPIC = "futures";

    static {
        // ThreadPoolExecutor's class initialization starts its one Cleaner thread: do it before any baseline.
        new ThreadPoolExecutor(1).shutdown();
    }

    /** The reference's {@code logged(fn)}: runs {@code fn} with stderr captured, prints its first and last lines. */
    static <T> T logged(Callable0<T> fn) {
        PrintStream saved = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            return fn.call();
        } catch (Exception e) {
            throw Py.rethrow(e);
        } finally {
            System.setErr(saved);
            String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n", -1);
            java.util.List<String> ls = new java.util.ArrayList<>();
            for (String l : lines) ls.add(l.replaceAll("Future \\d+ in", "Future N in"));
            if (!ls.isEmpty() && ls.get(ls.size() - 1).isEmpty()) ls.remove(ls.size() - 1);
            Py.print("logged:", ls.isEmpty() ? null : ls.get(0), "|", ls.size() > 1 ? ls.get(ls.size() - 1) : null);
        }
    }

    /** {@code assertRaises} that also compares what the case printed before raising. */
    static <T extends Throwable> T raisesAfterPrinting(Class<T> type, String name, org.junit.jupiter.api.function.Executable body) {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        T t;
        try {
            t = dev.pyconcurrent.testing.CPython.assertRaises(type, TOPIC, name, body);
        } finally {
            System.setOut(saved);
        }
        assertEquals(dev.pyconcurrent.testing.CPython.of(TOPIC, name).stdout(),
                dev.pyconcurrent.testing.CPython.normalize(buf.toString(StandardCharsets.UTF_8)), TOPIC + "/" + name + " stdout");
        return t;
    }

    static void loggedRun(dev.pyconcurrent.builtins.Action0 fn) {
        logged(() -> {
            fn.call();
            return null;
        });
    }

    static Object boom() {
        throw new ValueError("boom");
    }

    static Object boom(Object a) {
        throw new ValueError("boom");
    }

    static <T> Future<T> finished(T value) {
        Future<T> f = new Future<>();
        f.setResult(value);
        return f;
    }

    static Future<Object> failed(Throwable e) {
        Future<Object> f = new Future<>();
        f.setException(e);
        return f;
    }

    /** The reference's {@code rel(name, base)}. */
    static String rel(String name, int base) {
        Matcher m = Pattern.compile("ThreadPoolExecutor-(\\d+)").matcher(name);
        StringBuilder sb = new StringBuilder();
        while (m.find()) m.appendReplacement(sb, "ThreadPoolExecutor-+" + (Integer.parseInt(m.group(1)) - base));
        return m.appendTail(sb).toString();
    }

    static String currentName() {
        return dev.pyconcurrent.threading.Threading.currentThread().name();
    }

    static int pow(int a, int b) {
        return (int) Math.pow(a, b);
    }

    /** Occupies a worker of {@code e}: a call that waits (10 s at most) for {@code gate}; returns once it runs. */
    static Future<Boolean> occupy(ThreadPoolExecutor e, Event gate) {
        Event started = new Event();
        Future<Boolean> f = e.submit(() -> {
            started.set();
            return gate.await(10);
        });
        started.await(10);
        return f;
    }
}
