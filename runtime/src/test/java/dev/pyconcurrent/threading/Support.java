package dev.pyconcurrent.threading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyconcurrent.builtins.Py;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared by the threading tests: the same normalizations as reference/threading.py
 * (thread numbers relative to a probe thread's, idents as IDENT), the reference's
 * {@code worker}, and a check that every test leaves no thread behind.
 */
abstract class Support {
    static final String TOPIC = "threading";
    private Set<java.lang.Thread> before;

    @BeforeEach
    void recordThreads() {
        before = alive();
    }

    @AfterEach
    void noThreadLeft() throws InterruptedException {
        Set<java.lang.Thread> extra = alive();
        extra.removeAll(before);
        for (java.lang.Thread t : extra) t.join(10_000);
        extra.removeIf(t -> !t.isAlive());
        assertEquals(Set.of(), extra, "threads left running");
    }

    /** Live threads of the test's thread group (where every thread a test starts lives; JVM service threads do not). */
    private static Set<java.lang.Thread> alive() {
        ThreadGroup mine = java.lang.Thread.currentThread().getThreadGroup();
        Set<java.lang.Thread> all = new HashSet<>(java.lang.Thread.getAllStackTraces().keySet());
        all.removeIf(t -> !t.isAlive() || !isWithin(t.getThreadGroup(), mine));
        return all;
    }

    private static boolean isWithin(ThreadGroup g, ThreadGroup root) {
        for (; g != null; g = g.getParent()) if (g == root) return true;
        return false;
    }

    /** The reference's {@code base()}: the number a new thread gets now. */
    static int base() {
        return Integer.parseInt(new Thread().name().split("-")[1]);
    }

    /** The reference's {@code rel(text, base)}. */
    static String rel(Object text, int base) {
        Matcher m = Pattern.compile("(Thread|Dummy)-(\\d+)").matcher(Py.str(text));
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + "-+" + (Integer.parseInt(m.group(2)) - base)));
        }
        return m.appendTail(sb).toString();
    }

    /**
     * The reference's {@code noident(text, *threads)}. Java's idents are small numbers (the
     * main thread's is 1), so only where a repr shows an ident: after {@code owner=},
     * {@code started }, {@code stopped }, {@code daemon }.
     */
    static String noident(Object text, Thread... threads) {
        String s = Py.str(text);
        for (Thread t : threads) {
            if (t.ident() != null) {
                s = s.replaceAll("(owner=|started |stopped |daemon )" + t.ident() + "\\b", "$1IDENT");
            }
        }
        return s;
    }

    static void worker() {
        Py.print("worker");
    }

    static void worker(Object a) {
        Py.print("worker", a);
    }

    static void worker(Object a, Object b) {
        Py.print("worker", a, b);
    }

    static void gatekeeper(Event gate) {
        gate.await();
    }

    /** Runs {@code body}, discarding what it prints. */
    static String stdoutOf(org.junit.jupiter.api.function.Executable body) {
        return dev.pyconcurrent.testing.CPython.stdout(body);
    }

    /** Runs {@code body} in a started thread and joins it. */
    static void inThread(dev.pyconcurrent.builtins.Action0 body) {
        ran(new Thread(body));
    }

    /** Starts {@code t}, joins it, returns it. */
    static Thread ran(Thread t) {
        t.start();
        t.join();
        return t;
    }
}
