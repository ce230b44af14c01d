package dev.pyconcurrent.kernel;

import dev.pyconcurrent.builtins.KeyboardInterrupt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stop points woven into a class end its loops and recursions in a stopped thread group, on any JDK. */
@Timeout(60)
class StopPointsTest {

    /** Code as a cell would write it: a busy loop, a busy loop that swallows exceptions, a runaway recursion. */
    public static final class Cellish {
        public static volatile CountDownLatch started;
        public static long spin() {
            started.countDown();
            long n = 0;
            while (true) n++;
        }
        public static void swallow() {
            started.countDown();
            while (true) {
                try {
                    while (true) { }
                } catch (RuntimeException e) {
                    // a cell that catches everything still ends at the next stop point
                }
            }
        }
        public static long fib(int n) {
            if (n == 40) started.countDown();
            return n < 2 ? n : fib(n - 1) + fib(n - 2);
        }
        public static int sum(int n) {
            int s = 0;
            for (int i = 0; i < n; i++) s += i;
            return s;
        }
    }

    static Class<?> woven() throws Exception {
        String name = Cellish.class.getName();
        byte[] original;
        try (InputStream in = Cellish.class.getResourceAsStream("StopPointsTest$Cellish.class")) {
            original = in.readAllBytes();
        }
        byte[] bytes = SnippetWeaver.weave(original);
        assertNotEquals(original.length, bytes.length, "stop points were inserted");
        return new ClassLoader(StopPointsTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String n, boolean resolve) throws ClassNotFoundException {
                if (!n.equals(name)) return super.loadClass(n, resolve);
                synchronized (getClassLoadingLock(n)) {
                    Class<?> c = findLoadedClass(n);
                    return c != null ? c : defineClass(n, bytes, 0, bytes.length);
                }
            }
        }.loadClass(name);
    }

    /** Runs {@code method} of the woven class in a fresh thread group, stops the group once it runs, returns what ended it. */
    static Throwable stopWhileRunning(String method, Object... args) throws Exception {
        Class<?> c = woven();
        CountDownLatch started = new CountDownLatch(1);
        c.getField("started").set(null, started);
        Class<?>[] types = new Class<?>[args.length];
        for (int i = 0; i < args.length; i++) types[i] = int.class;
        var m = c.getMethod(method, types);
        AtomicReference<Throwable> ended = new AtomicReference<>();
        ThreadGroup group = new ThreadGroup("cell-test");
        java.lang.Thread t = new java.lang.Thread(group, () -> {
            try {
                m.invoke(null, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                ended.set(e.getCause());
            } catch (ReflectiveOperationException e) {
                ended.set(e);
            }
        }, "cell-main");
        t.setDaemon(true);   // if stopping failed, the spinning thread must not keep the test JVM alive
        t.start();
        try {
            assertTrue(started.await(30, TimeUnit.SECONDS));
            StopPoints.stop(group);
            t.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(t.isAlive(), method + " was not stopped");
        } finally {
            StopPoints.releaseFinished();
        }
        return ended.get();
    }

    @Test
    void aBusyLoopEndsWithKeyboardInterrupt() throws Exception {
        Throwable t = stopWhileRunning("spin");
        assertInstanceOf(KeyboardInterrupt.class, t);
        assertEquals(Cellish.class.getName(), t.getStackTrace()[0].getClassName(), "the traceback ends in the cell's code");
    }

    @Test
    void catchingTheInterruptDoesNotKeepTheLoopGoing() throws Exception {
        assertInstanceOf(KeyboardInterrupt.class, stopWhileRunning("swallow"));
    }

    @Test
    void aRunawayRecursionEnds() throws Exception {
        assertInstanceOf(KeyboardInterrupt.class, stopWhileRunning("fib", 60));
    }

    @Test
    void wovenCodeComputesTheSameAndOtherGroupsAreNotStopped() throws Exception {
        Class<?> c = woven();
        ThreadGroup other = new ThreadGroup("stopped-elsewhere");
        StopPoints.stop(other);
        try {
            assertEquals(Cellish.sum(1000), c.getMethod("sum", int.class).invoke(null, 1000));
        } finally {
            StopPoints.releaseFinished();
        }
    }

    @Test
    void aClassThatCannotBeWovenIsLoadedAsItIs() {
        byte[] junk = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 99};
        assertArrayEquals(junk, SnippetWeaver.weave(junk));
    }
}
