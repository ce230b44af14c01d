package dev.pyconcurrent.threading;

import static dev.pyconcurrent.testing.CPython.assertPrints;
import static dev.pyconcurrent.testing.CPython.assertRaises;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.builtins.KeyboardInterrupt;
import dev.pyconcurrent.builtins.OverflowError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.RuntimeError;
import dev.pyconcurrent.builtins.ValueError;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LockTest extends Support {
    @Test
    void repr() {
        assertPrints(TOPIC, "lock_repr", () -> {
            Lock lock = new Lock();
            Py.print(lock);
            lock.acquire();
            Py.print(lock, lock.locked());
            lock.release();
            Py.print(lock, lock.locked());
        });
    }

    @Test
    void errors() {
        assertRaises(RuntimeError.class, TOPIC, "lock_release_unlocked", () -> new Lock().release());
        assertRaises(ValueError.class, TOPIC, "lock_nonblocking_timeout", () -> new Lock().acquire(false, 1));
        assertRaises(ValueError.class, TOPIC, "lock_negative_timeout", () -> new Lock().acquire(-2));
        assertRaises(ValueError.class, TOPIC, "lock_nan_timeout", () -> new Lock().acquire(Double.NaN));
        assertRaises(OverflowError.class, TOPIC, "lock_overflow_timeout", () -> new Lock().acquire(1e10));
    }

    @Test
    void acquireForms() {
        assertPrints(TOPIC, "lock_acquire_forms", () -> {
            Lock lock = new Lock();
            Py.print(lock.acquire(), lock.acquire(false), lock.acquire(true, 0), lock.acquire(0.01), lock.acquire(false, -1));
            Thread t = new Thread(lock::release);
            t.start();
            t.join();
            Py.print(lock.locked(), lock.acquire(false, -1), lock.acquire(0));
            lock.release();
            try (var held = lock.enter()) {
                Py.print("in with", lock.locked());
            }
            Py.print(lock.locked(), Threading.TIMEOUT_MAX);
        });
    }

    @Test
    void aliasesAndLongTimeout() {
        Lock lock = new Lock();
        assertTrue(lock.acquireLock());
        assertTrue(lock.lockedLock());
        lock.releaseLock();
        assertFalse(lock.locked());
        assertTrue(lock.acquire(Threading.TIMEOUT_MAX));
        assertFalse(lock.acquire(true, 0.001));
        lock.release();
    }

    @Test
    void interruptedAcquireRaisesKeyboardInterrupt() {
        Lock lock = new Lock();
        lock.acquire();
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Event waiting = new Event();
        Thread t = new Thread(() -> {
            waiting.set();
            try {
                lock.acquire();
            } catch (Throwable e) {
                seen.set(e);
            }
        });
        t.start();
        waiting.await(10);
        t.javaThread().interrupt();
        t.join(10);
        assertTrue(seen.get() instanceof KeyboardInterrupt, String.valueOf(seen.get()));
        assertThrows(KeyboardInterrupt.class, () -> {
            java.lang.Thread.currentThread().interrupt();
            lock.acquire(true, 5);
        });
        assertTrue(java.lang.Thread.interrupted(), "interrupt status restored");
        lock.release();
    }
}
