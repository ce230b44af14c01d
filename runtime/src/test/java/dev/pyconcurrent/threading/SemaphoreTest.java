package dev.pyconcurrent.threading;

import static dev.pyconcurrent.testing.CPython.assertPrints;
import static dev.pyconcurrent.testing.CPython.assertRaises;

import dev.pyconcurrent.builtins.OverflowError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.ValueError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SemaphoreTest extends Support {
    @Test
    void repr() {
        assertPrints(TOPIC, "semaphore_repr", () -> {
            Semaphore s = new Semaphore(2);
            BoundedSemaphore b = new BoundedSemaphore(2);
            Py.print(s, b, new Semaphore());
            s.acquire();
            b.acquire();
            Py.print(s, b, s.value());
        });
    }

    @Test
    void errors() {
        assertRaises(ValueError.class, TOPIC, "semaphore_negative", () -> new Semaphore(-1));
        assertRaises(ValueError.class, TOPIC, "bounded_semaphore_negative", () -> new BoundedSemaphore(-1));
        assertRaises(ValueError.class, TOPIC, "semaphore_release_zero", () -> new Semaphore().release(0));
        assertRaises(ValueError.class, TOPIC, "bounded_semaphore_release_zero", () -> new BoundedSemaphore().release(0));
        assertRaises(ValueError.class, TOPIC, "semaphore_nonblocking_timeout", () -> new Semaphore().acquire(false, 1));
        assertRaises(ValueError.class, TOPIC, "bounded_semaphore_overrelease", () -> new BoundedSemaphore(1).release());
        assertRaises(ValueError.class, TOPIC, "bounded_semaphore_overrelease_n", () -> {
            BoundedSemaphore b = new BoundedSemaphore(2);
            b.acquire();
            b.release(2);
        });
        assertRaises(OverflowError.class, TOPIC, "semaphore_overflow", () -> new Semaphore(0).acquire(1e10));
    }

    @Test
    void forms() {
        assertPrints(TOPIC, "semaphore_forms", () -> {
            Semaphore s = new Semaphore(2);
            Py.print(s.acquire(), s.acquire(1e10), s.acquire(false), s.acquire(0.01), s.acquire(0), s.acquire(-1));
            s.release(2);
            Py.print(s);
            try (var held = s.enter()) {
                Py.print("in with", s);
            }
            Py.print(s);
            BoundedSemaphore b = new BoundedSemaphore(3);
            b.acquire();
            b.acquire();
            b.release(2);
            try (var held = b.enter()) {
                Py.print(b);
            }
            Py.print(b);
        });
    }

    @Test
    void blockingForms() {
        Semaphore s = new Semaphore(1);
        org.junit.jupiter.api.Assertions.assertTrue(s.acquire(true, 1));
        org.junit.jupiter.api.Assertions.assertFalse(s.acquire(true, 0.001));
        s.release();
        org.junit.jupiter.api.Assertions.assertTrue(s.acquire(true));
        s.close();
        org.junit.jupiter.api.Assertions.assertEquals(1, s.value());
        BoundedSemaphore b = new BoundedSemaphore(2);
        org.junit.jupiter.api.Assertions.assertEquals(2, b.initialValue());
        try (var held = b.enter()) {
            org.junit.jupiter.api.Assertions.assertEquals(1, b.value());
        }
        org.junit.jupiter.api.Assertions.assertThrows(dev.pyconcurrent.builtins.KeyboardInterrupt.class, () -> {
            java.lang.Thread.currentThread().interrupt();
            new Semaphore(0).acquire();
        });
        org.junit.jupiter.api.Assertions.assertTrue(java.lang.Thread.interrupted());
        org.junit.jupiter.api.Assertions.assertThrows(dev.pyconcurrent.builtins.KeyboardInterrupt.class, () -> {
            java.lang.Thread.currentThread().interrupt();
            new Semaphore(0).acquire(5);
        });
        org.junit.jupiter.api.Assertions.assertTrue(java.lang.Thread.interrupted());
    }

    @Test
    void otherThread() {
        assertPrints(TOPIC, "semaphore_other_thread", () -> {
            Semaphore s = new Semaphore(0);
            List<Object> got = Collections.synchronizedList(new ArrayList<>());
            Thread t = new Thread(() -> got.add(s.acquire(10)));
            t.start();
            s.release();
            t.join();
            Py.print(got, s);
        });
    }
}
