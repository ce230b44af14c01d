package dev.pyconcurrent.multiprocessing;

import static dev.pyconcurrent.multiprocessing.Attempt.attempt;
import static dev.pyconcurrent.multiprocessing.Attempt.run;

import static dev.pyconcurrent.testing.CPython.assertPrints;
import static dev.pyconcurrent.testing.CPython.assertRaises;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pyconcurrent.builtins.AssertionError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.builtins.TypeError;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.multiprocessing.connection.Hub;
import dev.pyconcurrent.queue.Empty;
import dev.pyconcurrent.queue.Full;
import dev.pyconcurrent.testing.NoChildLeft;
import dev.pyconcurrent.testing.NoThreadLeft;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Queues in one JVM against CPython (reference/multiprocessing_queues.py), and across child JVMs. */
@ExtendWith({NoThreadLeft.class, NoChildLeft.class})
class QueueTest {
    static final String T = "multiprocessing_queues";
    static final Context SPAWN = Multiprocessing.getContext("spawn");

    @BeforeAll
    static void hub() {
        Hub.get();
    }

    @Test
    void boundedQueue() {
        assertPrints(T, "bounded_queue", () -> {
            Queue<Object> q = Multiprocessing.Queue(2);
            Py.print(q.toString().startsWith("<multiprocessing.queues.Queue object at"), q.qsize(), q.empty(), q.full());
            q.put(1);
            q.put(Tuple.of(2, "two"));
            Py.print(q.qsize(), q.full());
            attempt(run(() -> q.putNowait(3)));
            attempt(run(() -> q.put(3, true, 0.01)));
            attempt(run(() -> q.put(3, false)));
            Py.print(q.get(), q.getNowait());
            attempt(() -> q.get(true, 0.01));
            attempt(q::getNowait);
            attempt(() -> q.get(false));
        });
    }

    @Test
    void closedQueue() {
        assertPrints(T, "closed_queue", () -> {
            Queue<Object> q = Multiprocessing.Queue();
            q.put(1);
            q.close();
            q.joinThread();
            attempt(run(() -> q.put(1)));
            attempt(q::get);
            attempt(q::getNowait);
            attempt(q::empty);
            attempt(q::full);
            attempt(run(q::cancelJoinThread));
            attempt(run(q::close));
        });
        assertRaises(AssertionError.class, T, "join_thread_before_close", () -> Multiprocessing.Queue().joinThread());
    }

    @Test
    void simpleQueue() {
        assertPrints(T, "simple_queue", () -> {
            SimpleQueue<Object> s = Multiprocessing.SimpleQueue();
            Py.print(s.toString().startsWith("<multiprocessing.queues.SimpleQueue object at"), s.empty());
            s.put(new ArrayList<>(List.of(1, "a")));
            Py.print(s.empty(), s.get(), s.empty());
            s.close();
            attempt(run(() -> s.put(1)));
            attempt(s::get);
            attempt(s::empty);
            attempt(run(s::close));
        });
    }

    @Test
    void joinableQueue() {
        assertRaises(ValueError.class, T, "joinable_queue", () -> {
            JoinableQueue<Object> j = Multiprocessing.JoinableQueue();
            Py.print(j.toString().startsWith("<multiprocessing.queues.JoinableQueue object at"));
            j.put(1);
            Py.print(j.get());
            j.taskDone();
            j.join();
            Py.print("joined");
            j.taskDone();
        });
    }

    @Test
    void anItemThatDoesNotSerializeFailsAtPut() {
        Queue<Object> q = Multiprocessing.Queue();
        assertThrows(TypeError.class, () -> q.put(new Object()));
        assertEquals(0, q.qsize());
    }

    // ------------------------------------------------------------------ across processes

    /** Takes items until None, puts each back tagged with the worker's name, then None. */
    static void worker(Queue<Object> tasks, Queue<Object> results) {
        String me = Multiprocessing.currentProcess().name();
        for (Object item; (item = tasks.get()) != null; ) results.put(Tuple.of(me, item));
        results.put(null);
    }

    @Test
    void hundredThousandItemsThroughFourProcesses() {
        int n = 100_000, workers = 4;
        Queue<Object> tasks = SPAWN.Queue(), results = SPAWN.Queue();
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < workers; i++) ps.add(SPAWN.Process(QueueTest::worker, tasks, results));
        ps.forEach(Process::start);
        for (int i = 0; i < n; i++) tasks.put(i);
        for (int i = 0; i < workers; i++) tasks.put(null);
        Map<Integer, Integer> seen = new HashMap<>();
        Map<String, Integer> perWorker = new HashMap<>();
        for (int done = 0; done < workers; ) {
            Tuple r = (Tuple) results.get(true, 60); // a dead worker fails the test with Empty, not a hang
            if (r == null) {
                done++;
                continue;
            }
            seen.merge((Integer) r.get(1), 1, Integer::sum);
            perWorker.merge((String) r.get(0), 1, Integer::sum);
        }
        ps.forEach(Process::join);
        assertEquals(n, seen.size());
        assertEquals(List.of(1), seen.values().stream().distinct().toList(), "every item exactly once");
        for (Process p : ps) assertEquals(0, p.exitcode(), p.toString());
        assertEquals(n, perWorker.values().stream().mapToInt(Integer::intValue).sum());
    }

    static void consume(JoinableQueue<Object> q, int count) {
        for (int i = 0; i < count; i++) {
            q.get();
            q.taskDone();
        }
    }

    @Test
    void joinableQueueAcrossProcesses() {
        JoinableQueue<Object> q = SPAWN.JoinableQueue(3);
        Process p = SPAWN.Process(QueueTest::consume, q, 50);
        p.start();
        for (int i = 0; i < 50; i++) q.put(i); // bounded: puts wait for the child's gets
        q.join();
        p.join();
        assertEquals(0, p.exitcode());
        assertTrue(q.empty());
    }

    static void timeouts(Queue<Object> q, Queue<Object> report) {
        try {
            q.get(true, 0.05);
            report.put("got");
        } catch (Empty e) {
            report.put(Py.repr(e));
        }
        q.put("fill");
        try {
            q.put("over", true, 0.05);
        } catch (Full e) {
            report.put(Py.repr(e));
        }
        report.put(Tuple.of(q.qsize(), q.full(), q.empty()));
    }

    @Test
    void remoteTimeoutsRaiseEmptyAndFull() {
        Queue<Object> q = SPAWN.Queue(1), report = SPAWN.Queue();
        Process p = SPAWN.Process(QueueTest::timeouts, q, report);
        p.start();
        assertEquals("Empty()", report.get(true, 60));
        assertEquals("Full()", report.get(true, 60));
        assertEquals(Tuple.of(1, true, false), report.get(true, 60));
        p.join();
        assertEquals("fill", q.get());
    }

    static void answerThrough(Queue<Object> outer) {
        @SuppressWarnings("unchecked")
        Queue<Object> inner = (Queue<Object>) outer.get();
        inner.put("through the inner queue");
    }

    @Test
    void aQueueTravelsThroughAQueueAndComesBackAsItself() {
        Queue<Object> outer = SPAWN.Queue(), inner = SPAWN.Queue();
        outer.put(inner);
        org.junit.jupiter.api.Assertions.assertSame(inner, outer.get(), "back in its owner: the queue itself");
        outer.put(inner);
        Process p = SPAWN.Process(QueueTest::answerThrough, outer);
        p.start();
        assertEquals("through the inner queue", inner.get(true, 60));
        p.join();
        assertEquals(0, p.exitcode());
    }

    /** Gets one item, reports it, then holds whatever was streamed to it until told to end. */
    static void takeOneThenHold(Queue<Object> q, Queue<Object> report, Queue<Object> hold) {
        report.put(q.get());
        hold.get();
    }

    static void takeOne(Queue<Object> q, Queue<Object> report) {
        report.put(q.get());
    }

    static List<Object> getAll(Queue<Object> q, int n) {
        List<Object> got = new ArrayList<>();
        for (int i = 0; i < n; i++) got.add(q.get(true, 60)); // a lost item fails with Empty, not a hang
        return got;
    }

    @Test
    void itemsStreamedAheadToAChildComeBackWhenTheOwnerWaits() {
        Queue<Object> q = SPAWN.Queue(), report = SPAWN.Queue(), hold = SPAWN.Queue();
        for (int i = 0; i < 10; i++) q.put(i);
        Process p = SPAWN.Process(QueueTest::takeOneThenHold, q, report, hold);
        p.start();
        assertEquals(0, report.get(true, 60));
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), getAll(q, 9), "recalled from the child, in put order");
        hold.put("end");
        p.join();
        assertEquals(0, p.exitcode());
    }

    @Test
    void itemsStreamedAheadComeBackWhenTheChildExits() {
        Queue<Object> q = SPAWN.Queue(), report = SPAWN.Queue();
        for (int i = 0; i < 10; i++) q.put(i);
        Process p = SPAWN.Process(QueueTest::takeOne, q, report);
        p.start();
        assertEquals(0, report.get(true, 60));
        p.join();
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), getAll(q, 9));
        assertEquals(0, p.exitcode());
    }

    private static void assertTrue(boolean b) {
        org.junit.jupiter.api.Assertions.assertTrue(b);
    }
}
