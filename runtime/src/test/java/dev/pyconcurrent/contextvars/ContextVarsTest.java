package dev.pyconcurrent.contextvars;

import static dev.pyconcurrent.testing.CPython.assertPrints;
import static dev.pyconcurrent.testing.CPython.assertRaises;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.builtins.KeyError;
import dev.pyconcurrent.builtins.LookupError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.RuntimeError;
import dev.pyconcurrent.builtins.Traceback;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.builtins.TypeError;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.testing.Spawned;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** ContextVar, Token, Context, Contextvars against reference/contextvars.py, case by case. */
class ContextVarsTest {
    static final String T = "contextvars";

    @Test
    void reprs() {
        assertPrints(T, "reprs", () -> {
            ContextVar<Integer> v = new ContextVar<>("v");
            ContextVar<Integer> w = new ContextVar<>("w", 1);
            ContextVar<String> s = new ContextVar<>("it's", "x");
            Py.print(v, w, s, v.name(), w.name());
            Token<Integer> t = v.set(5);
            Py.print(t, t.var() == v, t.oldValue(), Token.MISSING);
            v.reset(t);
            Py.print(t);
            Py.print(new Context());
        });
    }

    @Test
    void getDefaults() {
        assertPrints(T, "get_defaults", () -> {
            ContextVar<Integer> v = new ContextVar<>("v");
            ContextVar<Integer> w = new ContextVar<>("w", 1);
            ContextVar<Integer> n = new ContextVar<>("n", null);
            Py.print(v.get(9), w.get(), w.get(3), n.get(), n.get(4));
            Token<Integer> t = w.set(2);
            Py.print(w.get(), w.get(3), t.oldValue());
            v.set(null);
            Py.print(v.get(), v.get(7));
        });
    }

    @Test
    void errors() {
        assertRaises(LookupError.class, T, "get_unset", () -> new ContextVar<>("v").get());
        assertRaises(RuntimeError.class, T, "reset_twice", () -> {
            ContextVar<Integer> v = new ContextVar<>("v");
            Token<Integer> t = v.set(1);
            v.reset(t);
            v.reset(t);
        });
        assertRaises(ValueError.class, T, "reset_other_var", () -> {
            ContextVar<Integer> v = new ContextVar<>("v");
            ContextVar<Integer> w = new ContextVar<>("w", 1);
            Token<Integer> t = w.set(2);
            v.reset(t);
        });
        assertRaises(ValueError.class, T, "reset_other_context", () -> {
            ContextVar<Integer> v = new ContextVar<>("v");
            Context ctx = Contextvars.copyContext();
            Token<Integer> t = v.set(7);
            ctx.run(() -> v.reset(t));
        });
        assertRaises(TypeError.class, T, "reset_none", () -> new ContextVar<>("v").reset(null));
        assertRaises(RuntimeError.class, T, "run_nested", () -> {
            Context ctx = new Context();
            ctx.run(() -> ctx.run(() -> Py.print("never")));
        });
        assertRaises(KeyError.class, T, "getitem_missing", () -> new Context().getItem(new ContextVar<>("v")));
        assertRaises(TypeError.class, T, "name_not_str", () -> new ContextVar<>(null));
    }

    @Test
    void lookupErrorCarriesTheVariable() {
        ContextVar<Integer> v = new ContextVar<>("v");
        LookupError e = assertThrows(LookupError.class, v::get);
        assertSame(v, e.args().get(0));
        assertEquals("LookupError", Traceback.name(e));
    }

    @Test
    void setReset() {
        assertPrints(T, "set_reset", () -> {
            ContextVar<Integer> v = new ContextVar<>("v", 0);
            Token<Integer> t1 = v.set(1);
            Token<Integer> t2 = v.set(2);
            Py.print(v.get(), t1.oldValue(), t2.oldValue());
            v.reset(t2);
            Py.print(v.get(), Contextvars.copyContext().contains(v));
            v.reset(t1);
            Py.print(v.get(), Contextvars.copyContext().contains(v));
        });
    }

    @Test
    void mapping() {
        assertPrints(T, "mapping", () -> {
            ContextVar<Integer> a = new ContextVar<>("a");
            ContextVar<Object> b = new ContextVar<>("b", 0);
            ContextVar<Integer> c = new ContextVar<>("c");
            Context ctx = new Context();
            List<Object> names = new ArrayList<>();
            for (ContextVar<?> v : ctx) names.add(v.name());
            Py.print(ctx.len(), names, ctx.get(a), ctx.get(a, 4), ctx.contains(a));
            ctx.run(() -> {
                a.set(1);
                b.set("two");
                c.set(null);
                b.set(2);
            });
            List<String> iterated = new ArrayList<>();
            for (ContextVar<?> v : ctx) iterated.add(v.name());
            Collections.sort(iterated);
            List<String> keys = new ArrayList<>();
            for (ContextVar<?> v : ctx.keys()) keys.add(v.name());
            Collections.sort(keys);
            Py.print(ctx.len(), iterated, keys);
            List<Object> values = new ArrayList<>(ctx.values());
            values.sort(Comparator.comparing(Py::repr));
            List<Tuple> items = new ArrayList<>();
            for (Tuple item : ctx.items()) items.add(Py.tuple(((ContextVar<?>) item.get(0)).name(), item.get(1)));
            items.sort(Py::compare);
            Py.print(values, items);
            Py.print(ctx.getItem(a), ctx.getItem(b), ctx.getItem(c), ctx.get(c, 5), ctx.contains(a),
                    ctx.contains(new ContextVar<>("d")));
        });
    }

    @Test
    void isolation() {
        assertPrints(T, "isolation", () -> new Context().run(() -> {
            ContextVar<String> v = new ContextVar<>("v", "default");
            v.set("outer");
            Context snapshot = Contextvars.copyContext();
            v.set("changed");
            Py.print(snapshot.getItem(v), v.get());
            String r = snapshot.run(x -> {
                v.set(x);
                return v.get() + "!";
            }, "inner");
            Py.print(r, v.get(), snapshot.getItem(v));
            Context copy = snapshot.copy();
            snapshot.run(v::set, "again");
            Py.print(copy.getItem(v), snapshot.getItem(v), v.get());
            Py.print(new Context().equals(new Context()), copy.equals(snapshot), copy.equals(copy.copy()),
                    snapshot.equals(new Context()));
        }));
    }

    @Test
    void runReturnsAndRaises() {
        assertPrints(T, "run_returns_and_raises", () -> {
            ContextVar<Integer> v = new ContextVar<>("v", 0);
            Context ctx = Contextvars.copyContext();
            Py.print(ctx.run((Integer a, Integer b, Integer c) -> a + b + c, 1, 2, 3));
            try {
                ctx.run(() -> {
                    v.set(1);
                    throw new ValueError("inside");
                });
            } catch (ValueError e) {
                Py.print(Py.repr(e), v.get(), ctx.getItem(v));
            }
            Py.print(ctx.run(() -> 1));
        });
    }

    @Test
    void checkedExceptionsPropagateAndContextIsRestored() {
        ContextVar<Integer> v = new ContextVar<>("v", 0);
        Context ctx = new Context();
        java.io.IOException thrown = new java.io.IOException("x");
        assertSame(thrown, assertThrows(java.io.IOException.class, () -> ctx.run(() -> {
            v.set(5);
            throw thrown;
        })));
        assertEquals(0, v.get());
        assertEquals(5, ctx.getItem(v));
        assertEquals(7, ctx.run((Integer a, Integer b) -> a + b, 3, 4));
        assertEquals("ab", ctx.run((String a) -> a + "b", "a"));
    }

    @Test
    void threadStartsWithAnEmptyContext() {
        assertPrints(T, "thread_starts_empty", () -> {
            ContextVar<String> v = new ContextVar<>("v", "default");
            v.set("main");
            List<Object> out = Collections.synchronizedList(new ArrayList<>());
            try (Spawned s = new Spawned()) {
                Spawned.join(s.start(() -> {
                    out.add(Py.tuple(v.get(), Contextvars.copyContext().len()));
                    v.set("worker");
                    out.add(v.get());
                }));
            }
            Py.print(out, v.get());
        });
    }

    @Test
    void enteredInOtherThread() {
        assertPrints(T, "entered_in_other_thread", () -> {
            Context ctx = new Context();
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            try (Spawned s = new Spawned()) {
                Thread t = s.start(() -> ctx.run(() -> {
                    inside.countDown();
                    return release.await(10, TimeUnit.SECONDS);
                }));
                assertTrue(inside.await(10, TimeUnit.SECONDS));
                try {
                    ctx.run(() -> Py.print("never"));
                } catch (RuntimeError e) {
                    Py.print(Traceback.name(e), e.getMessage());
                }
                release.countDown();
                Spawned.join(t);
            }
            Py.print(ctx.run(() -> "now free"));
        });
    }

    @Test
    void tokenAsContextManager() {
        // Python 3.14: `with var.set(x): ...` resets on exit.
        ContextVar<String> v = new ContextVar<>("v", "before");
        new Context().run(() -> {
            try (Token<String> t = v.set("inside")) {
                assertEquals("inside", v.get());
                assertSame(v, t.var());
            }
            assertEquals("before", v.get());
            assertFalse(Contextvars.copyContext().contains(v));
        });
    }

    @Test
    void contextsComparedByContent() {
        ContextVar<Object> v = new ContextVar<>("v");
        Context a = new Context();
        Context b = new Context();
        a.run(() -> v.set(1));
        b.run(() -> v.set(1.0));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        b.run(() -> v.set(2));
        assertNotEquals(a, b);
        assertNotEquals(a, "a");
    }

    @Test
    void manyVariablesAndCopiesStayIndependent() {
        List<ContextVar<Integer>> vars = new ArrayList<>();
        for (int i = 0; i < 100; i++) vars.add(new ContextVar<>("v" + i));
        Context ctx = new Context();
        List<Context> snapshots = new ArrayList<>();
        ctx.run(() -> {
            for (int i = 0; i < 100; i++) {
                vars.get(i).set(i);
                snapshots.add(Contextvars.copyContext());
            }
        });
        for (int i = 0; i < 100; i++) assertEquals(i + 1, snapshots.get(i).len());
        assertEquals(100, ctx.len());
        assertEquals(42, ctx.getItem(vars.get(42)));
    }
}
