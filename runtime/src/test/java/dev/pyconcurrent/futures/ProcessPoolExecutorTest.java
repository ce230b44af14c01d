package dev.pyconcurrent.futures;

import static dev.pyconcurrent.testing.CPython.assertPrints;
import static dev.pyconcurrent.testing.CPython.assertRaises;
import static dev.pyconcurrent.testing.CPython.assertRaisesAfterPrinting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.RuntimeError;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.multiprocessing.Multiprocessing;
import dev.pyconcurrent.multiprocessing.pool.RemoteTraceback;
import dev.pyconcurrent.multiprocessing.WarmForkserver;
import dev.pyconcurrent.testing.NoChildLeft;
import dev.pyconcurrent.testing.NoThreadLeft;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** ProcessPoolExecutor against reference/futures_process.py (python3.13's), across real worker JVMs. */
@ExtendWith({NoThreadLeft.class, NoChildLeft.class, WarmForkserver.class})
class ProcessPoolExecutorTest {
    static final String TOPIC = "futures_process";

    static int sq(int x) {
        return x * x;
    }

    static int add(int a, int b) {
        return a + b;
    }

    static Object boom(Object x) {
        throw new ValueError("boom " + Py.str(x));
    }

    static Object die(Object x) {
        Runtime.getRuntime().halt(9);
        return x;
    }

    static void failingInit() {
        throw new ValueError("init failed");
    }

    static String greeting;

    static void setGreeting(String word, int n) {
        greeting = word.repeat(n);
    }

    static String getGreeting() {
        return greeting;
    }

    static long pid(Object x) {
        return dev.pyconcurrent.os.Os.getpid();
    }

    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    static <T> List<T> list(Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void reprsAndErrors() {
        assertPrints(TOPIC, "ppe_repr", () -> {
            ProcessPoolExecutor e = new ProcessPoolExecutor(2);
            Py.print(e);
            e.shutdown();
        });
        assertRaises(ValueError.class, TOPIC, "ppe_zero", () -> new ProcessPoolExecutor(0));
        assertRaises(ValueError.class, TOPIC, "ppe_negative", () -> new ProcessPoolExecutor(-1));
        assertRaises(ValueError.class, TOPIC, "ppe_bad_max_tasks",
                () -> new ProcessPoolExecutor(ProcessPoolExecutor.options().maxWorkers(1).mpContext(Multiprocessing.getContext("spawn")).maxTasksPerChild(0)));
        assertRaises(RuntimeError.class, TOPIC, "submit_after_shutdown", () -> {
            ProcessPoolExecutor e = new ProcessPoolExecutor(1);
            e.shutdown();
            e.submit(ProcessPoolExecutorTest::sq, 2);
        });
        assertRaises(ValueError.class, TOPIC, "map_bad_chunksize", () -> {
            try (ProcessPoolExecutor e = new ProcessPoolExecutor(1)) {
                e.map(ProcessPoolExecutorTest::sq, range(3), Executor.mapOptions().chunksize(0));
            }
        });
    }

    @Test
    void results() {
        assertPrints(TOPIC, "results", () -> {
            try (ProcessPoolExecutor e = new ProcessPoolExecutor(2)) {
                Py.print(e.submit(ProcessPoolExecutorTest::sq, 7).result(), e.submit(ProcessPoolExecutorTest::add, 2, 3).result());
                Py.print(list(e.map(ProcessPoolExecutorTest::sq, range(10))),
                        list(e.map(ProcessPoolExecutorTest::sq, range(10), Executor.mapOptions().chunksize(3))),
                        list(e.map(ProcessPoolExecutorTest::sq, List.<Integer>of(), Executor.mapOptions().chunksize(4))));
                Py.print(list(e.map(ProcessPoolExecutorTest::add, range(5), IntStream.range(10, 17).boxed().toList(), Executor.mapOptions().chunksize(2))));
            }
        });
    }

    @Test
    void exceptionsComeBackWithTheRemoteTraceback() {
        ValueError v = assertRaisesAfterPrinting(ValueError.class, TOPIC, "task_exception", () -> {
            try (ProcessPoolExecutor e = new ProcessPoolExecutor(1)) {
                Future<Object> f = e.submit(ProcessPoolExecutorTest::boom, 1);
                Py.print(dev.pyconcurrent.builtins.Traceback.name(f.exception()), f.exception());
                f.result();
            }
        });
        assertInstanceOf(RemoteTraceback.class, v.getCause());
        assertTrue(((RemoteTraceback) v.getCause()).tb().contains("boom"), ((RemoteTraceback) v.getCause()).tb());
        assertRaises(ValueError.class, TOPIC, "map_exception", () -> {
            try (ProcessPoolExecutor e = new ProcessPoolExecutor(1)) {
                e.map(ProcessPoolExecutorTest::boom, range(3), Executor.mapOptions().chunksize(2)).next();
            }
        });
    }

    @Test
    void aDeadWorkerBreaksThePool() {
        assertRaisesAfterPrinting(BrokenProcessPool.class, TOPIC, "worker_dies", () -> {
            ProcessPoolExecutor e = new ProcessPoolExecutor(1);
            Future<Object> f = e.submit(ProcessPoolExecutorTest::die, 1);
            try {
                f.result();
            } catch (BrokenProcessPool b) {
                Py.print(b.pyModule(), b.pyName(), b instanceof BrokenExecutor);
                Py.print(b);
            }
            try {
                e.submit(ProcessPoolExecutorTest::sq, 2);
            } finally {
                e.shutdown();
            }
        });
    }

    @Test
    void anIdleWorkersDeathBreaksThePool() {
        assertRaisesAfterPrinting(BrokenProcessPool.class, TOPIC, "idle_worker_dies", () -> {
            ProcessPoolExecutor e = new ProcessPoolExecutor(1);
            long pid = (Long) e.submit(ProcessPoolExecutorTest::pid, 0).result();
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            // the call races the pool's notice of the death: refused, or pending and failed; both break the pool
            try {
                e.submit(ProcessPoolExecutorTest::sq, 2).result(60);
            } catch (BrokenProcessPool b) {
                Py.print(b.pyName());
            }
            try {
                e.submit(ProcessPoolExecutorTest::sq, 2);
            } finally {
                e.shutdown();
            }
        });
    }

    @Test
    void aFailingInitializerBreaksThePool() {
        assertRaises(BrokenProcessPool.class, TOPIC, "initializer_fails", () -> {
            ProcessPoolExecutor e = new ProcessPoolExecutor(1, null, ProcessPoolExecutorTest::failingInit);
            Future<Integer> f = e.submit(ProcessPoolExecutorTest::sq, 2);
            f.exception();
            e.shutdown();
            f.result();
        });
    }

    static Object forever(Object x) throws InterruptedException {
        new java.util.concurrent.CountDownLatch(1).await();
        return x;
    }

    @Test
    void terminateWorkersEndsACallThatNeverReturns() {
        terminateEndsEverything(ProcessPoolExecutor::terminateWorkers);
    }

    @Test
    void killWorkersEndsACallThatNeverReturns() {
        terminateEndsEverything(ProcessPoolExecutor::killWorkers);
    }

    private static void terminateEndsEverything(java.util.function.Consumer<ProcessPoolExecutor> end) {
        ProcessPoolExecutor e = new ProcessPoolExecutor(1);
        List<Future<Object>> fs = new ArrayList<>();
        fs.add(e.submit(ProcessPoolExecutorTest::forever, 0));
        for (int i = 1; i < 20; i++) fs.add(e.submit(ProcessPoolExecutorTest::boom, i));
        end.accept(e);
        for (Future<Object> f : fs) assertTrue(f.cancelled(), "every call is stopped: " + f);
        assertRaises(RuntimeError.class, TOPIC, "submit_after_shutdown", () -> e.submit(ProcessPoolExecutorTest::sq, 2));
        e.shutdown();
    }

    @Test
    void initializerRunsInEachWorkerWithItsArguments() {
        assertPrints(TOPIC, "initializer_with_args", () -> {
            try (ProcessPoolExecutor e = new ProcessPoolExecutor(1, null, ProcessPoolExecutorTest::setGreeting, "hi", 2)) {
                Py.print(e.submit(ProcessPoolExecutorTest::getGreeting).result());
            }
        });
    }

    @Test
    void maxTasksPerChildReplacesWorkers() {
        java.util.Set<Long> pids = new java.util.HashSet<>();
        try (ProcessPoolExecutor e = new ProcessPoolExecutor(ProcessPoolExecutor.options().maxWorkers(1).maxTasksPerChild(2))) {
            for (int i = 0; i < 6; i++) pids.add(e.submit(ProcessPoolExecutorTest::pid, i).result(60));
        }
        assertEquals(3, pids.size(), "one worker for every 2 calls: " + pids);
    }

    @Test
    void shutdownWithCancelFuturesSettlesEveryFuture() {
        ProcessPoolExecutor e = new ProcessPoolExecutor(1);
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 200; i++) fs.add(e.submit(ProcessPoolExecutorTest::sq, i));
        e.shutdown(true, true);
        for (int i = 0; i < fs.size(); i++) {
            Future<Integer> f = fs.get(i);
            assertTrue(f.done(), "settled after shutdown(wait=True): " + f);
            if (!f.cancelled()) assertEquals(i * i, f.result());
        }
    }

    /** A map function that counts, in this JVM, how often it is serialized to go to a worker. */
    static final class CountedSq implements dev.pyconcurrent.builtins.Callable1<Integer, Integer> {
        private static final long serialVersionUID = 1L;
        static final java.util.concurrent.atomic.AtomicInteger SENT = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public Integer call(Integer x) {
            return x * x;
        }

        private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
            SENT.incrementAndGet();
            out.defaultWriteObject();
        }
    }

    @Test
    void chunkedMapsOfOneFunctionSendItOncePerWorker() {
        CountedSq fn = new CountedSq();
        CountedSq.SENT.set(0);
        try (ProcessPoolExecutor e = new ProcessPoolExecutor(1)) {
            for (int i = 0; i < 3; i++) {
                assertEquals(List.of(0, 1, 4, 9, 16), list(e.map(fn, range(5), Executor.mapOptions().chunksize(2))));
            }
        }
        assertEquals(1, CountedSq.SENT.get(), "the function's wrapper is sent to the one worker once, not per map");
    }
}
