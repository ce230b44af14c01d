package dev.pyconcurrent.time;

import static dev.pyconcurrent.testing.CPython.assertPrints;

import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.Traceback;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.futures.DoneAndNotDoneFutures;
import dev.pyconcurrent.futures.Executor;
import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.Futures;
import dev.pyconcurrent.futures.ThreadPoolExecutor;
import dev.pyconcurrent.queue.Queue;
import dev.pyconcurrent.queue.SimpleQueue;
import dev.pyconcurrent.subprocess.Popen;
import dev.pyconcurrent.subprocess.Subprocess;
import dev.pyconcurrent.testing.NoThreadLeft;
import dev.pyconcurrent.testing.Spawned;
import dev.pyconcurrent.threading.Barrier;
import dev.pyconcurrent.threading.Condition;
import dev.pyconcurrent.threading.Event;
import dev.pyconcurrent.threading.Lock;
import dev.pyconcurrent.threading.RLock;
import dev.pyconcurrent.threading.Semaphore;
import dev.pyconcurrent.threading.Thread;
import dev.pyconcurrent.threading.Timer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The one timeout rule ({@link Timeout}) as every timeout-taking API applies it, against
 * reference/timeouts.py: NaN, ±inf, negative and out-of-range timeouts give CPython's result or
 * exception and message. Where CPython's loop spins on a NaN timeout, the wait here has no
 * timeout, and another thread ends it once this one waits.
 */
@ExtendWith(NoThreadLeft.class)
class TimeoutTest {
    private static final String TOPIC = "timeouts";

    static {
        // ThreadPoolExecutor's class initialization starts its one Cleaner thread: do it before any baseline.
        new ThreadPoolExecutor(1).shutdown();
    }
    private static final double NAN = Double.NaN, INF = Double.POSITIVE_INFINITY;
    private static final double[] SWEEP = {-1.0, -0.5, 0.0, NAN, INF, -INF, 1e10, 9.3e9, 1e300, -1e300};

    /** The reference's {@code sweep(fn, values)}. */
    private static void sweep(DoubleFunction<Object> api, double... values) {
        for (double v : values) {
            try {
                Py.print(Py.repr(v), "->", Py.repr(api.apply(v)));
            } catch (RuntimeException e) {
                Py.print(Py.repr(v), Traceback.name(e) + ":", Traceback.message(e));
            }
        }
    }

    private static void sweep(DoubleFunction<Object> api) {
        sweep(api, SWEEP);
    }

    private static double[] noNan() {
        return java.util.Arrays.stream(SWEEP).filter(v -> !Double.isNaN(v)).toArray();
    }

    /** The reference's {@code later(fn)}: runs {@code end} on another thread once the calling thread is parked. */
    private static void later(Spawned threads, Runnable end) {
        java.lang.Thread waiter = java.lang.Thread.currentThread();
        threads.start(() -> {
            Spawned.until(() -> waiter.getState() == java.lang.Thread.State.WAITING
                    || waiter.getState() == java.lang.Thread.State.TIMED_WAITING);
            end.run();
        });
    }

    @Test
    void sleep() {
        assertPrints(TOPIC, "sleep", () -> sweep(v -> {
            Time.sleep(v);
            return null;
        }));
    }

    @Test
    void tinyNegativeRoundsAsCPython() {
        Map<String, DoubleFunction<Object>> apis = new LinkedHashMap<>();
        apis.put("sleep", v -> {
            Time.sleep(v);
            return null;
        });
        apis.put("lock", v -> new Lock().acquire(v));
        apis.put("simple_queue", v -> new SimpleQueue<>().get(true, v));
        assertPrints(TOPIC, "tiny_negative", () -> apis.forEach((name, fn) -> {
            try {
                Py.print(name, Py.repr(fn.apply(-1e-10)));
            } catch (RuntimeException e) {
                Py.print(name, Traceback.name(e) + ":", Traceback.message(e));
            }
        }));
    }

    @Test
    void lockAcquire() {
        assertPrints(TOPIC, "lock_acquire", () -> sweep(v -> new Lock().acquire(v)));
        assertPrints(TOPIC, "lock_acquire_held", () -> sweep(v -> {
            Lock lock = new Lock();
            lock.acquire();
            return lock.acquire(v);
        }, java.util.Arrays.stream(SWEEP).filter(v -> v != -1.0).toArray()));
        assertPrints(TOPIC, "rlock_acquire", () -> sweep(v -> new RLock().acquire(v)));
    }

    @Test
    void eventAndConditionWait() {
        assertPrints(TOPIC, "event_wait", () -> sweep(v -> new Event().await(v)));
        assertPrints(TOPIC, "condition_wait", () -> sweep(v -> {
            Condition c = new Condition();
            try (var held = c.enter()) {
                return c.await(v);
            }
        }));
        assertPrints(TOPIC, "condition_wait_for", () -> sweep(v -> {
            Condition c = new Condition();
            try (var held = c.enter()) {
                return c.awaitFor(() -> 0, v);
            }
        }, noNan()));
    }

    @Test
    void conditionWaitForNanWaitsUntilTrue() {
        Condition c = new Condition();
        List<Integer> flag = new ArrayList<>();
        assertPrints(TOPIC, "condition_wait_for_nan", () -> {
            try (Spawned threads = new Spawned()) {
                later(threads, () -> {
                    try (var held = c.enter()) {
                        flag.add(1);
                        c.signal();
                    }
                });
                try (var held = c.enter()) {
                    Py.print(c.awaitFor(flag::size, NAN));
                }
            }
        });
    }

    @Test
    void semaphoreAcquire() {
        assertPrints(TOPIC, "semaphore_acquire", () -> sweep(v -> new Semaphore(0).acquire(v), noNan()));
        Semaphore s = new Semaphore(0);
        assertPrints(TOPIC, "semaphore_acquire_nan", () -> {
            try (Spawned threads = new Spawned()) {
                later(threads, s::release);
                Py.print(s.acquire(NAN));
            }
        });
    }

    @Test
    void threadJoin() {
        Event gate = new Event();
        Thread t = new Thread(() -> gate.await());
        t.start();
        assertPrints(TOPIC, "thread_join", () -> sweep(v -> {
            t.join(v);
            return Tuple.of(null, t.isAlive());
        }));
        gate.set();
        t.join();
    }

    @Test
    void timerInterval() {
        assertPrints(TOPIC, "timer_interval", () -> {
            for (double v : new double[] {INF, 1e300, NAN, -1.0}) {
                java.io.PrintStream saved = System.err;
                java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
                System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
                try {
                    Timer t = new Timer(v, (String a, String b) -> Py.print(a, b), "fired", Py.repr(v));
                    t.start();
                    t.join();
                } finally {
                    System.setErr(saved);
                }
                String[] lines = err.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n");
                Py.print(Py.repr(v), lines[lines.length - 1].isEmpty() ? null : lines[lines.length - 1]);
            }
        });
    }

    @Test
    void barrierWait() {
        assertPrints(TOPIC, "barrier_wait", () -> sweep(v -> new Barrier(2).await(v), noNan()));
        assertPrints(TOPIC, "barrier_default_timeout", () -> sweep(v -> new Barrier(2, v).await(), noNan()));
        Barrier b = new Barrier(2);
        assertPrints(TOPIC, "barrier_wait_nan", () -> {
            try (Spawned threads = new Spawned()) {
                threads.start(b::await);
                int index = b.await(NAN);
                Py.print(index == 0 || index == 1, b.broken());
            }
        });
    }

    @Test
    void queueGetAndPut() {
        assertPrints(TOPIC, "queue_get", () -> sweep(v -> new Queue<>().get(true, v), noNan()));
        assertPrints(TOPIC, "queue_put", () -> sweep(v -> {
            Queue<Integer> q = new Queue<>(1);
            q.put(1);
            q.put(2, true, v);
            return null;
        }, noNan()));
        Queue<String> q = new Queue<>();
        assertPrints(TOPIC, "queue_get_nan", () -> {
            try (Spawned threads = new Spawned()) {
                later(threads, () -> q.put("item"));
                Py.print(q.get(true, NAN));
            }
        });
        assertPrints(TOPIC, "simple_queue_get", () -> sweep(v -> new SimpleQueue<>().get(true, v)));
    }

    @Test
    void futures() {
        assertPrints(TOPIC, "future_result", () -> sweep(v -> new Future<>().result(v)));
        assertPrints(TOPIC, "future_exception", () -> sweep(v -> new Future<>().exception(v)));
        assertPrints(TOPIC, "futures_wait", () -> sweep(v -> {
            DoneAndNotDoneFutures<Future<Object>> r = Futures.wait(List.of(new Future<>()), v);
            return Tuple.of(r.done().size(), r.notDone().size());
        }));
        assertPrints(TOPIC, "as_completed", () -> sweep(v -> Futures.asCompleted(List.of(new Future<>()), v).next(), noNan()));
        Future<String> f = new Future<>();
        assertPrints(TOPIC, "as_completed_nan", () -> {
            try (Spawned threads = new Spawned()) {
                later(threads, () -> f.setResult("done"));
                Py.print(Futures.asCompleted(List.of(f), NAN).next().result());
            }
        });
    }

    @Test
    void executorMap() {
        Event gate = new Event();
        try (ThreadPoolExecutor ex = new ThreadPoolExecutor(1)) {
            assertPrints(TOPIC, "executor_map", () -> sweep(v ->
                    ex.map((Integer x) -> gate.await(), List.of(1), Executor.mapOptions().timeout(v)).next()));
            gate.set();
        }
    }

    @Test
    void popenWait() {
        try (Popen p = new Popen(List.of("sleep", "10"))) {
            assertPrints(TOPIC, "popen_wait_expired", () -> {
                sweep(v -> p.await(v), -1.0, -0.5, 0.0, -INF, -1e300);
                p.kill();
                Py.print(p.await());
            });
        }
        assertPrints(TOPIC, "popen_wait_waits", () -> sweep(v -> {
            try (Popen p = new Popen(List.of("sleep", "0.2"))) {
                return p.await(v);
            }
        }, NAN, INF, 1e10, 1e300));
    }

    @Test
    void run() {
        assertPrints(TOPIC, "run_nan", () -> Py.print(Subprocess.run(List.of("sleep", "1"), Popen.options().timeout(NAN))));
        assertPrints(TOPIC, "run_capture", () -> sweep(v -> Subprocess.run(List.of("sleep", "10"),
                Popen.options().captureOutput(true).timeout(v)), -1.0, 0.0, NAN, INF, -INF, 1e10, 9.3e9, 9.2e9, 1e300, -1e300, 1e7));
    }
}
