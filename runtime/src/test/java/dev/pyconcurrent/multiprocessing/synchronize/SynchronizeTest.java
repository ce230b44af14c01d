package dev.pyconcurrent.multiprocessing.synchronize;

import static dev.pyconcurrent.testing.CPython.assertPrints;
import static dev.pyconcurrent.testing.CPython.assertRaises;

import dev.pyconcurrent.builtins.Action0;
import dev.pyconcurrent.builtins.AssertionError;
import dev.pyconcurrent.builtins.OSError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.testing.Spawned;
import dev.pyconcurrent.threading.BrokenBarrierError;
import dev.pyconcurrent.threading.Thread;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reprs, return values and errors against reference/mp_shared_synchronize.py (one process). */
class SynchronizeTest {
    static final String TOPIC = "mp_shared_synchronize";

    /** The reference's {@code in_thread}: runs {@code fn} in a thread named {@code worker} and joins it. */
    static void inThread(Action0 fn) {
        Thread t = new Thread(fn).name("worker");
        t.start();
        t.join();
    }

    @Test
    void lockRepr() {
        assertPrints(TOPIC, "lock_repr", () -> {
            Lock lock = new Lock();
            Py.print(lock);
            lock.acquire();
            Py.print(lock);
            inThread(() -> Py.print(lock));
            lock.release();
            inThread(() -> {
                lock.acquire();
                Py.print(lock);
            });
            Py.print(lock);
            lock.release();
            Py.print(lock);
        });
    }

    @Test
    void lockAcquireForms() {
        assertPrints(TOPIC, "lock_acquire_forms", () -> {
            Lock lock = new Lock();
            Py.print(lock.acquire(), lock.acquire(false), lock.acquire(true, -1), lock.acquire(0.01),
                    lock.acquire(false, 5), lock.acquire(true, 0));
            inThread(lock::release);
            Py.print(lock.acquire(false));
            lock.release();
            try (var held = lock.enter()) {
                Py.print("in with", lock);
            }
            Py.print(lock);
        });
    }

    @Test
    void lockErrors() {
        assertRaises(ValueError.class, TOPIC, "lock_release_unlocked", () -> new Lock().release());
        Lock lock = new Lock();
        assertRaises(OSError.class, TOPIC, "lock_nan_timeout", () -> {
            Py.print(lock.acquire(true, Double.NaN));
            lock.acquire(true, Double.NaN);
        });
    }

    @Test
    void rlockRepr() {
        assertPrints(TOPIC, "rlock_repr", () -> {
            RLock lock = new RLock();
            Py.print(lock);
            lock.acquire();
            lock.acquire();
            Py.print(lock);
            inThread(() -> Py.print(lock));
            lock.release();
            Py.print(lock);
            lock.release();
            Py.print(lock);
            inThread(() -> {
                lock.acquire();
                Py.print(lock);
            });
            Py.print(lock);
        });
    }

    @Test
    void rlockErrors() {
        assertRaises(AssertionError.class, TOPIC, "rlock_release_unowned", () -> new RLock().release());
        RLock lock = new RLock();
        assertRaises(AssertionError.class, TOPIC, "rlock_release_other_thread", () -> {
            inThread(lock::acquire);
            lock.release();
        });
    }

    @Test
    void semaphores() {
        assertPrints(TOPIC, "semaphore_repr", () -> {
            Semaphore s = new Semaphore(2);
            Py.print(s, s.getValue(), new Semaphore());
            Py.print(s.acquire(), s.acquire(), s.acquire(false), s.acquire(0.01), s);
            s.release();
            s.release();
            s.release();
            Py.print(s, s.getValue());
        });
        assertPrints(TOPIC, "bounded_repr", () -> {
            BoundedSemaphore s = new BoundedSemaphore(2);
            Py.print(s, new BoundedSemaphore());
            s.acquire();
            Py.print(s);
        });
        assertRaises(OSError.class, TOPIC, "semaphore_negative", () -> new Semaphore(-1));
        assertRaises(OSError.class, TOPIC, "bounded_negative", () -> new BoundedSemaphore(-1));
        assertRaises(ValueError.class, TOPIC, "bounded_release_too_many", () -> new BoundedSemaphore(2).release());
    }

    @Test
    void condition() {
        assertPrints(TOPIC, "condition_repr", () -> {
            Py.print(new Condition());
            Lock lock = new Lock();
            Condition c = new Condition(lock);
            Py.print(c);
            try (var held = c.enter()) {
                Py.print(c, c.await(0.01), c.awaitFor(() -> true), c.awaitFor(() -> false, 0.01));
            }
            Py.print(c);
        });
        assertRaises(AssertionError.class, TOPIC, "condition_wait_unowned", () -> new Condition().await());
        assertRaises(AssertionError.class, TOPIC, "condition_notify_unowned", () -> new Condition().signal());
    }

    @Test
    void conditionSignalWakesAThread() {
        assertPrints(TOPIC, "condition_notify_wakes", () -> {
            Condition c = new Condition();
            List<Boolean> woke = Collections.synchronizedList(new ArrayList<>());
            try (Spawned threads = new Spawned()) {
                try (var held = c.enter()) {
                    threads.start(() -> {
                        try (var h = c.enter()) {
                            woke.add(c.await(30));
                        }
                    });
                }
                Spawned.until(() -> c.waiters() == 1);
                try (var held = c.enter()) {
                    Py.print(c);
                    c.signal();
                }
            }
            Py.print(woke, c);
        });
    }

    @Test
    void event() {
        assertPrints(TOPIC, "event_repr", () -> {
            Event e = new Event();
            Py.print(e, e.isSet(), e.await(0), e.await(0.01));
            e.set();
            Py.print(e, e.isSet(), e.await(), e.await(0));
            e.clear();
            Py.print(e, e.isSet());
        });
    }

    @Test
    void barrier() {
        assertPrints(TOPIC, "barrier_repr", () -> {
            Barrier b = new Barrier(2);
            Py.print(b, b.parties(), b.nWaiting(), b.broken());
            b.abort();
            Py.print(b, b.broken());
            b.reset();
            Py.print(b, b.broken());
        });
        assertRaises(BrokenBarrierError.class, TOPIC, "barrier_wait_broken", () -> {
            Barrier b = new Barrier(2);
            b.abort();
            b.await();
        });
        assertRaises(BrokenBarrierError.class, TOPIC, "barrier_timeout", () -> new Barrier(2, 0.01).await());
        assertPrints(TOPIC, "barrier_two_threads", () -> {
            Barrier b = new Barrier(2, () -> Py.print("action"));
            List<Integer> out = Collections.synchronizedList(new ArrayList<>());
            try (Spawned threads = new Spawned()) {
                threads.start(() -> out.add(b.await(30)));
                out.add(b.await(30));
            }
            Collections.sort(out);
            Py.print(out, b);
        });
    }

    @Test
    void waitersSleepOnAFutexWhereTheBuildRunsTestsOnJdk22() {
        // set by the build's ffm execution (JDK >= 22, --enable-native-access=ALL-UNNAMED); JDK 17: the doorbells
        boolean expected = Boolean.getBoolean("pyconcurrent.test.expectFfm");
        org.junit.jupiter.api.Assertions.assertEquals(expected, Futex.NATIVE != null);
        org.junit.jupiter.api.Assertions.assertEquals(expected, new Lock().onFutex());
    }
}
