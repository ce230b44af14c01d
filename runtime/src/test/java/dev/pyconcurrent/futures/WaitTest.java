package dev.pyconcurrent.futures;

import static dev.pyconcurrent.testing.CPython.assertPrints;
import static dev.pyconcurrent.testing.CPython.assertRaises;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.builtins.AttributeError;
import dev.pyconcurrent.builtins.KeyError;
import dev.pyconcurrent.builtins.KeyboardInterrupt;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.TimeoutError;
import dev.pyconcurrent.builtins.TypeError;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.threading.Event;
import dev.pyconcurrent.threading.Thread;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WaitTest extends Support {
    @Test
    void allDone() {
        assertPrints(TOPIC, "wait_all_done", () -> {
            Future<Integer> f = finished(1);
            Py.print(Futures.wait(List.of(f, f)));
            Py.print(Futures.wait(List.<Future<?>>of()));
            Py.print(Futures.wait(List.of(f), Futures.FIRST_COMPLETED));
            Py.print(Futures.wait(List.of(f), 0, "bogus"));
        });
    }

    @Test
    void timeout() {
        assertPrints(TOPIC, "wait_timeout", () -> {
            Py.print(Futures.wait(List.of(new Future<>()), 0.01));
            Py.print(Futures.wait(List.of(new Future<>()), -1));
        });
    }

    @Test
    void cancelledNotNotified() {
        assertPrints(TOPIC, "wait_cancelled_not_notified", () -> {
            Future<Object> f = new Future<>();
            f.cancel();
            DoneAndNotDoneFutures<Future<Object>> r = Futures.wait(List.of(f), 0);
            Py.print(r, r.done().size(), r.notDone().size());
            f.setRunningOrNotifyCancel();
            Py.print(Futures.wait(List.of(f), 0));
        });
    }

    @Test
    void firstCompleted() {
        assertPrints(TOPIC, "wait_first_completed", () -> {
            Future<Object> done = finished((Object) 1);
            Future<Object> pending = new Future<>();
            DoneAndNotDoneFutures<Future<Object>> r = Futures.wait(List.of(pending, done), Futures.FIRST_COMPLETED);
            Py.print(r.done().equals(Set.of(done)), r.notDone().equals(Set.of(pending)));
            Future<Object> p2 = new Future<>();
            Thread t = new Thread(p2::setResult, (Object) 5);
            t.start();
            r = Futures.wait(List.of(pending, p2), 10, Futures.FIRST_COMPLETED);
            Py.print(r.done().equals(Set.of(p2)), r.notDone().equals(Set.of(pending)));
            t.join();
        });
    }

    @Test
    void firstException() {
        assertPrints(TOPIC, "wait_first_exception", () -> {
            Future<Object> ok = finished((Object) 1);
            Future<Object> bad = failed(new ValueError());
            Future<Object> pending = new Future<>();
            DoneAndNotDoneFutures<Future<Object>> r = Futures.wait(List.of(ok, bad, pending), Futures.FIRST_EXCEPTION);
            Py.print(r.done().equals(Set.of(ok, bad)), r.notDone().equals(Set.of(pending)));
            r = Futures.wait(List.of(ok, pending), 0.01, Futures.FIRST_EXCEPTION);
            Py.print(r.done().equals(Set.of(ok)), r.notDone().equals(Set.of(pending)));
            Future<Object> later = new Future<>();
            Thread t = new Thread(later::setException, (Throwable) new KeyError());
            t.start();
            r = Futures.wait(List.of(ok, pending, later), 10, Futures.FIRST_EXCEPTION);
            Py.print(r.done().equals(Set.of(ok, later)), r.notDone().equals(Set.of(pending)));
            t.join();
        });
    }

    @Test
    void allCompletedThreads() {
        assertPrints(TOPIC, "wait_all_completed_threads", () -> {
            Event gate = new Event();
            try (ThreadPoolExecutor e = new ThreadPoolExecutor(3)) {
                List<Future<Object>> fs = List.of(e.submit(() -> (Object) gate.await(10)), e.submit(() -> (Object) pow(2, 3)),
                        e.submit(() -> boom()));
                fs.get(1).exception(10);
                fs.get(2).exception(10);
                DoneAndNotDoneFutures<Future<Object>> r = Futures.wait(fs, 0.05);
                Py.print(r.done().size(), r.notDone().equals(Set.of(fs.get(0))));
                gate.set();
                r = Futures.wait(fs);
                Py.print(r.done().size(), r.notDone(), fs.stream().map(Future::done).toList());
            }
        });
    }

    @Test
    void allCompletedWakesOnLastAndOnCancelNotify() {
        Future<Object> a = new Future<>();
        Future<Object> b = new Future<>();
        b.cancel();
        Thread t = new Thread(() -> {
            a.setResult("a");
            b.setRunningOrNotifyCancel();
        });
        t.start();
        DoneAndNotDoneFutures<Future<Object>> r = Futures.wait(List.of(a, b), 10);
        assertEquals(Set.of(a, b), r.done());
        t.join();
        assertTrue(a.waitersIsEmpty() && b.waitersIsEmpty(), "waiters removed");
    }

    @Test
    void invalidCondition() {
        assertRaises(ValueError.class, TOPIC, "wait_invalid_condition", () -> Futures.wait(List.of(new Future<>()), "bogus"));
    }

    @Test
    void waitInterrupted() {
        Future<Object> f = new Future<>();
        java.lang.Thread.currentThread().interrupt();
        assertThrows(KeyboardInterrupt.class, () -> Futures.wait(List.of(f)));
        assertTrue(java.lang.Thread.interrupted());
        assertTrue(f.waitersIsEmpty());
    }

    // ------------------------------------------------------------------ as_completed

    @Test
    void asCompletedDone() {
        assertPrints(TOPIC, "as_completed_done", () -> {
            Future<Object> a = finished((Object) 1);
            Future<Object> b = failed(new ValueError());
            List<String> reprs = new ArrayList<>();
            for (Future<Object> f : Futures.asCompleted(List.of(a, b, a, b))) reprs.add(f.toString().split(" state=")[1]);
            reprs.sort(null);
            Py.print(reprs);
            Py.print(MapTest.list(Futures.asCompleted(List.<Future<?>>of())));
        });
    }

    @Test
    void asCompletedOrder() {
        assertPrints(TOPIC, "as_completed_order", () -> {
            Future<Object> a = new Future<>();
            Future<Object> b = new Future<>();
            Future<Object> c = new Future<>();
            AsCompleted<Future<Object>> it = Futures.asCompleted(List.of(a, b, c), 10);
            Thread t = new Thread(b::setResult, (Object) "b");
            t.start();
            Py.print(it.next().result());
            c.setException(new KeyError("c"));
            Py.print(it.next());
            a.cancel();
            a.setRunningOrNotifyCancel();
            Py.print(it.next());
            Py.print(MapTest.list(it));
            t.join();
            assertTrue(a.waitersIsEmpty() && b.waitersIsEmpty() && c.waitersIsEmpty());
        });
    }

    @Test
    void asCompletedTimeout() {
        raisesAfterPrinting(TimeoutError.class, "as_completed_timeout", () -> {
            Future<Object> a = new Future<>();
            for (Future<Object> f : Futures.asCompleted(List.of(finished((Object) 1), a), 0.05)) Py.print(f);
        });
        assertRaises(TimeoutError.class, TOPIC, "as_completed_timeout_one", () -> MapTest.list(Futures.asCompleted(List.of(new Future<>()), 0)));
        assertRaises(TimeoutError.class, TOPIC, "as_completed_cancelled_not_notified", () -> {
            Future<Object> f = new Future<>();
            f.cancel();
            MapTest.list(Futures.asCompleted(List.of(f), 0.01));
        });
    }

    @Test
    void asCompletedIsLazyAndClosable() {
        Future<Object> f = new Future<>();
        AsCompleted<Future<Object>> it = Futures.asCompleted(List.of(f));
        assertTrue(f.waitersIsEmpty(), "nothing happens before the first next()/hasNext()");
        assertTrue(it.hasNext());
        assertFalse(f.waitersIsEmpty());
        it.close();
        assertTrue(f.waitersIsEmpty());
        assertFalse(it.hasNext());
    }

    @Test
    void asCompletedWithExecutor() {
        try (ThreadPoolExecutor e = new ThreadPoolExecutor(4)) {
            List<Future<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = i;
                fs.add(e.submit(() -> n * n));
            }
            int sum = 0;
            int count = 0;
            for (Future<Integer> f : Futures.asCompleted(fs, 10)) {
                sum += f.result();
                count++;
            }
            assertEquals(50, count);
            assertEquals(40425, sum);
        }
    }

    @Test
    void noneWhereCPythonRaises() {
        assertRaises(TypeError.class, TOPIC, "wait_none", () -> Futures.wait(null));
        assertRaises(TypeError.class, TOPIC, "wait_none_timeout", () -> Futures.wait(null, 1));
        assertRaises(AttributeError.class, TOPIC, "wait_none_future", () -> Futures.wait(java.util.Arrays.asList((Future<?>) null)));
        assertRaises(TypeError.class, TOPIC, "as_completed_none", () -> Futures.asCompleted(null).next());
    }

    @Test
    void submitNoneGivesAFutureHoldingTheTypeError() {
        assertPrints(TOPIC, "submit_none", () -> {
            try (ThreadPoolExecutor ex = new ThreadPoolExecutor(1)) {
                Future<Object> f = ex.submit((dev.pyconcurrent.builtins.Callable0<Object>) null);
                Throwable e = f.exception();
                Py.print(f.done(), dev.pyconcurrent.builtins.Traceback.name(e), e.getMessage());
            }
        });
    }
}
