package dev.pyconcurrent.threading;

import static dev.pyconcurrent.testing.CPython.assertPrints;
import static dev.pyconcurrent.testing.CPython.assertRaises;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.builtins.KeyboardInterrupt;
import dev.pyconcurrent.builtins.OverflowError;
import dev.pyconcurrent.builtins.Py;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTest extends Support {
    @Test
    void forms() {
        assertPrints(TOPIC, "event_forms", () -> {
            Event e = new Event();
            Py.print(e, e.isSet(), e.await(0.01), e.await(0), e.await(-1), e.await(Double.NaN));
            e.set();
            Py.print(e, e.isSet(), e.await(), e.await(1e10), e.await(0), e.await(-1));
            e.clear();
            Py.print(e, e.isSet());
        });
    }

    @Test
    void overflow() {
        assertRaises(OverflowError.class, TOPIC, "event_overflow", () -> new Event().await(1e10));
    }

    @Test
    void wakesAllWaiters() {
        assertPrints(TOPIC, "event_other_thread", () -> {
            Event e = new Event();
            List<Object> got = Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 3; i++) threads.add(new Thread(() -> got.add(e.await(10))));
            for (Thread t : threads) t.start();
            e.set();
            for (Thread t : threads) t.join();
            Py.print(got);
        });
    }

    @Test
    void interrupted() {
        Event e = new Event();
        assertThrows(KeyboardInterrupt.class, () -> {
            java.lang.Thread.currentThread().interrupt();
            e.await();
        });
        assertTrue(java.lang.Thread.interrupted());
        assertThrows(KeyboardInterrupt.class, () -> {
            java.lang.Thread.currentThread().interrupt();
            e.await(5);
        });
        assertTrue(java.lang.Thread.interrupted());
    }
}
