package dev.pyconcurrent.queue;

import static dev.pyconcurrent.testing.CPython.assertPrints;
import static dev.pyconcurrent.testing.CPython.assertRaises;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.builtins.KeyboardInterrupt;
import dev.pyconcurrent.builtins.OverflowError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.Traceback;
import dev.pyconcurrent.builtins.TypeError;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.testing.Spawned;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Queue, LifoQueue, PriorityQueue, SimpleQueue against reference/queue.py, case by case. */
class QueueTest {
    static final String T = "queue";

    /** Python's {@code class Obj: pass}: orderless. */
    static final class Obj {}

    static void show(Throwable e) {
        Py.print(Traceback.qualifiedName(e), Py.repr(e), Py.repr(Py.str(e)));
    }

    static void attempt(Runnable r) {
        try {
            r.run();
        } catch (Empty | Full | ShutDown e) {
            show(e);
        }
    }

    @Test
    void reprs() {
        assertPrints(T, "reprs", () -> {
            Py.print(new Queue<>());
            Py.print(new LifoQueue<>());
            Py.print(new PriorityQueue<>());
            Py.print(new SimpleQueue<>());
            show(new Empty());
            show(new Full());
            show(new ShutDown());
        });
    }

    @Test
    void orders() {
        assertPrints(T, "orders", () -> {
            List<Supplier<Queue<Integer>>> kinds = List.of(Queue::new, LifoQueue::new, PriorityQueue::new);
            for (Supplier<Queue<Integer>> kind : kinds) {
                Queue<Integer> q = kind.get();
                for (int x : new int[] {3, 1, 2}) q.put(x);
                Py.print(q.getClass().getSimpleName(), q.queue(), List.of(q.get(), q.get(), q.get()));
            }
            SimpleQueue<Integer> q = new SimpleQueue<>();
            q.put(3);
            q.put(null);
            q.put(2);
            Py.print(java.util.Arrays.asList(q.get(), q.get(), q.get()));
        });
    }

    @Test
    void priorityTiesComeOutInCPythonsOrder() {
        assertPrints(T, "priority_ties", () -> {
            PriorityQueue<Object> q = new PriorityQueue<>();
            for (Object x : new Object[] {1, 1.0, true, 2, 1.0, 0, true, false, 0.0, 2.0, 1, 0, -1, true, 3.0, 3}) q.put(x);
            Py.print(q.queue());
            List<Object> out = new ArrayList<>();
            for (int n = q.qsize(); n > 0; n--) out.add(q.get());
            Py.print(out);
        });
    }

    @Test
    void priorityTuples() {
        assertPrints(T, "priority_tuples", () -> {
            PriorityQueue<Object> q = new PriorityQueue<>();
            for (Object e : new Object[] {Py.tuple(2, "b"), Py.tuple(1, "z"), Py.tuple(2, "a"), Py.tuple(1, "y"),
                    Py.tuple(0, "x"), Py.tuple(2, "a")}) q.put(e);
            List<Object> out = new ArrayList<>();
            for (int n = q.qsize(); n > 0; n--) out.add(q.getNowait());
            Py.print(out);
        });
    }

    @Test
    void priorityUnorderable() {
        assertPrints(T, "priority_unorderable", () -> {
            PriorityQueue<Object> q = new PriorityQueue<>();
            q.put(Py.tuple(1, new Obj()));
            try {
                q.put(Py.tuple(1, new Obj()));
            } catch (TypeError e) {
                Py.print(e);
            }
            Py.print(q.qsize(), q.unfinishedTasks());
            q = new PriorityQueue<>();
            q.put(1);
            try {
                q.put("a");
            } catch (TypeError e) {
                Py.print(e);
            }
            Py.print(q.qsize(), q.unfinishedTasks());
        });
    }

    @Test
    void priorityGetUnorderable() {
        assertPrints(T, "priority_get_unorderable", () -> {
            PriorityQueue<Object> q = new PriorityQueue<>();
            q.put(1);
            q.put(2);
            try {
                q.put("x");
            } catch (TypeError e) {
                Py.print(e);
            }
            Py.print(q.queue(), q.qsize(), q.unfinishedTasks());
            try {
                q.get();
            } catch (TypeError e) {
                Py.print(e);
            }
            Py.print(q.queue(), q.qsize(), q.unfinishedTasks());
        });
    }

    @Test
    void emptyAndFull() {
        assertRaises(Empty.class, T, "get_nowait_empty", () -> new Queue<>().getNowait());
        assertRaises(Empty.class, T, "simple_get_nowait_empty", () -> new SimpleQueue<>().getNowait());
        assertRaises(Full.class, T, "put_nowait_full", () -> {
            Queue<Integer> q = new Queue<>(1);
            q.putNowait(1);
            q.putNowait(2);
        });
        assertRaises(Full.class, T, "put_timeout_full", () -> {
            Queue<Integer> q = new Queue<>(1);
            q.put(1);
            q.put(2, true, 0.01);
        });
        assertRaises(Empty.class, T, "get_timeout_empty", () -> new Queue<>().get(true, 0.01));
        assertRaises(Empty.class, T, "get_timeout_zero", () -> new LifoQueue<>().get(true, 0));
    }

    @Test
    void timeouts() {
        assertRaises(ValueError.class, T, "get_negative_timeout", () -> new Queue<>().get(true, -1));
        assertRaises(ValueError.class, T, "put_negative_timeout", () -> new Queue<>(1).put(1, true, -1));
        assertPrints(T, "negative_timeout_ignored", () -> {
            Queue<Integer> q = new Queue<>();
            q.put(1, true, -1);
            Queue<Integer> q2 = new Queue<>(1);
            q2.put(1, false, -1);
            attempt(() -> new Queue<>().get(false, -1));
            attempt(() -> new Queue<Integer>(1).put(1, true, 0));
            Py.print(q.get(), q2.get(true, -0.0), "ok");
        });
        assertRaises(OverflowError.class, T, "get_timeout_overflow", () -> new Queue<>().get(true, 1e10));
        assertRaises(OverflowError.class, T, "put_timeout_overflow", () -> {
            Queue<Integer> q = new Queue<>(1);
            q.put(1);
            q.put(2, true, 1e300);
        });
        assertPrints(T, "timeout_overflow_not_waiting", () -> {
            Queue<Integer> q = new Queue<>(2);
            q.put(1, true, 1e300);
            Py.print(q.get(true, 1e10));
        });
    }

    @Test
    void nanTimeoutWaitsLikeNoTimeout() throws Exception {
        // CPython: the NaN passes the `< 0` check and never counts down; an item still arrives.
        Queue<String> q = new Queue<>();
        try (Spawned s = new Spawned()) {
            AtomicReference<String> got = new AtomicReference<>();
            Thread t = s.start(() -> got.set(q.get(true, Double.NaN)));
            Spawned.untilWaiting(q.mutex, q.notEmpty);
            q.put("x");
            Spawned.join(t);
            assertEquals("x", got.get());
        }
    }

    @Test
    void simpleQueue() {
        assertPrints(T, "simple_timeouts", () -> {
            for (double t : new double[] {Double.NaN, 1e10, -1e300, -1, -0.5}) {
                SimpleQueue<Double> q = new SimpleQueue<>();
                q.put(t);
                try {
                    q.get(true, t);
                } catch (ValueError | OverflowError e) {
                    Py.print(Traceback.name(e), e.getMessage());
                }
            }
            SimpleQueue<Integer> q = new SimpleQueue<>();
            q.put(1, true, -5);
            q.put(2, false);
            q.putNowait(3);
            Py.print(q.qsize(), q.empty(), q.get(false, -1), q.get(true, -1e-10), q.get(true, 0), q.empty());
            attempt(() -> q.get(false, -1));
            attempt(() -> q.get(true, 0));
            attempt(() -> q.get(true, 0.01));
        });
        SimpleQueue<String> q = new SimpleQueue<>();
        q.put("a", true);
        q.put(null);
        assertEquals("a", q.get(true));
        assertEquals(null, q.get(false));
    }

    @Test
    void taskAccounting() {
        assertRaises(ValueError.class, T, "task_done_too_many", () -> {
            Queue<Integer> q = new Queue<>();
            q.put(1);
            q.get();
            q.taskDone();
            q.taskDone();
        });
        assertPrints(T, "task_accounting", () -> {
            Queue<Integer> q = new Queue<>();
            for (int x = 0; x < 3; x++) q.put(x);
            Py.print(q.unfinishedTasks());
            q.get();
            q.taskDone();
            Py.print(q.unfinishedTasks());
            q.get();
            q.get();
            q.taskDone();
            q.taskDone();
            Py.print(q.unfinishedTasks());
            q.join();
            Py.print("joined");
        });
    }

    @Test
    void sizes() {
        assertPrints(T, "sizes", () -> {
            for (int n : new int[] {0, -1, 2}) {
                Queue<String> q = new Queue<>(n);
                q.put("a");
                q.put("b");
                Py.print(q.maxsize(), q.qsize(), q.empty(), q.full(), q.unfinishedTasks());
            }
            Queue<String> q = new Queue<>();
            Py.print(q.qsize(), q.empty(), q.full());
        });
    }

    @Test
    void ringBufferGrowsAndWraps() {
        Queue<Integer> q = new Queue<>();
        List<Integer> expected = new ArrayList<>();
        int next = 0;
        for (int round = 0; round < 50; round++) {
            for (int i = 0; i < round * 3; i++) {
                q.put(next);
                expected.add(next++);
            }
            for (int i = 0; i < round * 2; i++) assertEquals(expected.remove(0), q.get());
            assertEquals(expected, q.queue());
        }
        Queue<Integer> bounded = new Queue<>(100_000);
        for (int i = 0; i < 5000; i++) bounded.put(i);
        for (int i = 0; i < 5000; i++) assertEquals(i, bounded.get());
        LifoQueue<Integer> lifo = new LifoQueue<>();
        for (int i = 0; i < 100; i++) lifo.put(i);
        for (int i = 99; i >= 0; i--) assertEquals(i, lifo.get());
    }

    @Test
    void priorityQueueSortsLikeSorted() {
        java.util.Random r = new java.util.Random(42);
        PriorityQueue<Integer> q = new PriorityQueue<>();
        List<Integer> xs = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int x = r.nextInt(100);
            xs.add(x);
            q.put(x);
        }
        Collections.sort(xs);
        for (int x : xs) assertEquals(x, q.get());
    }

    @Test
    void shutdown() {
        List<Object> printed = new ArrayList<>();
        assertRaises(ShutDown.class, T, "shutdown_put", () -> {
            Queue<Integer> q = new Queue<>();
            printed.add(q.isShutdown());
            q.shutdown();
            printed.add(q.isShutdown());
            q.put(1);
        });
        assertEquals(dev.pyconcurrent.testing.CPython.of(T, "shutdown_put").stdout(),
                Py.str(printed.get(0)) + "\n" + Py.str(printed.get(1)) + "\n");
        assertRaises(ShutDown.class, T, "shutdown_put_nowait", () -> {
            Queue<Integer> q = new Queue<>(1);
            q.shutdown();
            q.putNowait(1);
        });
        assertPrints(T, "shutdown_drain", () -> {
            Queue<Integer> q = new Queue<>();
            q.put(1);
            q.put(2);
            q.shutdown();
            Py.print(q.get(), q.getNowait(), q.qsize(), q.unfinishedTasks());
            attempt(q::get);
            attempt(q::getNowait);
            attempt(() -> q.get(true, -1));
            attempt(() -> q.get(false));
            attempt(() -> q.put(3));
            q.taskDone();
            q.taskDone();
            q.join();
            Py.print("joined");
        });
        assertPrints(T, "shutdown_immediate", () -> {
            List<Supplier<Queue<Integer>>> kinds = List.of(Queue::new, LifoQueue::new, PriorityQueue::new);
            for (Supplier<Queue<Integer>> kind : kinds) {
                Queue<Integer> q = kind.get();
                for (int x : new int[] {1, 2, 3}) q.put(x);
                q.get();
                q.shutdown(true);
                Py.print(q.getClass().getSimpleName(), q.isShutdown(), q.qsize(), q.unfinishedTasks(), q.empty(), q.queue());
                attempt(q::get);
                q.taskDone();
                q.join();
                try {
                    q.taskDone();
                } catch (ValueError e) {
                    Py.print(e.getMessage());
                }
            }
            Queue<Integer> q = new Queue<>();
            q.shutdown();
            q.shutdown(true);
            Py.print(q.isShutdown(), q.unfinishedTasks());
        });
    }

    @Test
    void shutdownWakesBlockedGetter() {
        assertPrints(T, "shutdown_wakes_getter", () -> {
            Queue<Integer> q = new Queue<>();
            List<String> out = Collections.synchronizedList(new ArrayList<>());
            try (Spawned s = new Spawned()) {
                Thread t = s.start(() -> {
                    try {
                        q.get();
                    } catch (ShutDown e) {
                        out.add(Py.repr(e));
                    }
                });
                Spawned.untilWaiting(q.mutex, q.notEmpty);
                q.shutdown();
                Spawned.join(t);
            }
            Py.print(out);
        });
    }

    @Test
    void shutdownWakesBlockedPutter() {
        assertPrints(T, "shutdown_wakes_putter", () -> {
            Queue<Integer> q = new Queue<>(1);
            q.put(0);
            List<String> out = Collections.synchronizedList(new ArrayList<>());
            try (Spawned s = new Spawned()) {
                Thread t = s.start(() -> {
                    try {
                        q.put(1, true, 60);
                    } catch (ShutDown e) {
                        out.add(Py.repr(e));
                    }
                });
                Spawned.untilWaiting(q.mutex, q.notFull);
                q.shutdown();
                Spawned.join(t);
            }
            Py.print(out, q.qsize(), q.get(), q.unfinishedTasks());
        });
    }

    @Test
    void immediateShutdownReleasesJoin() {
        assertPrints(T, "shutdown_immediate_releases_join", () -> {
            Queue<Integer> q = new Queue<>();
            q.put(1);
            q.put(2);
            List<String> out = Collections.synchronizedList(new ArrayList<>());
            try (Spawned s = new Spawned()) {
                Thread t = s.start(() -> {
                    q.join();
                    out.add("joined");
                });
                Spawned.untilWaiting(q.mutex, q.allTasksDone);
                q.shutdown(true);
                Spawned.join(t);
            }
            Py.print(out, q.unfinishedTasks());
        });
    }

    @Test
    void blockedGetterGets() {
        assertPrints(T, "blocked_getter_gets", () -> {
            Queue<String> q = new Queue<>();
            List<String> out = Collections.synchronizedList(new ArrayList<>());
            try (Spawned s = new Spawned()) {
                Thread t = s.start(() -> out.add(q.get(true, 60)));
                Spawned.untilWaiting(q.mutex, q.notEmpty);
                q.put("x");
                Spawned.join(t);
            }
            Py.print(out);
        });
    }

    @Test
    void blockedPutterPuts() {
        assertPrints(T, "blocked_putter_puts", () -> {
            List<Object> out = new ArrayList<>();
            List<Supplier<Queue<Integer>>> kinds = List.of(() -> new Queue<>(1), () -> new LifoQueue<>(1),
                    () -> new PriorityQueue<>(1));
            for (Supplier<Queue<Integer>> kind : kinds) {
                Queue<Integer> q = kind.get();
                q.put(5);
                try (Spawned s = new Spawned()) {
                    Thread t = s.start(() -> q.put(1, true, 60));
                    Spawned.untilWaiting(q.mutex, q.notFull);
                    out.add(q.get());
                    Spawned.join(t);
                }
                out.add(Py.tuple(q.getClass().getSimpleName(), q.queue(), q.unfinishedTasks(), q.full()));
            }
            Py.print(out);
        });
    }

    @Test
    void producersConsumers() {
        assertPrints(T, "producers_consumers", () -> {
            Queue<Integer> q = new Queue<>(3);
            List<Integer> got = Collections.synchronizedList(new ArrayList<>());
            try (Spawned s = new Spawned()) {
                List<Thread> consumers = new ArrayList<>();
                for (int c = 0; c < 3; c++) {
                    consumers.add(s.start(() -> {
                        while (true) {
                            Integer x = q.get();
                            if (x == null) {
                                q.taskDone();
                                return;
                            }
                            got.add(x);
                            q.taskDone();
                        }
                    }));
                }
                List<Thread> producers = new ArrayList<>();
                for (int k = 0; k < 4; k++) {
                    int base = 1000 * k;
                    producers.add(s.start(() -> {
                        for (int i = 0; i < 100; i++) q.put(base + i);
                    }));
                }
                producers.forEach(Spawned::join);
                q.join();
                for (int c = 0; c < 3; c++) q.put(null);
                consumers.forEach(Spawned::join);
            }
            long sum = 0;
            for (int x : got) sum += x;
            Py.print(got.size(), sum, new HashSet<>(got).size() == got.size(), q.unfinishedTasks(), q.qsize());
        });
    }

    @Test
    void blockingCallsAreInterruptible() throws Exception {
        Queue<Integer> q = new Queue<>(1);
        q.put(1);
        Queue<Integer> empty = new Queue<>();
        SimpleQueue<Integer> simple = new SimpleQueue<>();
        Queue<Integer> unfinished = new Queue<>();
        unfinished.put(1);
        List<Runnable> calls = List.of(() -> q.put(2), () -> q.put(2, true, 60), () -> empty.get(),
                () -> empty.get(true, 60), () -> simple.get(), () -> simple.get(true, 60), unfinished::join);
        try (Spawned s = new Spawned()) {
            for (Runnable call : calls) {
                CountDownLatch started = new CountDownLatch(1);
                AtomicReference<Throwable> thrown = new AtomicReference<>();
                AtomicReference<Boolean> flag = new AtomicReference<>();
                Thread t = s.start(() -> {
                    started.countDown();
                    try {
                        call.run();
                    } catch (Throwable e) {
                        thrown.set(e);
                        flag.set(Thread.currentThread().isInterrupted());
                    }
                });
                assertTrue(started.await(10, TimeUnit.SECONDS));
                Spawned.until(() -> t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING);
                t.interrupt();
                Spawned.join(t);
                assertTrue(thrown.get() instanceof KeyboardInterrupt, String.valueOf(thrown.get()));
                assertTrue(thrown.get().getCause() instanceof InterruptedException);
                assertTrue(flag.get(), "interrupt status restored");
            }
        }
        assertEquals(1, q.qsize());
    }

    @Test
    void immediateShutdownRacingWithProducersAndConsumers() throws Exception {
        Queue<Integer> q = new Queue<>(4);
        java.util.concurrent.atomic.AtomicInteger consumed = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger stopped = new java.util.concurrent.atomic.AtomicInteger();
        try (Spawned s = new Spawned()) {
            for (int i = 0; i < 3; i++) {
                s.start(() -> {
                    try {
                        for (int x = 0; ; x++) q.put(x);
                    } catch (ShutDown e) {
                        stopped.incrementAndGet();
                    }
                });
                s.start(() -> {
                    try {
                        while (true) {
                            q.get();
                            consumed.incrementAndGet();
                            q.taskDone();
                        }
                    } catch (ShutDown e) {
                        stopped.incrementAndGet();
                    }
                });
            }
            Spawned.until(() -> consumed.get() > 2000);
            q.shutdown(true);
        }
        assertEquals(6, stopped.get());
        assertEquals(0, q.qsize());
        assertEquals(0, q.unfinishedTasks());
        q.join();
        assertThrows(ShutDown.class, () -> q.put(1));
        assertThrows(ShutDown.class, q::getNowait);
    }

    @Test
    void simpleQueueManyProducersAndConsumers() {
        SimpleQueue<Integer> q = new SimpleQueue<>();
        List<Integer> got = Collections.synchronizedList(new ArrayList<>());
        try (Spawned s = new Spawned()) {
            for (int p = 0; p < 3; p++) {
                int base = p * 10_000;
                s.start(() -> {
                    for (int i = 0; i < 10_000; i++) q.put(base + i);
                });
            }
            for (int c = 0; c < 3; c++) {
                s.start(() -> {
                    for (int i = 0; i < 10_000; i++) got.add(q.get(true, 10));
                });
            }
        }
        assertEquals(30_000, new HashSet<>(got).size());
        assertTrue(q.empty());
    }

    @Test
    void subclassHooks() {
        // A Python-style subclass that reorganizes the storage through the four hooks.
        class Sorted extends Queue<String> {
            private List<String> items;

            @Override
            protected void _init(int maxsize) {
                items = new ArrayList<>();
            }

            @Override
            protected int _qsize() {
                return items.size();
            }

            @Override
            protected void _put(String item) {
                items.add(item);
                Collections.sort(items);
            }

            @Override
            protected String _get() {
                return items.remove(items.size() - 1);
            }

            @Override
            protected List<String> _queue() {
                return new ArrayList<>(items);
            }
        }
        Sorted q = new Sorted();
        q.put("b");
        q.put("c");
        q.put("a");
        assertEquals(List.of("a", "b", "c"), q.queue());
        assertEquals("c", q.get());
        assertTrue(q.toString().startsWith("<" + Sorted.class.getName() + " object at 0x"));
        assertThrows(Empty.class, () -> new Sorted().get(false));
    }
}
