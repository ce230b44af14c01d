package dev.pyconcurrent.heapq;

import static dev.pyconcurrent.testing.CPython.assertPrints;
import static dev.pyconcurrent.testing.CPython.assertRaises;

import dev.pyconcurrent.builtins.IndexError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.TypeError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Heapq against CPython's _heapq (reference/queue.py, case heapq_algorithms). */
class HeapqTest {
    @Test
    void siftsExactlyAsCPython() {
        assertPrints("queue", "heapq_algorithms", () -> {
            List<Object> data = Arrays.asList(3, 1.0, true, 2, 1, 0, 2.0, false, 0.0, 3.0, 1, 2, true, 0, 5, -1, 1.0);
            List<Object> h = new ArrayList<>(data);
            Heapq.heapify(h);
            Py.print(h);
            List<Object> popped = new ArrayList<>();
            for (int i = 0; i < data.size(); i++) popped.add(Heapq.heappop(h));
            Py.print(popped);
            h = new ArrayList<>();
            for (Object x : data) Heapq.heappush(h, x);
            Py.print(h);
            try {
                Heapq.heappop(h);
                Heapq.heappop(new ArrayList<>());
            } catch (IndexError e) {
                Py.print("IndexError", e.getMessage());
            }
        });
    }

    @Test
    void noneIsNotAList() {
        assertRaises(TypeError.class, "queue", "heappush_none", () -> Heapq.heappush(null, 1));
        assertRaises(TypeError.class, "queue", "heappop_none", () -> Heapq.heappop(null));
        assertRaises(TypeError.class, "queue", "heapify_none", () -> Heapq.heapify(null));
    }
}
