package dev.pyconcurrent.threading;

import static dev.pyconcurrent.testing.CPython.assertPrints;
import static dev.pyconcurrent.testing.CPython.assertRaises;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.builtins.KeyboardInterrupt;
import dev.pyconcurrent.builtins.OverflowError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.RuntimeError;
import dev.pyconcurrent.builtins.TypeError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ConditionTest extends Support {
    @Test
    void repr() {
        assertPrints(TOPIC, "condition_repr", () -> {
            Py.print(new Condition());
            Py.print(new Condition(new Lock()));
        });
    }

    @Test
    void errors() {
        assertRaises(RuntimeError.class, TOPIC, "condition_wait_unacquired", () -> new Condition().await());
        assertRaises(RuntimeError.class, TOPIC, "condition_wait_timeout_unacquired", () -> new Condition().await(1));
        assertRaises(RuntimeError.class, TOPIC, "condition_notify_unacquired", () -> new Condition().signal());
        assertRaises(RuntimeError.class, TOPIC, "condition_notify_all_unacquired", () -> new Condition(new Lock()).signalAll());
        assertRaises(OverflowError.class, TOPIC, "condition_wait_overflow", () -> {
            Condition c = new Condition();
            try (var held = c.enter()) {
                c.await(1e10);
            }
        });
    }

    @Test
    void timeouts() {
        assertPrints(TOPIC, "condition_timeouts", () -> {
            Condition c = new Condition();
            try (var held = c.enter()) {
                Py.print(c.await(0.01), c.await(0), c.await(-1), c.await(Double.NaN));
                Py.print(Py.repr(c.awaitFor(() -> 0, 0.01)), Py.repr(c.awaitFor(() -> "x")),
                        Py.repr(c.awaitFor(() -> List.of(), 0)), Py.repr(c.awaitFor(() -> null, -1)));
                c.signal(0);
                c.signal(-1);
                c.signal();
                c.signalAll();
            }
            Py.print(c.acquire(), c.acquire(false));
            c.release();
            c.release();
        });
    }

    @Test
    void signalCountsWaiters() {
        assertPrints(TOPIC, "condition_notify", () -> {
            Condition c = new Condition();
            Event ready = new Event();
            List<Object> woken = Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = new ArrayList<>();
            for (int n = 0; n < 3; n++) {
                ready.clear();
                int id = n;
                Thread t = new Thread(() -> {
                    try (var held = c.enter()) {
                        ready.set();
                        woken.add(Py.tuple(id, c.await()));
                    }
                });
                t.start();
                threads.add(t);
                ready.await();
            }
            try (var held = c.enter()) {
                Thread me = Threading.currentThread();
                Py.print(noident(c, me));
                c.signal();
                Py.print(noident(c, me));
                c.signal(5);
                Py.print(noident(c, me));
            }
            for (Thread t : threads) t.join();
            List<Object> sorted = new ArrayList<>(woken);
            sorted.sort(Py::compare);
            Py.print(sorted);
        });
    }

    @Test
    void awaitForOtherThread() {
        assertPrints(TOPIC, "condition_wait_for_other_thread", () -> {
            Condition c = new Condition(new Lock());
            List<Integer> items = new ArrayList<>();
            Thread t = new Thread(() -> {
                for (int i = 0; i < 3; i++) {
                    try (var held = c.enter()) {
                        items.add(i);
                        c.signal();
                    }
                }
            });
            try (var held = c.enter()) {
                t.start();
                Py.print(c.awaitFor(() -> items.size() == 3 ? items : null, 10));
            }
            t.join();
        });
    }

    @Test
    void rlockIsFullyReleasedWhileWaiting() {
        RLock r = new RLock();
        Condition c = new Condition(r);
        r.acquire();
        r.acquire();
        Thread t = new Thread(() -> {
            try (var held = c.enter()) {
                c.signal();
            }
        });
        try (var held = c.enter()) {
            t.start();
            assertTrue(c.await(10));
            assertEquals(3, r.recursionCount());
            assertTrue(c.locked());
        }
        r.release();
        r.release();
        assertFalse(r.locked());
        t.join();
        assertTrue(c.lock() == r);
    }

    @Test
    void interruptedAwaitKeepsLockAndRaises() {
        Condition c = new Condition();
        AtomicReference<Object> seen = new AtomicReference<>();
        Event waiting = new Event();
        Thread t = new Thread(() -> {
            try (var held = c.enter()) {
                waiting.set();
                try {
                    c.await();
                } catch (KeyboardInterrupt e) {
                    seen.set(((RLock) c.lock()).isOwned());
                }
            }
        });
        t.start();
        waiting.await(10);
        try (var held = c.enter()) {
            t.javaThread().interrupt();
        }
        t.join(10);
        assertEquals(Boolean.TRUE, seen.get());
        assertThrows(KeyboardInterrupt.class, () -> {
            try (var held = c.enter()) {
                java.lang.Thread.currentThread().interrupt();
                c.await(5);
            }
        });
        assertTrue(java.lang.Thread.interrupted());
    }

    @Test
    void acquireFormsDelegateToTheLock() {
        Condition c = new Condition(new Lock());
        assertTrue(c.acquire(true, -1));
        assertFalse(c.acquire(0.01));
        assertFalse(c.acquire(true, 0));
        assertFalse(c.acquire(false));
        assertTrue(c.locked());
        c.release();
        assertTrue(c.acquire(1.0));
        c.close();
        assertFalse(c.locked());
        org.junit.jupiter.api.Assertions.assertThrows(dev.pyconcurrent.builtins.ValueError.class, () -> c.acquire(false, 1));
        Condition r = new Condition(new RLock());
        assertTrue(r.acquire(true, 1));
        assertTrue(r.acquire(false));
        assertEquals(2, ((RLock) r.lock()).recursionCount());
        r.release();
        r.release();
    }

    @Test
    void truthiness() {
        assertFalse(dev.pyconcurrent.builtins.Py.bool(0L));
        assertFalse(dev.pyconcurrent.builtins.Py.bool(0.0));
        assertFalse(dev.pyconcurrent.builtins.Py.bool(""));
        assertFalse(dev.pyconcurrent.builtins.Py.bool(new int[0]));
        assertFalse(dev.pyconcurrent.builtins.Py.bool(java.util.Map.of()));
        assertTrue(dev.pyconcurrent.builtins.Py.bool(new Object()));
        assertTrue(dev.pyconcurrent.builtins.Py.bool(java.math.BigInteger.ONE));
    }

    @Test
    void noneWhereCPythonTakesNone() {
        assertPrints(TOPIC, "condition_none_lock", () -> {
            Condition c = new Condition((Lock) null);
            Py.print(c.lock().getClass().getSimpleName());
            try (var held = c.enter()) {
                Py.print(c.isOwned(), c.await(0));
            }
        });
        assertEquals(RLock.class, new Condition((RLock) null).lock().getClass());
        Condition c = new Condition();
        try (var held = c.enter()) {
            assertRaises(TypeError.class, TOPIC, "condition_wait_for_none", () -> c.awaitFor(null));
            assertRaises(TypeError.class, TOPIC, "condition_wait_for_none_timeout", () -> c.awaitFor(null, 1));
        }
    }
}
