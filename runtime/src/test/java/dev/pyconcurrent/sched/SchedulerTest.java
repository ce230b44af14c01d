package dev.pyconcurrent.sched;

import static dev.pyconcurrent.testing.CPython.assertPrints;
import static dev.pyconcurrent.testing.CPython.assertRaises;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.builtins.KeyboardInterrupt;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.testing.Spawned;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Scheduler and Event against reference/sched.py, on the same fake clock. */
class SchedulerTest {
    static final String T = "sched";
    static final List<Object> OUT = Collections.synchronizedList(new ArrayList<>());

    /** The reference's Clock: time() is a counter that sleep(d) advances, logging d. */
    static final class Clock {
        double now;
        final List<Double> log = new ArrayList<>();

        double time() {
            return now;
        }

        void sleep(double d) {
            log.add(d);
            now += d;
        }
    }

    static void a() {
        OUT.add("a");
    }

    static void b() {
        OUT.add("b");
    }

    static void f(Object x, Object y) {
        OUT.add(Py.tuple("f", x, y));
    }

    static void g() {}

    static void kw(Scheduler.Args call) {
        OUT.add(Py.tuple(call.argument(), call.kwargs()));
    }

    static void boom() {
        throw new ValueError("boom");
    }

    static void append(Object x) {
        OUT.add(x);
    }

    private Clock c;

    Scheduler fresh() {
        OUT.clear();
        c = new Clock();
        return new Scheduler(c::time, c::sleep);
    }

    @Test
    void runOrder() {
        assertPrints(T, "run_order", () -> {
            Scheduler s = fresh();
            s.enter(0.02, 1, SchedulerTest::append, "a");
            s.enter(0.01, 2, SchedulerTest::append, "b");
            s.enterabs(0, 1, SchedulerTest::append, "c");
            s.enter(0.01, 1, SchedulerTest::append, "d");
            s.run();
            Py.print(null, OUT, c.log, c.now, s.empty());
        });
    }

    @Test
    void eventReprAndOrdering() {
        assertPrints(T, "event_repr", () -> {
            Scheduler s = fresh();
            c.now = 198.09;
            Event e1 = s.enter(0, 1, SchedulerTest::f, 1, "x");
            Event e2 = s.enterabs(5.5, 0, SchedulerTest::g);
            Event e3 = s.enterabs(5.5, 0, SchedulerTest::kw, Py.tuple("y"), Map.of("k", 1));
            Py.print(e1);
            Py.print(s.queue());
            Py.print(Py.lt(e2, e3), Py.lt(e3, e2), Py.lt(e1, e2), Py.eq(e1, e1), Py.eq(e2, e3));
            Py.print(e1.time(), e1.priority(), e1.sequence(), e1.argument(), e1.kwargs());
        });
    }

    @Test
    void sameTimeAndPriorityIsFifo() {
        assertPrints(T, "same_time_fifo", () -> {
            Scheduler s = fresh();
            for (int x = 0; x < 6; x++) s.enterabs(1, x % 2, SchedulerTest::append, x);
            List<Tuple> keys = new ArrayList<>();
            for (Event e : s.queue()) keys.add(Py.tuple(e.priority(), e.sequence()));
            Py.print(keys);
            s.run();
            Py.print(OUT, c.log);
        });
    }

    @Test
    void cancel() {
        assertPrints(T, "cancel", () -> {
            Scheduler s = fresh();
            Event e1 = s.enter(1, 1, SchedulerTest::a);
            s.enter(2, 1, SchedulerTest::b);
            Event e3 = s.enter(1, 0, SchedulerTest::a);
            s.cancel(e1);
            List<Long> seqs = new ArrayList<>();
            for (Event e : s.queue()) seqs.add(e.sequence());
            Py.print(seqs);
            s.cancel(e3);
            s.run();
            Py.print(OUT, c.log, s.empty());
        });
        assertRaises(ValueError.class, T, "cancel_unknown", () -> {
            Scheduler s = fresh();
            Event e = s.enter(1, 1, SchedulerTest::a);
            s.cancel(e);
            s.cancel(e);
        });
    }

    @Test
    void manyEventsPopInCPythonsOrder() {
        assertPrints(T, "many_events_heap_order", () -> {
            Scheduler s = fresh();
            long x = 7;
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                x = (x * 1103515245L + 12345) % 2147483648L;
                events.add(s.enterabs(x % 50, (int) (x % 3), SchedulerTest::append, i));
            }
            for (int i = 0; i < events.size(); i += 7) s.cancel(events.get(i));
            List<Long> seqs = new ArrayList<>();
            for (Event e : s.queue()) seqs.add(e.sequence());
            Py.print(seqs.subList(0, 40), s.queue().size());
            s.run();
            Py.print(OUT);
        });
    }

    @Test
    void cancelFindsAnEqualEvent() {
        Scheduler s = fresh();
        Event e = s.enterabs(1, 1, SchedulerTest::a);
        s.cancel(new Event(e.time(), e.priority(), e.sequence(), e.action(), e.argument(), new LinkedHashMap<>()));
        assertTrue(s.empty());
    }

    @Test
    void runNonBlocking() {
        assertPrints(T, "run_nonblocking", () -> {
            Scheduler s = fresh();
            Py.print(s.run(false));
            s.enter(1.5, 1, SchedulerTest::a);
            s.enter(0, 1, SchedulerTest::b);
            Py.print(s.run(false), OUT, c.log);
            c.now = 2.0;
            Py.print(s.run(false), OUT, c.log, s.empty());
        });
    }

    @Test
    void actionRaises() {
        assertPrints(T, "action_raises", () -> {
            Scheduler s = fresh();
            s.enter(1, 1, SchedulerTest::a);
            s.enter(2, 1, SchedulerTest::boom);
            s.enter(3, 1, SchedulerTest::b);
            try {
                s.run();
            } catch (ValueError e) {
                Py.print(Py.repr(e), OUT, c.log, s.queue().size());
            }
            s.run();
            Py.print(OUT, c.log, s.empty());
        });
    }

    @Test
    void checkedExceptionsPropagateUnchanged() {
        Scheduler s = fresh();
        Exception thrown = new java.io.IOException("disk");
        s.enter(0, 1, () -> {
            throw thrown;
        });
        assertEquals(thrown, assertThrows(java.io.IOException.class, () -> s.run()));
        Scheduler broken = new Scheduler(() -> {
            throw thrown;
        }, d -> {});
        assertThrows(java.io.IOException.class, () -> broken.enter(1, 1, SchedulerTest::a));
    }

    @Test
    void actionsModifyQueue() {
        assertPrints(T, "actions_modify_queue", () -> {
            Scheduler s = fresh();
            List<Event> events = new ArrayList<>();
            events.add(s.enter(3, 1, SchedulerTest::a));
            s.enter(1, 1, () -> {
                OUT.add("adder");
                s.enter(0.5, 0, SchedulerTest::b);
                s.cancel(events.get(0));
            });
            s.run();
            Py.print(OUT, c.log);
        });
    }

    @Test
    void delayEntersSooner() {
        assertPrints(T, "delay_enters_sooner", () -> {
            OUT.clear();
            Clock clock = new Clock();
            AtomicReference<Scheduler> ref = new AtomicReference<>();
            Scheduler s = new Scheduler(clock::time, d -> {
                clock.log.add(d);
                if (clock.log.size() == 1) {
                    ref.get().enterabs(clock.now + 1, 0, SchedulerTest::b);
                    clock.now += 1;
                } else {
                    clock.now += d;
                }
            });
            ref.set(s);
            s.enter(10, 1, SchedulerTest::a);
            s.run();
            Py.print(OUT, clock.log, clock.now);
        });
    }

    @Test
    void kwargsAction() {
        assertPrints(T, "kwargs_action", () -> {
            Scheduler s = fresh();
            Map<String, Object> kw = new LinkedHashMap<>();
            kw.put("k", "v");
            s.enter(0, 1, call -> OUT.add(Py.tuple(call.argument(), call.kwargs())), Py.tuple(1, 2), kw);
            s.run();
            Py.print(OUT);
        });
    }

    @Test
    void argumentForms() {
        assertPrints(T, "args_forms", () -> {
            Scheduler s = fresh();
            s.enter(1, 1, SchedulerTest::append, "one");
            s.enter(2, 1, SchedulerTest::f, 1, 2);
            s.enter(3, 1, (Integer x, Integer y, Integer z) -> OUT.add(x + y + z), 1, 2, 3);
            s.enter(4, 1, SchedulerTest::a);
            List<Tuple> args = new ArrayList<>();
            for (Event e : s.queue()) args.add(e.argument());
            Py.print(args);
            s.run();
            Py.print(OUT, c.now);
        });
    }

    @Test
    void realClockDefaults() {
        assertPrints(T, "real_clock_defaults", () -> {
            Scheduler s = new Scheduler();
            s.enter(0.01, 1, SchedulerTest::a);
            s.enter(0, 1, SchedulerTest::b);
            OUT.clear();
            s.run();
            Py.print(OUT);
        });
    }

    @Test
    void accessorsAndRepr() {
        Scheduler s = fresh();
        Scheduler.TimeFunc t = () -> 5.0;
        Scheduler.DelayFunc d = x -> {};
        assertEquals(t, s.timefunc(t).timefunc());
        assertEquals(d, s.delayfunc(d).delayfunc());
        assertTrue(s.toString().matches("<sched.scheduler object at 0x[0-9a-f]+>"));
        assertNull(s.run(false));
        assertEquals(3.0, s.enter(3, 0, SchedulerTest::a).time() - 5.0);
    }

    @Test
    void otherThreadsEnterAndCancelWhileRunning() throws Exception {
        // The heap's lock is not held while delayfunc waits: another thread can add a sooner event.
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch added = new CountDownLatch(1);
        double[] now = {0};
        Scheduler s = new Scheduler(() -> now[0], d -> {
            if (d > 0 && waiting.getCount() > 0) {
                waiting.countDown();
                assertTrue(added.await(10, TimeUnit.SECONDS));
            }
            now[0] += d;
        });
        OUT.clear();
        Event late = s.enterabs(100, 1, SchedulerTest::a);
        try (Spawned sp = new Spawned()) {
            Thread runner = sp.start(s::run);
            assertTrue(waiting.await(10, TimeUnit.SECONDS));
            s.enterabs(0, 0, SchedulerTest::b);
            s.cancel(late);
            added.countDown();
            Spawned.join(runner);
        }
        assertEquals(List.of("b"), OUT);
        assertTrue(s.empty());
    }

    @Test
    void concurrentEntersRunOnceInOrder() throws Exception {
        Scheduler s = fresh();
        CountDownLatch go = new CountDownLatch(1);
        try (Spawned sp = new Spawned()) {
            for (int t = 0; t < 4; t++) {
                int base = t;
                sp.start(() -> {
                    assertTrue(go.await(10, TimeUnit.SECONDS));
                    for (int i = 0; i < 250; i++) s.enterabs(i % 10, base, SchedulerTest::append, Py.tuple(i % 10, base));
                });
            }
            go.countDown();
        }
        List<Event> queued = s.queue();
        assertEquals(1000, queued.size());
        s.run();
        assertEquals(1000, OUT.size());
        for (int i = 1; i < OUT.size(); i++) {
            assertTrue(Py.compare(OUT.get(i - 1), OUT.get(i)) <= 0, "order at " + i);
            assertTrue(queued.get(i - 1).compareTo(queued.get(i)) < 0);
        }
    }

    @Test
    void defaultDelayIsInterruptible() throws Exception {
        Scheduler s = new Scheduler();
        s.enter(3600, 1, SchedulerTest::a);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        try (Spawned sp = new Spawned()) {
            Thread t = sp.start(() -> {
                try {
                    s.run();
                } catch (KeyboardInterrupt e) {
                    thrown.set(e);
                }
            });
            Spawned.until(() -> t.getState() == Thread.State.TIMED_WAITING);
            t.interrupt();
            Spawned.join(t);
        }
        assertTrue(thrown.get() instanceof KeyboardInterrupt);
        assertEquals(1, s.queue().size());
    }
}
