package dev.pyconcurrent.threading;

import static dev.pyconcurrent.testing.CPython.assertPrints;
import static dev.pyconcurrent.testing.CPython.assertRaises;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.RuntimeError;
import dev.pyconcurrent.builtins.Traceback;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.testing.Spawned;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class BarrierTest extends Support {
    @Test
    void errors() {
        assertRaises(ValueError.class, TOPIC, "barrier_zero", () -> new Barrier(0));
        assertRaises(ValueError.class, TOPIC, "barrier_negative", () -> new Barrier(-1));
        assertRaises(BrokenBarrierError.class, TOPIC, "barrier_aborted_wait", () -> {
            Barrier b = new Barrier(2);
            b.abort();
            b.await();
        });
    }

    @Test
    void repr() {
        assertPrints(TOPIC, "barrier_repr", () -> {
            Barrier b = new Barrier(3);
            Py.print(b, b.parties(), b.nWaiting(), b.broken());
            b.abort();
            Py.print(b, b.parties(), b.nWaiting(), b.broken());
            b.reset();
            Py.print(b, b.broken());
        });
    }

    @Test
    void timeoutBreaks() {
        assertPrints(TOPIC, "barrier_timeout", () -> {
            Barrier b = new Barrier(2);
            try {
                b.await(0.01);
            } catch (BrokenBarrierError e) {
                Py.print(Py.repr(e), e.getMessage().isEmpty(), e instanceof RuntimeError, b.broken(), b.nWaiting());
            }
            b.reset();
            Py.print(b.broken(), b);
        });
        assertPrints(TOPIC, "barrier_default_timeout", () -> {
            Barrier b = new Barrier(2, -1);
            try {
                b.await();
            } catch (BrokenBarrierError e) {
                Py.print(Py.repr(e), b.broken());
            }
        });
        assertEquals("threading.BrokenBarrierError", Traceback.qualifiedName(new BrokenBarrierError()));
    }

    @Test
    void cycles() {
        assertPrints(TOPIC, "barrier_cycle", () -> {
            List<Object> seen = Collections.synchronizedList(new ArrayList<>());
            Barrier b = new Barrier(3, () -> seen.add("action"));
            List<Integer> indexes = Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                threads.add(new Thread(() -> {
                    indexes.add(b.await(10));
                    indexes.add(b.await(10));
                }));
            }
            for (Thread t : threads) t.start();
            indexes.add(b.await(10));
            indexes.add(b.await(10));
            for (Thread t : threads) t.join();
            List<Integer> sorted = new ArrayList<>(indexes);
            Collections.sort(sorted);
            Py.print(sorted, seen, b);
        });
    }

    @Test
    void actionError() {
        assertPrints(TOPIC, "barrier_action_error", () -> {
            Barrier b = new Barrier(1, () -> {
                throw new ValueError("boom");
            });
            try {
                b.await();
            } catch (ValueError e) {
                Py.print("ValueError", e.getMessage(), b.broken());
            }
        });
        Barrier b = new Barrier(1, () -> {
            throw new java.io.IOException("checked");
        }, 5);
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, b::await);
        assertEquals("checked", e.getMessage());
        assertTrue(b.broken());
    }

    @Test
    void resetWakesWaiters() {
        assertPrints(TOPIC, "barrier_reset_waiting", () -> {
            Barrier b = new Barrier(2);
            List<Object> results = Collections.synchronizedList(new ArrayList<>());
            dev.pyconcurrent.builtins.Action0 party = () -> {
                try {
                    b.await(10);
                    results.add("passed");
                } catch (BrokenBarrierError e) {
                    results.add("broken");
                }
            };
            Thread t = new Thread(party);
            t.start();
            Spawned.until(() -> b.nWaiting() > 0);
            b.reset();
            t.join();
            Py.print(results, b.broken(), b);
            t = new Thread(party);
            t.start();
            int index = b.await(10);
            Py.print(index == 0 || index == 1);
            t.join();
            Py.print(results);
        });
    }
}
