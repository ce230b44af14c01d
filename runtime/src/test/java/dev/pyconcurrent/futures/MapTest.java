package dev.pyconcurrent.futures;

import static dev.pyconcurrent.testing.CPython.assertPrints;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.RuntimeError;
import dev.pyconcurrent.builtins.TimeoutError;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.builtins.ZeroDivisionError;
import dev.pyconcurrent.threading.Event;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MapTest extends Support {
    static <T> List<T> list(Iterable<T> it) {
        List<T> out = new ArrayList<>();
        for (T x : it) out.add(x);
        return out;
    }

    static int floorDiv(int a, int b) {
        if (b == 0) throw new ZeroDivisionError("integer division or modulo by zero");
        return Math.floorDiv(a, b);
    }

    @Test
    void results() {
        assertPrints(TOPIC, "map_results", () -> {
            try (ThreadPoolExecutor e = new ThreadPoolExecutor(2)) {
                Py.print(list(e.map(Support::pow, List.of(2, 3, 4), List.of(5, 6))));
                Py.print(list(e.map((Object x) -> Py.str(x), List.of())),
                        list(e.map(Math::abs, List.of(-1, -2), Executor.mapOptions().timeout(10).chunksize(5))));
                Py.print(list(e.map((Integer a, Integer b, Integer c) -> a + b + c, List.of(1), List.of(2), List.of(3))));
            }
        });
    }

    @Test
    void raisesAtFailingItem() {
        raisesAfterPrinting(ZeroDivisionError.class, "map_raises_at_failing_item", () -> {
            try (ThreadPoolExecutor e = new ThreadPoolExecutor(2)) {
                List<Integer> got = new ArrayList<>();
                try {
                    for (int r : e.map((Integer x) -> floorDiv(10, x), List.of(5, 2, 0, 1))) got.add(r);
                } finally {
                    Py.print(got);
                }
            }
        });
    }

    @Test
    void timeout() {
        raisesAfterPrinting(TimeoutError.class, "map_timeout", () -> {
            Event gate = new Event();
            try (ThreadPoolExecutor e = new ThreadPoolExecutor(2)) {
                List<Object> got = new ArrayList<>();
                try {
                    for (Object r : e.map((Integer x) -> x < 2 ? (Object) x : (Object) gate.await(10), List.of(0, 1, 2),
                            Executor.mapOptions().timeout(0.1))) {
                        got.add(r);
                    }
                } finally {
                    Py.print(got);
                    gate.set();
                }
            }
        });
    }

    @Test
    void afterRaisingTheIterationIsOverAndTheRestCancelled() {
        Event gate = new Event();
        try (ThreadPoolExecutor e = new ThreadPoolExecutor(1)) {
            MapResults<Object> it = e.map((Integer x) -> x == 0 ? gate.await(10) : (Object) x, List.of(0, 1, 2),
                    Executor.mapOptions().timeout(0.05));
            assertThrows(TimeoutError.class, it::next);
            assertFalse(it.hasNext());
            assertThrows(NoSuchElementException.class, it::next);
            gate.set();
        }
    }

    @Test
    void closeCancelsPending() {
        Event started = new Event();
        Event gate = new Event();
        try (ThreadPoolExecutor e = new ThreadPoolExecutor(1)) {
            try (MapResults<Object> it = e.map((Integer x) -> {
                started.set();
                return gate.await(10);
            }, List.of(1, 2, 3))) {
                assertTrue(started.await(10));
                assertTrue(it.hasNext());
            }
            // the running call goes on; the queued ones were cancelled: the pool drains at once
            Future<Integer> after = e.submit(() -> 7);
            gate.set();
            assertEquals(7, after.result(10));
        }
    }

    @Test
    void buffersizeValidation() {
        try (ThreadPoolExecutor e = new ThreadPoolExecutor(1)) {
            for (int bad : new int[] {0, -1}) {
                ValueError v = assertThrows(ValueError.class, () -> e.map((Integer x) -> x, List.of(1), Executor.mapOptions().buffersize(bad)));
                assertEquals("buffersize must be None or > 0", v.getMessage());
            }
        }
    }

    /** An iterable that counts how far it was read. */
    static final class Counting implements Iterable<Integer> {
        final AtomicInteger pulled = new AtomicInteger();
        final int size;

        Counting(int size) {
            this.size = size;
        }

        @Override
        public Iterator<Integer> iterator() {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return pulled.get() < size;
                }

                @Override
                public Integer next() {
                    return pulled.getAndIncrement();
                }
            };
        }
    }

    @Test
    void buffersizeIsLazy() {
        try (ThreadPoolExecutor e = new ThreadPoolExecutor(1)) {
            for (int buffersize : new int[] {1, 2, 4, 8}) {
                Counting xs = new Counting(4);
                MapResults<String> it = e.map((Integer x) -> "r" + x, xs, Executor.mapOptions().buffersize(buffersize));
                assertEquals(Math.min(buffersize, 4), xs.pulled.get(), "submitted ahead");
                List<String> got = new ArrayList<>();
                while (it.hasNext()) {
                    got.add(it.next());
                    assertTrue(xs.pulled.get() <= Math.min(got.size() + buffersize, 4));
                }
                assertEquals(List.of("r0", "r1", "r2", "r3"), got);
            }
            // an endless input is fine with a buffer
            Iterable<Integer> naturals = () -> new Iterator<>() {
                int n;

                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public Integer next() {
                    return n++;
                }
            };
            MapResults<Integer> it = e.map((Integer x) -> x * x, naturals, Executor.mapOptions().buffersize(3));
            assertEquals(List.of(0, 1, 4, 9), List.of(it.next(), it.next(), it.next(), it.next()));
            it.close();
            assertFalse(it.hasNext());
        }
    }

    @Test
    void withoutBuffersizeEverythingIsSubmittedAtOnce() {
        Counting xs = new Counting(5);
        try (ThreadPoolExecutor e = new ThreadPoolExecutor(1)) {
            MapResults<Integer> it = e.map((Integer x) -> x, xs);
            assertEquals(5, xs.pulled.get());
            assertEquals(List.of(0, 1, 2, 3, 4), list(it));
        }
    }

    @Test
    void buffersizeSubmitAfterShutdownRaisesAtNext() {
        ThreadPoolExecutor e = new ThreadPoolExecutor(1);
        MapResults<Integer> it = e.map((Integer x) -> x, List.of(1, 2, 3), Executor.mapOptions().buffersize(1));
        e.shutdown();
        RuntimeError r = assertThrows(RuntimeError.class, it::next);
        assertEquals("cannot schedule new futures after shutdown", r.getMessage());
        assertFalse(it.hasNext());
    }
}
