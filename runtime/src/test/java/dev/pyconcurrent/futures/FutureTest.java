package dev.pyconcurrent.futures;

import static dev.pyconcurrent.testing.CPython.assertPrints;
import static dev.pyconcurrent.testing.CPython.assertRaises;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.builtins.BaseException;
import dev.pyconcurrent.builtins.KeyError;
import dev.pyconcurrent.builtins.KeyboardInterrupt;
import dev.pyconcurrent.builtins.OverflowError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.RuntimeError;
import dev.pyconcurrent.builtins.TimeoutError;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.builtins.ZeroDivisionError;
import dev.pyconcurrent.threading.Event;
import dev.pyconcurrent.threading.Thread;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FutureTest extends Support {
    @Test
    void states() {
        assertPrints(TOPIC, "future_states", () -> {
            Future<Integer> f = new Future<>();
            Py.print(f, f.running(), f.done(), f.cancelled());
            Py.print(f.setRunningOrNotifyCancel(), f, f.running(), f.done(), f.cancelled(), f.cancel());
            f.setResult(42);
            Py.print(f, f.running(), f.done(), f.cancelled(), f.cancel(), f.result(), f.exception(), f.result(0), f.exception(0));
        });
    }

    @Test
    void reprs() {
        assertPrints(TOPIC, "future_reprs", () -> {
            for (Object v : new Object[] {1, null, "s", 2.5, List.of(1), Tuple.of(1), Map.of(), true}) Py.print(finished(v));
            for (Throwable e : new Throwable[] {new ValueError("x"), new KeyError("k"), new ZeroDivisionError(), new CancelledError()}) {
                Py.print(failed(e));
            }
        });
    }

    @Test
    void cancel() {
        assertPrints(TOPIC, "future_cancel", () -> {
            Future<Object> f = new Future<>();
            Py.print(f.cancel(), f, f.cancelled(), f.done(), f.running(), f.cancel());
            Py.print(f.setRunningOrNotifyCancel(), f, f.cancelled(), f.done(), f.cancel());
        });
    }

    @Test
    void resultOfException() {
        Future<Object> f = failed(new ValueError("boom"));
        ValueError e = raisesAfterPrinting(ValueError.class, "future_result_of_exception", () -> {
            Py.print(Py.repr(f.exception()), Py.repr(f.exception(0)));
            f.result();
        });
        assertSame(f.exception(), e, "result() raises the very exception object");
    }

    @Test
    void cancelledResult() {
        Future<Object> f = new Future<>();
        f.cancel();
        assertRaises(CancelledError.class, TOPIC, "future_result_cancelled", () -> f.result());
        assertRaises(CancelledError.class, TOPIC, "future_exception_cancelled", () -> f.exception());
        assertRaises(CancelledError.class, TOPIC, "future_result_cancelled", () -> f.result(5));
        assertRaises(CancelledError.class, TOPIC, "future_exception_cancelled", () -> f.exception(5));
    }

    @Test
    void timeouts() {
        assertRaises(TimeoutError.class, TOPIC, "future_result_timeout", () -> new Future<>().result(0.01));
        assertRaises(TimeoutError.class, TOPIC, "future_exception_timeout", () -> new Future<>().exception(0));
        assertRaises(TimeoutError.class, TOPIC, "future_result_negative_timeout", () -> new Future<>().result(-1));
        assertRaises(TimeoutError.class, TOPIC, "future_result_timeout", () -> new Future<>().result(Double.NaN));
        assertRaises(OverflowError.class, TOPIC, "future_result_overflow", () -> new Future<>().result(1e10));
        assertPrints(TOPIC, "future_result_done_overflow", () -> Py.print(finished(1).result(1e300), finished(1).exception(1e300)));
    }

    @Test
    void invalidState() {
        assertRaises(InvalidStateError.class, TOPIC, "future_set_result_twice", () -> finished(1).setResult(2));
        assertRaises(InvalidStateError.class, TOPIC, "future_set_exception_after_result", () -> finished(null).setException(new ValueError()));
        assertRaises(InvalidStateError.class, TOPIC, "future_set_result_cancelled", () -> {
            Future<Integer> f = new Future<>();
            f.cancel();
            f.setResult(1);
        });
        assertRaises(InvalidStateError.class, TOPIC, "future_set_exception_notified", () -> {
            Future<Integer> f = new Future<>();
            f.cancel();
            f.setRunningOrNotifyCancel();
            f.setException(new ValueError());
        });
    }

    @Test
    void unexpectedState() {
        raisesAfterPrinting(RuntimeError.class, "future_set_running_twice", () -> {
            Future<Integer> f = new Future<>();
            f.setRunningOrNotifyCancel();
            logged(f::setRunningOrNotifyCancel);
        });
        raisesAfterPrinting(RuntimeError.class, "future_set_running_finished", () -> logged(finished(1)::setRunningOrNotifyCancel));
    }

    @Test
    void callbacks() {
        assertPrints(TOPIC, "future_callbacks", () -> {
            Future<Integer> f = new Future<>();
            f.addDoneCallback(g -> Py.print("first", g == f, g));
            f.addDoneCallback(g -> Py.print("second", g.result()));
            Py.print("set");
            f.setResult(7);
            f.addDoneCallback(g -> Py.print("immediate", g));
            Future<Object> c = new Future<>();
            c.addDoneCallback(g -> Py.print("cancelled", g));
            Py.print(c.cancel());
            c.addDoneCallback(g -> Py.print("again", g));
            Py.print(c.setRunningOrNotifyCancel());
        });
    }

    @Test
    void callbackRaises() {
        assertPrints(TOPIC, "future_callback_raises", () -> {
            Future<Integer> f = new Future<>();
            f.addDoneCallback(g -> boom());
            f.addDoneCallback(g -> Py.print("next callback runs"));
            loggedRun(() -> f.setResult(1));
            loggedRun(() -> f.addDoneCallback(g -> boom()));
        });
    }

    @Test
    void callbackRaisesJavaException() {
        // a Java exception is Python's Exception too: logged under its Python twin's name
        String out = dev.pyconcurrent.testing.CPython.stdout(() -> loggedRun(() -> finished(1).addDoneCallback(g -> {
            throw new IllegalStateException("java");
        })));
        assertTrue(out.endsWith("| RuntimeError: java\n"), out);
    }

    @Test
    void callbackBaseException() {
        assertRaises(KeyboardInterrupt.class, TOPIC, "future_callback_base_exception",
                () -> finished(1).addDoneCallback(g -> {
                    throw new KeyboardInterrupt("stop");
                }));
    }

    @Test
    void callbackRunsInCompletingThread() {
        Future<Integer> f = new Future<>();
        AtomicReference<String> where = new AtomicReference<>();
        f.addDoneCallback(g -> where.set(currentName()));
        Thread t = new Thread(() -> f.setResult(1)).name("completer");
        t.start();
        t.join();
        assertEquals("completer", where.get());
    }

    @Test
    void exceptionTypes() throws Exception {
        assertPrints(TOPIC, "exception_types", () -> {
            for (Class<?> cls : List.of(CancelledError.class, InvalidStateError.class, BrokenExecutor.class, BrokenThreadPool.class,
                    FuturesError.class, TimeoutError.class)) {
                BaseException e = (BaseException) cls.getConstructor(Object[].class).newInstance((Object) new Object[] {"m"});
                BaseException parent = (BaseException) cls.getSuperclass().getConstructor(Object[].class).newInstance((Object) new Object[0]);
                Py.print(e.pyModule() + "." + e.pyName(), parent.pyName(), Py.repr(e), e.getMessage(),
                        e instanceof dev.pyconcurrent.builtins.RuntimeError, e instanceof dev.pyconcurrent.builtins.PyException);
            }
            Py.print(true, Py.repr(new CancelledError()));
        });
    }

    @Test
    void resultWaitsForOtherThread() {
        Future<String> f = new Future<>();
        Event go = new Event();
        Thread t = new Thread(() -> {
            go.await(10);
            f.setRunningOrNotifyCancel();
            f.setResult("done");
        });
        t.start();
        go.set();
        assertEquals("done", f.result(10));
        t.join();
        Future<String> g = new Future<>();
        Thread u = new Thread(() -> g.setException(new KeyError("k")));
        u.start();
        assertEquals("KeyError('k')", Py.repr(g.exception(10)));
        u.join();
        Future<String> c = new Future<>();
        Thread v = new Thread(() -> c.cancel());
        v.start();
        assertThrows(CancelledError.class, () -> c.result());
        v.join();
    }

    @Test
    void interrupted() {
        Future<Object> f = new Future<>();
        java.lang.Thread.currentThread().interrupt();
        assertThrows(KeyboardInterrupt.class, () -> f.result());
        assertTrue(java.lang.Thread.interrupted());
        java.lang.Thread.currentThread().interrupt();
        assertThrows(KeyboardInterrupt.class, () -> f.exception(10));
        assertTrue(java.lang.Thread.interrupted());
    }
}
