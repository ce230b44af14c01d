package dev.pyconcurrent.multiprocessing.pool;

import static dev.pyconcurrent.testing.CPython.assertPrints;
import static dev.pyconcurrent.testing.CPython.assertRaises;
import static dev.pyconcurrent.testing.CPython.assertRaisesAfterPrinting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.builtins.TypeError;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.multiprocessing.Context;
import dev.pyconcurrent.multiprocessing.Multiprocessing;
import dev.pyconcurrent.multiprocessing.ProcessError;
import dev.pyconcurrent.multiprocessing.TimeoutError;
import dev.pyconcurrent.os.Os;
import dev.pyconcurrent.multiprocessing.WarmForkserver;
import dev.pyconcurrent.testing.NoChildLeft;
import dev.pyconcurrent.testing.NoThreadLeft;
import dev.pyconcurrent.threading.Lock;
import dev.pyconcurrent.time.Time;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The process-backed Pool against reference/mp_pool_process.py (python3.13's Pool), across real worker JVMs. */
@ExtendWith({NoThreadLeft.class, NoChildLeft.class, WarmForkserver.class})
class ProcessPoolTest {
    static final String TOPIC = "mp_pool_process";

    static int sq(int x) {
        return x * x;
    }

    static int add(int a, int b) {
        return a + b;
    }

    static Object boom(Object x) {
        throw new ValueError("boom " + Py.str(x));
    }

    static long pid(Object x) {
        return Os.getpid();
    }

    static double slow(double x) {
        Time.sleep(x);
        return x;
    }

    static Lock lock(Object x) {
        return new Lock();
    }

    static Object die(Object x) {
        Runtime.getRuntime().halt(9);
        return x;
    }

    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    @Test
    void reprsAndErrors() {
        assertPrints(TOPIC, "pool_reprs", () -> {
            Pool p = new Pool(2);
            Py.print(p);
            p.close();
            Py.print(p);
            p.join();
            p.terminate();
            Py.print(p);
        });
        assertRaises(ValueError.class, TOPIC, "pool_zero", () -> new Pool(0));
        assertRaises(ValueError.class, TOPIC, "pool_bad_maxtasks", () -> new Pool(Pool.options().processes(1).maxtasksperchild(0)));
        assertRaises(ValueError.class, TOPIC, "apply_after_close", () -> {
            Pool p = new Pool(1);
            p.close();
            try {
                p.apply(ProcessPoolTest::sq, 2);
            } finally {
                p.join();
            }
        });
        assertRaises(ValueError.class, TOPIC, "join_running", () -> {
            Pool p = new Pool(1);
            try {
                p.join();
            } finally {
                p.terminate();
            }
        });
        TypeError e = assertThrows(TypeError.class, () -> new ThreadPool(Pool.options().context(Multiprocessing.getContext("spawn"))));
        assertEquals("ThreadPool.__init__() got an unexpected keyword argument 'context'", e.getMessage());
    }

    /** {@code multiprocessing.Pool(...)} and {@code ctx.Pool(...)}: the constructors' overloads, the context's workers. */
    @Test
    void factoriesOfTheFacadeAndOfAContext() {
        try (var scope = Multiprocessing.Pool(2).enter()) {
            assertEquals(List.of(0, 1, 4), scope.pool().map(ProcessPoolTest::sq, range(3)));
        }
        Context spawn = Multiprocessing.getContext("spawn");
        try (var scope = spawn.Pool(Pool.options().processes(1)).enter()) {
            assertNotEquals(ProcessHandle.current().pid(), (long) scope.pool().apply(ProcessPoolTest::pid, 0));
        }
        assertEquals("Number of processes must be at least 1", assertThrows(ValueError.class, () -> Multiprocessing.Pool(0)).getMessage());
        assertEquals("Number of processes must be at least 1", assertThrows(ValueError.class, () -> spawn.Pool(0)).getMessage());
    }

    @Test
    void results() {
        assertPrints(TOPIC, "results", () -> {
            Pool p = new Pool(2);
            try (var scope = p.enter()) {
                Py.print(p.apply(ProcessPoolTest::sq, 7), p.apply(ProcessPoolTest::add, 2, 3));
                Py.print(p.map(ProcessPoolTest::sq, range(10)), p.map(ProcessPoolTest::sq, range(10), 3), p.map(ProcessPoolTest::sq, List.of()));
                Py.print(p.starmap(ProcessPoolTest::add, List.of(Tuple.of(1, 2), Tuple.of(3, 4))));
                Py.print(ThreadPoolTest.list(p.imap(ProcessPoolTest::sq, range(5))), ThreadPoolTest.list(p.imap(ProcessPoolTest::sq, range(7), 3)),
                        ThreadPoolTest.sorted(p.imapUnordered(ProcessPoolTest::sq, range(5))));
                ApplyResult<Integer> r = p.applyAsync(ProcessPoolTest::add, 1, 2);
                Py.print(r.get(), r.ready(), r.successful());
                Py.print(p.mapAsync(ProcessPoolTest::sq, List.of(1, 2, 3), 1).get());
            }
        });
    }

    @Test
    void exceptionsComeBackWithTheRemoteTraceback() {
        ValueError e = assertRaisesAfterPrinting(ValueError.class, TOPIC, "apply_raises", () -> {
            Pool p = new Pool(1);
            try (var scope = p.enter()) {
                try {
                    p.apply(ProcessPoolTest::boom, 1);
                } catch (ValueError v) {
                    Throwable c = v.getCause();
                    String tb = c.getMessage();
                    Py.print(((RemoteTraceback) c).pyModule(), c.getClass().getSimpleName(), tb.startsWith("\n\"\"\"\nTraceback (most recent call last):"),
                            tb.stripTrailing().endsWith("ValueError: boom 1\n\"\"\""));
                    throw v;
                }
            }
        });
        assertTrue(e.getCause().getMessage().contains("boom"), e.getCause().getMessage());
        assertRaises(ValueError.class, TOPIC, "map_raises", () -> {
            Pool p = new Pool(1);
            try (var scope = p.enter()) {
                p.map(ProcessPoolTest::boom, range(4), 1);
            }
        });
    }

    @Test
    void getTimeout() {
        assertRaisesAfterPrinting(TimeoutError.class, TOPIC, "get_timeout", () -> {
            Pool p = new Pool(1);
            try (var scope = p.enter()) {
                ApplyResult<Double> r = p.applyAsync(ProcessPoolTest::slow, 0.5);
                try {
                    r.get(0.01);
                } finally {
                    Py.print(r.get());
                }
            }
        });
    }

    @Test
    void maxtasksperchildStartsNewProcesses() {
        assertPrints(TOPIC, "maxtasksperchild_new_processes", () -> {
            Pool p = new Pool(Pool.options().processes(1).maxtasksperchild(2));
            try (var scope = p.enter()) {
                List<Long> pids = p.map(ProcessPoolTest::pid, range(6), 1);
                Py.print(new HashSet<>(pids).size(), pids.get(0).equals(pids.get(1)), !pids.get(1).equals(pids.get(2)));
            }
        });
    }

    @Test
    void unsendableResult() {
        Pool p = new Pool(1);
        try (var scope = p.enter()) {
            MaybeEncodingError e = assertThrows(MaybeEncodingError.class, () -> p.apply(ProcessPoolTest::lock, 1));
            assertTrue(e.getMessage().startsWith("Error sending result: '<unlocked _thread.lock object at 0x"), e.getMessage());
            assertEquals(49, p.apply(ProcessPoolTest::sq, 7), "the worker goes on");
        }
    }

    @Test
    void aKilledWorkerFailsItsTaskAndIsReplaced() {
        Pool p = new Pool(2);
        try (var scope = p.enter()) {
            long before = p.apply(ProcessPoolTest::pid, 0);
            ProcessError e = assertThrows(ProcessError.class, () -> p.map(ProcessPoolTest::die, range(1), 1));
            assertTrue(e.getMessage().contains("ended abruptly (exitcode 9)"), e.getMessage());
            assertEquals(range(20).stream().map(x -> x * x).toList(), p.map(ProcessPoolTest::sq, range(20), 1));
            assertNotEquals(0L, before);
        }
    }

    /** Tasks queued behind the one a worker died running are not lost: its replacement runs them. */
    @Test
    void tasksQueuedBehindAKilledWorkersTaskRunOnItsReplacement() {
        Pool p = new Pool(1);
        try (var scope = p.enter()) {
            ApplyResult<Object> dead = p.applyAsync(ProcessPoolTest::die, 0);
            List<ApplyResult<Integer>> rest = new ArrayList<>();
            for (int i = 0; i < 5; i++) rest.add(p.applyAsync(ProcessPoolTest::sq, i));
            ProcessError e = assertThrows(ProcessError.class, () -> dead.get(60));
            assertTrue(e.getMessage().contains("ended abruptly (exitcode 9)"), e.getMessage());
            for (int i = 0; i < 5; i++) assertEquals(i * i, rest.get(i).get(60));
        }
    }

    @Test
    void notSerializableTaskFailsThatTask() {
        Pool p = new Pool(1);
        try (var scope = p.enter()) {
            Object notSerializable = new Object();
            TypeError e = assertThrows(TypeError.class, () -> p.apply((Object o) -> o, notSerializable));
            assertInstanceOf(TypeError.class, e);
            assertEquals(9, p.apply(ProcessPoolTest::sq, 3));
        }
    }
}
