package dev.pyconcurrent.threading;

import static dev.pyconcurrent.testing.CPython.assertPrints;
import static dev.pyconcurrent.testing.CPython.assertRaises;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.builtins.OverflowError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.RuntimeError;
import dev.pyconcurrent.builtins.ValueError;
import org.junit.jupiter.api.Test;

class RLockTest extends Support {
    @Test
    void repr() {
        assertPrints(TOPIC, "rlock_repr", () -> {
            RLock r = new RLock();
            Py.print(r);
            r.acquire();
            r.acquire();
            Py.print(noident(r, Threading.currentThread()), r.isOwned(), r.recursionCount());
            r.release();
            Py.print(noident(r, Threading.currentThread()), r.recursionCount());
            r.release();
            Py.print(r, r.isOwned(), r.recursionCount());
        });
    }

    @Test
    void errors() {
        assertRaises(RuntimeError.class, TOPIC, "rlock_release_unowned", () -> new RLock().release());
        assertRaises(ValueError.class, TOPIC, "rlock_nonblocking_timeout", () -> new RLock().acquire(false, 1));
        assertRaises(ValueError.class, TOPIC, "rlock_negative_timeout", () -> new RLock().acquire(-2));
        assertRaises(ValueError.class, TOPIC, "lock_nan_timeout", () -> new RLock().acquire(Double.NaN));
        assertRaises(OverflowError.class, TOPIC, "lock_overflow_timeout", () -> new RLock().acquire(1e10));
    }

    @Test
    void otherThread() {
        assertPrints(TOPIC, "rlock_other_thread", () -> {
            RLock r = new RLock();
            try (var held = r.enter()) {
                Thread t = new Thread(() -> {
                    Py.print(r.acquire(false), r.acquire(0.01), r.isOwned(), r.recursionCount());
                    try {
                        r.release();
                    } catch (RuntimeError e) {
                        Py.print("RuntimeError", e.getMessage());
                    }
                });
                t.start();
                t.join();
            }
            Thread t = new Thread(() -> Py.print(r.acquire(false), r.recursionCount()));
            t.start();
            t.join();
        });
    }

    @Test
    void lockedIsPython314AndFormsWork() {
        RLock r = new RLock();
        assertFalse(r.locked());
        assertTrue(r.acquire(true, -1));
        assertTrue(r.acquire(true));
        assertTrue(r.acquire(1.0));
        assertTrue(r.locked());
        assertEquals(3, r.recursionCount());
        r.release();
        r.release();
        r.release();
        assertFalse(r.locked());
        assertTrue(r.acquire(true, 0));
        r.release();
    }
}
