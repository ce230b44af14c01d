package dev.pyconcurrent.multiprocessing.pool;

import static dev.pyconcurrent.testing.CPython.assertPrints;
import static dev.pyconcurrent.testing.CPython.assertRaises;
import static dev.pyconcurrent.testing.CPython.assertRaisesAfterPrinting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.builtins.KeyError;
import dev.pyconcurrent.builtins.OSError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.PyException;
import dev.pyconcurrent.builtins.Traceback;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.multiprocessing.TimeoutError;
import dev.pyconcurrent.testing.NoThreadLeft;
import dev.pyconcurrent.threading.Event;
import dev.pyconcurrent.threading.Lock;
import dev.pyconcurrent.threading.Thread;
import dev.pyconcurrent.threading.Threading;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** ThreadPool against reference/mp_pool.py (python3.13's ThreadPool). */
@ExtendWith(NoThreadLeft.class)
class ThreadPoolTest {
    static final String TOPIC = "mp_pool";

    static int sq(int x) {
        return x * x;
    }

    static int add(int a, int b) {
        return a + b;
    }

    static Object boom(Object x) {
        throw new ValueError("boom " + Py.str(x));
    }

    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    /** The reference's {@code rel(name, base)}. */
    static String rel(String name, int base) {
        Matcher m = Pattern.compile("Thread-(\\d+)").matcher(name);
        StringBuilder sb = new StringBuilder();
        while (m.find()) m.appendReplacement(sb, "Thread-+" + (Integer.parseInt(m.group(1)) - base));
        return m.appendTail(sb).toString();
    }

    /** The reference's {@code base()}: the number an unstarted thread takes now. */
    static int base() {
        Matcher m = Pattern.compile("Thread-(\\d+)").matcher(new Thread(() -> {}).name());
        assertTrue(m.lookingAt());
        return Integer.parseInt(m.group(1));
    }

    /** The pool's threads (the workers and handlers are all {@code Thread-N}; the test runner's threads are not). */
    static List<String> poolThreads(int base) {
        List<String> names = new ArrayList<>();
        for (Thread t : Threading.enumerate()) if (t.name().startsWith("Thread-")) names.add(rel(t.name(), base));
        Collections.sort(names);
        return names;
    }

    @Test
    void reprs() {
        assertPrints(TOPIC, "pool_reprs", () -> {
            ThreadPool p = new ThreadPool(2);
            Py.print(p);
            p.close();
            Py.print(p);
            p.join();
            Py.print(p);
            p.terminate();
            Py.print(p);
            ThreadPool q = new ThreadPool(1);
            q.terminate();
            Py.print(q);
            q.join();
        });
    }

    @Test
    void badProcesses() {
        assertRaises(ValueError.class, TOPIC, "pool_zero", () -> new ThreadPool(0));
        assertRaises(ValueError.class, TOPIC, "pool_negative", () -> new ThreadPool(ThreadPool.options().processes(-3)));
    }

    @Test
    void badMaxtasksperchild() {
        ValueError e = org.junit.jupiter.api.Assertions.assertThrows(ValueError.class,
                () -> new ThreadPool(ThreadPool.options().processes(1).maxtasksperchild(0)));
        // CPython's Pool message (its ThreadPool has no such parameter)
        assertEquals("maxtasksperchild must be a positive int or None", e.getMessage());
    }

    @Test
    void notRunning() {
        assertRaises(ValueError.class, TOPIC, "apply_after_close", () -> {
            ThreadPool p = new ThreadPool(1);
            p.close();
            try {
                p.apply(ThreadPoolTest::sq, 2);
            } finally {
                p.join();
            }
        });
        assertRaises(ValueError.class, TOPIC, "map_after_terminate", () -> {
            ThreadPool p = new ThreadPool(1);
            p.terminate();
            try {
                p.map(ThreadPoolTest::sq, List.of(1));
            } finally {
                p.join();
            }
        });
        assertRaises(ValueError.class, TOPIC, "imap_after_close", () -> {
            ThreadPool p = new ThreadPool(1);
            p.close();
            try {
                p.imap(ThreadPoolTest::sq, List.of(1));
            } finally {
                p.join();
            }
        });
        assertRaises(ValueError.class, TOPIC, "enter_after_close", () -> {
            ThreadPool p = new ThreadPool(1);
            p.close();
            try (var scope = p.enter()) {
                assertTrue(scope.pool() == p);
            } finally {
                p.join();
            }
        });
    }

    @Test
    void joinRunning() {
        assertRaises(ValueError.class, TOPIC, "join_running", () -> {
            ThreadPool p = new ThreadPool(1);
            try {
                p.join();
            } finally {
                p.terminate();
            }
        });
    }

    @Test
    void results() {
        assertPrints(TOPIC, "results", () -> {
            ThreadPool p = new ThreadPool(2);
            try (var scope = p.enter()) {
                Py.print(p.apply(ThreadPoolTest::sq, 7), p.apply(ThreadPoolTest::add, 2, 3));
                Py.print(p.map(ThreadPoolTest::sq, range(10)), p.map(ThreadPoolTest::sq, range(10), 3), p.map(ThreadPoolTest::sq, List.of()));
                Py.print(p.starmap(ThreadPoolTest::add, List.of(Tuple.of(1, 2), Tuple.of(3, 4))), p.starmap(ThreadPoolTest::add, List.<Tuple>of()));
                Py.print(list(p.imap(ThreadPoolTest::sq, range(5))), list(p.imap(ThreadPoolTest::sq, range(7), 3)),
                        list(p.imap(ThreadPoolTest::sq, List.of())));
                Py.print(sorted(p.imapUnordered(ThreadPoolTest::sq, range(5))), sorted(p.imapUnordered(ThreadPoolTest::sq, range(7), 2)));
                ApplyResult<Integer> r = p.applyAsync(ThreadPoolTest::add, 1, 2);
                Integer got = r.get();
                boolean ready = r.ready();
                boolean ok = r.successful();
                r.await();
                Py.print(got, ready, ok, null, r.get(5));
                MapResult<Integer> m = p.mapAsync(ThreadPoolTest::sq, List.of(1, 2, 3), 1);
                Py.print(m.get(), m.ready(), m.successful());
                Py.print(p.starmapAsync(ThreadPoolTest::add, List.of(Tuple.of(1, 1))).get());
            }
        });
    }

    static <T> List<T> list(Iterable<T> it) {
        List<T> out = new ArrayList<>();
        it.forEach(out::add);
        return out;
    }

    static <T extends Comparable<T>> List<T> sorted(Iterable<T> it) {
        List<T> out = list(it);
        Collections.sort(out);
        return out;
    }

    @Test
    void resultTypes() {
        assertPrints(TOPIC, "result_types", () -> {
            ThreadPool p = new ThreadPool(1);
            try (var scope = p.enter()) {
                Py.print(p.applyAsync(ThreadPoolTest::sq, 1).getClass().getSimpleName(),
                        p.mapAsync(ThreadPoolTest::sq, List.of(1)).getClass().getSimpleName(),
                        p.starmapAsync(ThreadPoolTest::add, List.of(Tuple.of(1, 2))).getClass().getSimpleName(),
                        p.imap(ThreadPoolTest::sq, List.of(1)).getClass().getSimpleName(),
                        p.imapUnordered(ThreadPoolTest::sq, List.of(1)).getClass().getSimpleName());
            }
        });
    }

    @Test
    void taskExceptions() {
        ValueError e = assertRaises(ValueError.class, TOPIC, "apply_raises", () -> {
            ThreadPool p = new ThreadPool(1);
            try (var scope = p.enter()) {
                p.apply(ThreadPoolTest::boom, 1);
            }
        });
        assertTrue(e.getStackTrace().length > 0 && e.getStackTrace()[0].getMethodName().equals("boom"), "the task's own exception");
        assertRaisesAfterPrinting(ValueError.class, TOPIC, "map_raises_first", () -> {
            ThreadPool p = new ThreadPool(1);
            try (var scope = p.enter()) {
                MapResult<Object> r = p.mapAsync(ThreadPoolTest::boom, List.of(1, 2, 3), 1);
                r.await();
                Py.print(r.ready(), r.successful());
                r.get();
            }
        });
        assertPrints(TOPIC, "imap_raises_in_order", () -> {
            ThreadPool p = new ThreadPool(2);
            try (var scope = p.enter()) {
                Iterator<Object> it = p.imap((Integer x) -> x == 2 ? boom(x) : x, range(4));
                Py.print(it.next(), it.next());
                try {
                    it.next();
                } catch (ValueError v) {
                    Py.print("raised", v.getMessage());
                }
                Py.print(it.next());
            }
        });
    }

    @Test
    void chunkedImapEndsAtAnException() {
        assertPrints(TOPIC, "imap_chunked_raise_ends", () -> {
            ThreadPool p = new ThreadPool(1);
            try (var scope = p.enter()) {
                IMapIterator<Object> it = p.imap((Integer x) -> x == 2 ? boom(x) : x, range(6), 2);
                List<Object> out = new ArrayList<>();
                try {
                    for (Object x : it) out.add(x);
                } catch (ValueError e) {
                    out.add(e.getMessage());
                }
                Py.print(out, list(it));
            }
        });
    }

    /** A generator yielding 1 and 2, then raising {@code KeyError('gen')}. */
    static Iterable<Integer> gen(int n) {
        return () -> new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                if (i == n) throw new KeyError("gen");
                return true;
            }

            @Override
            public Integer next() {
                return ++i;
            }
        };
    }

    @Test
    void iterableExceptions() {
        assertRaisesAfterPrinting(KeyError.class, TOPIC, "imap_iterable_raises", () -> {
            ThreadPool p = new ThreadPool(1);
            try (var scope = p.enter()) {
                Iterator<Integer> it = p.imap(ThreadPoolTest::sq, gen(2));
                Py.print(it.next(), it.next());
                it.next();
            }
        });
        assertRaises(KeyError.class, TOPIC, "map_iterable_raises", () -> {
            ThreadPool p = new ThreadPool(1);
            try (var scope = p.enter()) {
                p.map(ThreadPoolTest::sq, gen(1));
            }
        });
    }

    @Test
    void badChunksize() {
        assertRaises(ValueError.class, TOPIC, "imap_chunksize_zero", () -> {
            ThreadPool p = new ThreadPool(1);
            try (var scope = p.enter()) {
                p.imap(ThreadPoolTest::sq, List.of(1), 0);
            }
        });
        assertRaises(ValueError.class, TOPIC, "imap_unordered_chunksize_zero", () -> {
            ThreadPool p = new ThreadPool(1);
            try (var scope = p.enter()) {
                p.imapUnordered(ThreadPoolTest::sq, List.of(1), -2);
            }
        });
    }

    @Test
    void notReadyAndTimeouts() {
        assertRaises(ValueError.class, TOPIC, "successful_not_ready", () -> {
            Event ev = new Event();
            ThreadPool p = new ThreadPool(1);
            try (var scope = p.enter()) {
                ApplyResult<Boolean> r = p.applyAsync(() -> ev.await(10));
                try {
                    r.successful();
                } finally {
                    ev.set();
                    r.await();
                }
            }
        });
        assertRaisesAfterPrinting(TimeoutError.class, TOPIC, "get_timeout", () -> {
            Event ev = new Event();
            ThreadPool p = new ThreadPool(1);
            try (var scope = p.enter()) {
                ApplyResult<Boolean> r = p.applyAsync(() -> ev.await(10));
                try {
                    r.await(0.01);
                    Py.print(null, r.ready());
                    r.get(0.01);
                } catch (PyException e) {
                    Py.print(e.pyModule(), Traceback.name(e), Py.repr(e), e instanceof OSError);
                    throw e;
                } finally {
                    ev.set();
                    r.await();
                }
            }
        });
        assertRaisesAfterPrinting(TimeoutError.class, TOPIC, "imap_next_timeout", () -> {
            Event ev = new Event();
            ThreadPool p = new ThreadPool(1);
            try (var scope = p.enter()) {
                IMapIterator<Boolean> it = p.imap((Integer x) -> ev.await(10), List.of(1));
                try {
                    it.next(0.01);
                } finally {
                    ev.set();
                    Py.print(it.next());
                }
            }
        });
    }

    @Test
    void callbacks() {
        assertPrints(TOPIC, "callbacks", () -> {
            int b = base();
            List<Object> seen = Collections.synchronizedList(new ArrayList<>());
            ThreadPool p = new ThreadPool(2);
            try (var scope = p.enter()) {
                p.applyAsync(ThreadPoolTest::sq, 4, Pool.callback(v -> seen.add(Tuple.of("cb", v, rel(Threading.currentThread().name(), b))))).await();
                p.applyAsync(ThreadPoolTest::boom, 5, Pool.errorCallback(e -> seen.add(Tuple.of("err", Py.repr(e), rel(Threading.currentThread().name(), b))))).await();
                p.mapAsync(ThreadPoolTest::sq, List.of(1, 2), Pool.callback(v -> seen.add(Tuple.of("map", v)))).await();
                p.mapAsync((Integer x) -> x == 1 ? boom(x) : x, List.of(1, 2), 1, Pool.errorCallback(e -> seen.add(Tuple.of("maperr", Py.repr(e))))).await();
                p.starmapAsync(ThreadPoolTest::add, List.of(Tuple.of(1, 2)), Pool.callback(v -> seen.add(Tuple.of("star", v)))).await();
                p.mapAsync(ThreadPoolTest::sq, List.<Integer>of(), Pool.callback(v -> seen.add(Tuple.of("empty", v)))).await();
            }
            for (Object s : seen) Py.print(s);
        });
    }

    @Test
    void threadNames() {
        assertPrints(TOPIC, "thread_names", () -> {
            int b = base();
            ThreadPool p = new ThreadPool(2);
            List<String> types = new ArrayList<>();
            List<Boolean> daemons = new ArrayList<>();
            for (Workers.Worker w : p.pool) {
                Thread t = ((ThreadWorkers.ThreadWorker) w).thread;
                types.add(t.getClass().getSimpleName());
                daemons.add(t.daemon());
            }
            Py.print(poolThreads(b), types, daemons);
            p.close();
            p.join();
            Py.print(poolThreads(b));
        });
    }

    @Test
    void closeRunsPendingTerminateDropsThem() {
        assertPrints(TOPIC, "close_runs_pending", () -> {
            Event ev = new Event();
            ThreadPool p = new ThreadPool(1);
            ApplyResult<Boolean> first = p.applyAsync(() -> ev.await(10));
            MapResult<Integer> rest = p.mapAsync(ThreadPoolTest::sq, range(4), 1);
            p.close();
            ev.set();
            p.join();
            Py.print(first.get(), rest.get(), p);
        });
        assertPrints(TOPIC, "terminate_drops_pending", () -> {
            Event ev = new Event();
            Event started = new Event();
            ThreadPool p = new ThreadPool(1);
            ApplyResult<Boolean> first = p.applyAsync(() -> {
                started.set();
                return ev.await(10);
            });
            started.await(10);
            ApplyResult<Integer> rest = p.applyAsync(ThreadPoolTest::sq, 3);
            p.terminate();
            ev.set();
            p.join();
            Py.print(first.ready(), rest.ready(), p);
        });
    }

    @Test
    void initializer() {
        assertPrints(TOPIC, "initializer_runs_per_worker", () -> {
            List<Object> seen = new ArrayList<>();
            Lock lock = new Lock();
            ThreadPool p = new ThreadPool(3, (String a, Integer n) -> {
                lock.acquire();
                try {
                    seen.add(Tuple.of(a, n));
                } finally {
                    lock.release();
                }
            }, "x", 1);
            try (var scope = p.enter()) {
                p.map(ThreadPoolTest::sq, range(3));
            }
            Py.print(seen);
        });
    }

    @Test
    void defaultChunksize() {
        assertPrints(TOPIC, "chunks", () -> {
            ThreadPool p = new ThreadPool(2);
            try (var scope = p.enter()) {
                MapResult<Integer> r = p.mapAsync((Integer x) -> x, range(10));
                Py.print(r.chunksize, r.get());
                Py.print(p.mapAsync((Integer x) -> x, range(100)).chunksize, p.mapAsync((Integer x) -> x, range(7)).chunksize,
                        p.mapAsync((Integer x) -> x, List.<Integer>of()).chunksize);
            }
        });
    }

    @Test
    void maxtasksperchildReplacesWorkers() {
        Set<String> workers = ConcurrentHashMap.newKeySet();
        List<String> inits = Collections.synchronizedList(new ArrayList<>());
        ThreadPool p = new ThreadPool(ThreadPool.options().processes(2).maxtasksperchild(3)
                .initializer(() -> inits.add(Threading.currentThread().name())));
        List<Integer> got = p.map((Integer x) -> {
            workers.add(Threading.currentThread().name());
            return x * 2;
        }, range(30), 1);
        p.close();
        p.join();
        assertEquals(range(30).stream().map(x -> x * 2).toList(), got);
        assertTrue(workers.size() >= 10, "30 tasks, at most 3 per worker thread: " + workers);
        assertTrue(inits.containsAll(workers), "every worker ran the initializer");
        assertEquals(2, p.pool.size());
    }

    @Test
    void manyTasksAllThreadsEnd() {
        ThreadPool p = new ThreadPool(4);
        List<Integer> expected = range(5000).stream().map(x -> x * x).toList();
        assertEquals(expected, p.map(ThreadPoolTest::sq, range(5000)));
        assertEquals(expected, p.map(ThreadPoolTest::sq, range(5000), 1));
        assertEquals(expected, list(p.imap(ThreadPoolTest::sq, range(5000), 7)));
        assertEquals(expected, sorted(p.imapUnordered(ThreadPoolTest::sq, range(5000))));
        p.close();
        p.join();
    }
}
