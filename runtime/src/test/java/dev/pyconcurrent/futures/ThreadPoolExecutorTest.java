package dev.pyconcurrent.futures;

import static dev.pyconcurrent.testing.CPython.assertPrints;
import static dev.pyconcurrent.testing.CPython.assertRaises;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.builtins.KeyboardInterrupt;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.RuntimeError;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.os.Os;
import dev.pyconcurrent.testing.Spawned;
import dev.pyconcurrent.threading.Barrier;
import dev.pyconcurrent.threading.Event;
import dev.pyconcurrent.threading.Threading;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ThreadPoolExecutorTest extends Support {
    @Test
    void badMaxWorkers() {
        assertRaises(ValueError.class, TOPIC, "tpe_zero_workers", () -> new ThreadPoolExecutor(0));
        assertRaises(ValueError.class, TOPIC, "tpe_negative_workers", () -> new ThreadPoolExecutor(ThreadPoolExecutor.options().maxWorkers(-1)));
    }

    @Test
    void defaultMaxWorkers() {
        try (ThreadPoolExecutor e = new ThreadPoolExecutor()) {
            assertEquals(Math.min(32, Math.max(Os.processCpuCount(), 1) + 4), e.maxWorkers());
        }
        try (ThreadPoolExecutor e = new ThreadPoolExecutor(ThreadPoolExecutor.options().threadNamePrefix("x"))) {
            assertEquals(Math.min(32, Math.max(Os.processCpuCount(), 1) + 4), e.maxWorkers());
        }
    }

    @Test
    void submit() {
        assertPrints(TOPIC, "tpe_submit", () -> {
            try (ThreadPoolExecutor e = new ThreadPoolExecutor(2)) {
                Py.print(e.submit(Support::pow, 2, 10).result(), e.submit(() -> {}).result(), e.submit(() -> "").result());
                Future<Object> f = e.submit((Integer x) -> boom(x), 1);
                Py.print(Py.repr(f.exception()), f);
                Py.print(e.submit((Integer a, Integer b, Integer c) -> Math.max(a, Math.max(b, c)), 3, 4, 5).result());
            }
        });
        assertRaises(ValueError.class, TOPIC, "tpe_submit_raises", () -> {
            try (ThreadPoolExecutor e = new ThreadPoolExecutor(1)) {
                e.submit(() -> boom()).result();
            }
        });
    }

    @Test
    void submitActions() {
        List<Object> seen = Collections.synchronizedList(new ArrayList<>());
        try (ThreadPoolExecutor e = new ThreadPoolExecutor(2)) {
            Future<Void> a = e.submit(() -> {
                seen.add("0");
            });
            assertEquals(true, e.submit(() -> seen.add("value")).result());
            assertEquals(null, e.submit((String x) -> {
                seen.add(x);
            }, "1").result());
            e.submit((String x, String y) -> {
                seen.add(x + y);
            }, "2", "b").result();
            e.submit((String x, String y, String z) -> {
                seen.add(x + y + z);
            }, "3", "b", "c").result();
            assertEquals(3, e.submit((String x, String y) -> x.length() + y.length(), "ab", "c").result());
            a.result();
        }
        assertEquals(Set.of("0", "value", "1", "2b", "3bc"), Set.copyOf(seen));
    }

    @Test
    void checkedExceptionPropagates() {
        try (ThreadPoolExecutor e = new ThreadPoolExecutor(1)) {
            Future<Object> f = e.submit(() -> {
                throw new java.io.IOException("disk");
            });
            assertInstanceOf(java.io.IOException.class, f.exception());
            assertThrows(java.io.IOException.class, f::result);
        }
    }

    @Test
    void threadNames() {
        assertPrints(TOPIC, "tpe_thread_names", () -> {
            Barrier gate = new Barrier(2, 10);
            try (ThreadPoolExecutor e = new ThreadPoolExecutor(3, "pool")) {
                List<Future<String>> fs = List.of(e.submit(() -> {
                    gate.await();
                    return currentName();
                }), e.submit(() -> {
                    gate.await();
                    return currentName();
                }));
                List<String> names = new ArrayList<>();
                for (Future<String> f : fs) names.add(f.result());
                Collections.sort(names);
                Py.print(names);
            }
            int base;
            try (ThreadPoolExecutor e = new ThreadPoolExecutor(1)) {
                base = Integer.parseInt(e.submit(Support::currentName).result().split("-")[1].split("_")[0]);
            }
            try (ThreadPoolExecutor e = new ThreadPoolExecutor(1, "")) {
                Py.print(rel(e.submit(Support::currentName).result(), base));
            }
            try (ThreadPoolExecutor e = new ThreadPoolExecutor(1)) {
                Py.print(rel(e.submit(Support::currentName).result(), base));
            }
            try (ThreadPoolExecutor e = new ThreadPoolExecutor(1)) {
                dev.pyconcurrent.threading.Thread t = e.submit(Threading::currentThread).result();
                Py.print(t.getClass().getSimpleName());
                assertTrue(t.daemon(), "workers are daemon threads (a documented deviation)");
            }
        });
    }

    @Test
    void workersDoNotTakeThreadNumbers() {
        int before = Integer.parseInt(new dev.pyconcurrent.threading.Thread().name().split("-")[1]);
        try (ThreadPoolExecutor e = new ThreadPoolExecutor(2)) {
            e.submit(() -> 1).result();
        }
        assertEquals(before + 1, Integer.parseInt(new dev.pyconcurrent.threading.Thread().name().split("-")[1]));
    }

    @Test
    void reusesIdleWorker() {
        assertPrints(TOPIC, "tpe_reuses_idle_worker", () -> {
            try (ThreadPoolExecutor e = new ThreadPoolExecutor(4, "idle")) {
                List<String> names = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    names.add(e.submit(Support::currentName).result());
                    // the worker reports idle just after completing the future: CPython's GIL hides that window
                    Spawned.until(() -> e.idleWorkers() > 0);
                }
                Py.print(names);
            }
        });
    }

    @Test
    void startsWorkersUpToMax() {
        int n = 3;
        CountDownLatch running = new CountDownLatch(n);
        Event gate = new Event();
        Set<String> names = ConcurrentHashMap.newKeySet();
        try (ThreadPoolExecutor e = new ThreadPoolExecutor(n, "max")) {
            List<Future<Boolean>> fs = new ArrayList<>();
            for (int i = 0; i < n + 2; i++) {
                fs.add(e.submit(() -> {
                    names.add(currentName());
                    running.countDown();
                    return gate.await(10);
                }));
            }
            assertTrue(running.await(10, TimeUnit.SECONDS));
            assertEquals(Set.of("max_0", "max_1", "max_2"), names);
            assertEquals(2, fs.stream().filter(f -> !f.running() && !f.done()).count(), "two calls wait in the queue");
            gate.set();
            for (Future<Boolean> f : fs) assertTrue(f.result(10));
        } catch (InterruptedException x) {
            throw new AssertionError(x);
        }
        assertEquals(Set.of("max_0", "max_1", "max_2"), names);
    }

    @Test
    void submitAfterShutdown() {
        assertRaises(RuntimeError.class, TOPIC, "tpe_submit_after_shutdown", () -> {
            ThreadPoolExecutor e = new ThreadPoolExecutor(1);
            e.shutdown();
            e.shutdown();
            e.submit(Support::pow, 2, 2);
        });
        assertRaises(RuntimeError.class, TOPIC, "tpe_submit_after_context", () -> {
            ThreadPoolExecutor e;
            try (ThreadPoolExecutor x = new ThreadPoolExecutor(1)) {
                e = x;
            }
            e.submit(Support::pow, 2, 2);
        });
    }

    @Test
    void shutdownRunsQueued() {
        assertPrints(TOPIC, "tpe_shutdown_runs_queued", () -> {
            Event gate = new Event();
            ThreadPoolExecutor e = new ThreadPoolExecutor(1);
            Future<Boolean> first = e.submit((Double t) -> gate.await(t), 10.0);
            List<Future<Integer>> rest = new ArrayList<>();
            for (int i = 0; i < 3; i++) rest.add(e.submit(Support::pow, 2, i));
            gate.set();
            e.shutdown(true);
            Py.print(first.result(), rest.stream().map(Future::result).toList(), rest.stream().map(Future::done).toList());
        });
    }

    @Test
    void shutdownCancelFutures() {
        assertPrints(TOPIC, "tpe_shutdown_cancel_futures", () -> {
            Event gate = new Event();
            ThreadPoolExecutor e = new ThreadPoolExecutor(1);
            Future<Boolean> first = occupy(e, gate);
            List<Future<Integer>> rest = new ArrayList<>();
            for (int i = 0; i < 3; i++) rest.add(e.submit(Support::pow, 2, i));
            e.shutdown(false, true);
            Py.print(first.running(), rest.stream().map(Future::cancelled).toList(), rest.get(0));
            gate.set();
            e.shutdown(true);
            Py.print(first.result(), first, rest.get(0));
        });
    }

    @Test
    void shutdownWithoutWaitThenJoin() {
        Event gate = new Event();
        ThreadPoolExecutor e = new ThreadPoolExecutor(2);
        Future<Boolean> f = e.submit(() -> gate.await(10));
        e.shutdown(false);
        assertFalse(f.done());
        gate.set();
        e.shutdown();
        assertTrue(f.result());
    }

    @Test
    void initializer() {
        assertPrints(TOPIC, "tpe_initializer", () -> {
            List<Object> seen = Collections.synchronizedList(new ArrayList<>());
            try (ThreadPoolExecutor e = new ThreadPoolExecutor(1, "", seen::add, "init")) {
                Py.print(e.submit(seen::size).result(), seen);
            }
        });
        AtomicInteger calls = new AtomicInteger();
        try (ThreadPoolExecutor e = new ThreadPoolExecutor(ThreadPoolExecutor.options().maxWorkers(2).initializer(calls::incrementAndGet))) {
            e.submit(() -> 1).result();
        }
        assertEquals(1, calls.get());
        List<Object> args = Collections.synchronizedList(new ArrayList<>());
        try (ThreadPoolExecutor e = new ThreadPoolExecutor(1, "p", (String a, String b) -> args.add(a + b), "x", "y")) {
            e.submit(() -> 1).result();
        }
        try (ThreadPoolExecutor e = new ThreadPoolExecutor(1, "p", (String a, String b, String c) -> args.add(a + b + c), "x", "y", "z")) {
            e.submit(() -> 1).result();
        }
        try (ThreadPoolExecutor e = new ThreadPoolExecutor(1, "p", () -> args.add("none"))) {
            e.submit(() -> 1).result();
        }
        assertEquals(List.of("xy", "xyz", "none"), args);
    }

    @Test
    void initializerFails() {
        BrokenThreadPool b = raisesAfterPrinting(BrokenThreadPool.class, "tpe_initializer_fails", () -> {
            ThreadPoolExecutor e = new ThreadPoolExecutor(1, "", () -> boom());
            Throwable f = logged(() -> e.submit(Support::pow, 2, 2).exception(10));
            Py.print(Py.repr(f), ((BrokenThreadPool) f).pyModule(), f);
            try {
                e.submit(Support::pow, 2, 2);
            } finally {
                e.shutdown();
            }
        });
        assertInstanceOf(BrokenExecutor.class, b);
    }

    @Test
    void interruptedCallFailsWorkerGoesOn() {
        Event started = new Event();
        try (ThreadPoolExecutor e = new ThreadPoolExecutor(1)) {
            Future<Boolean> f = e.submit(() -> {
                started.set();
                return new Event().await(10);
            });
            assertTrue(started.await(10));
            java.lang.Thread worker = null;
            for (java.lang.Thread t : java.lang.Thread.getAllStackTraces().keySet()) {
                if (t.getName().startsWith("ThreadPoolExecutor-") && t.isAlive()) {
                    for (StackTraceElement s : t.getStackTrace()) {
                        if (s.getClassName().equals(Event.class.getName())) worker = t;
                    }
                }
            }
            assertTrue(worker != null, "worker found");
            worker.interrupt();
            assertInstanceOf(KeyboardInterrupt.class, f.exception(10));
            assertEquals(4, e.submit(Support::pow, 2, 2).result(10), "the worker survives the interrupt");
        }
    }

    @Test
    void unreachableExecutorEndsItsWorkers() throws InterruptedException {
        java.lang.Thread worker = startAndDrop();
        long end = System.nanoTime() + 10_000_000_000L;
        while (worker.isAlive() && System.nanoTime() < end) {
            System.gc(); // the behaviour under test: the collector finds the executor unreachable
            worker.join(50);
        }
        assertFalse(worker.isAlive(), "the idle worker of a collected executor ends");
    }

    private static java.lang.Thread startAndDrop() {
        ThreadPoolExecutor e = new ThreadPoolExecutor(1, "dropped");
        return e.submit(() -> java.lang.Thread.currentThread()).result();
    }

    @Test
    void cancelQueued() {
        assertPrints(TOPIC, "tpe_cancel_queued", () -> {
            Event gate = new Event();
            try (ThreadPoolExecutor e = new ThreadPoolExecutor(1)) {
                Future<Boolean> first = occupy(e, gate);
                Future<Integer> second = e.submit(Support::pow, 2, 2);
                Py.print(first.cancel(), second.cancel(), second, first.running());
                AsCompleted<Future<Integer>> it = Futures.asCompleted(List.of(second), 10);
                gate.set();
                Py.print(it.next() == second, second, first.result());
            }
        });
    }

    @Test
    void workerUnexpectedState() {
        assertPrints(TOPIC, "tpe_worker_unexpected_state", () -> {
            Event gate = new Event();
            ThreadPoolExecutor e = new ThreadPoolExecutor(1);
            Future<Boolean> first = occupy(e, gate);
            Future<Integer> second = e.submit(Support::pow, 2, 2);
            second.setResult(5);
            loggedRun(() -> {
                gate.set();
                e.shutdown();
            });
            Py.print(first.result(), second.result());
        });
    }

    /** The slot a process pool fills: an executor only has to implement submitCall. */
    static final class Inline extends Executor {
        @Override
        protected <R> Future<R> submitCall(Call<R> call) {
            Future<R> f = new Future<>();
            if (f.setRunningOrNotifyCancel()) {
                try {
                    f.setResult(call.invoke());
                } catch (Throwable t) {
                    f.setException(t);
                }
            }
            return f;
        }
    }

    @Test
    void executorBase() {
        try (Executor e = new Inline()) {
            assertEquals(8, e.submit(Support::pow, 2, 3).result());
            assertEquals(List.of(1, 8, 81), MapTest.list(e.map(Support::pow, List.of(1, 2, 3), List.of(4, 3, 4))));
            assertEquals(List.of("a", "b"), MapTest.list(e.map((String s) -> s, List.of("a", "b"), Executor.mapOptions().buffersize(1))));
            assertInstanceOf(ValueError.class, e.submit(() -> boom()).exception());
            e.shutdown(false, true);
            assertEquals(1, e.submit(() -> 1).result(), "the base class's shutdown does nothing, as CPython's");
        }
        Call<?> c = Call.of((dev.pyconcurrent.builtins.Callable2<Integer, Integer, Integer>) (a, b) -> a + b, 1, 2);
        assertEquals(List.of(1, 2), List.of(c.args()));
        assertInstanceOf(java.io.Serializable.class, c.fn());
    }

    @Test
    void reprs() {
        try (ThreadPoolExecutor e = new ThreadPoolExecutor(1)) {
            assertTrue(CPythonLike.matches(e.toString(), "<concurrent.futures.thread.ThreadPoolExecutor object at 0x"), e.toString());
        }
    }

    /** Tiny helper: prefix match. */
    static final class CPythonLike {
        static boolean matches(String s, String prefix) {
            return s.startsWith(prefix) && s.endsWith(">");
        }
    }
}
