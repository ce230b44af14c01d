package dev.pyconcurrent.threading;

import static dev.pyconcurrent.testing.CPython.assertPrints;
import static dev.pyconcurrent.testing.CPython.assertRaises;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pyconcurrent.builtins.AttributeError;
import dev.pyconcurrent.builtins.Py;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LocalTest extends Support {
    /** The reference's MyLocal: {@code __init__(self, start)} sets {@code number} in each thread. */
    static class MyLocal extends Local {
        static final AtomicInteger INITS = new AtomicInteger();
        private final int start;

        MyLocal(int start) {
            this.start = start;
        }

        @Override
        protected void init() {
            INITS.incrementAndGet();
            set("number", start);
        }

        int squared() {
            int n = get("number");
            return n * n;
        }
    }

    @Test
    void attributes() {
        assertPrints(TOPIC, "local_attributes", () -> {
            Local data = new Local();
            data.set("x", 1);
            List<Object> seen = Collections.synchronizedList(new ArrayList<>());
            Thread t = new Thread(() -> {
                seen.add(data.has("x"));
                data.set("x", 2);
                seen.add(data.get("x"));
            });
            t.start();
            t.join();
            Py.print(data.get("x"), seen, data.get("y", "default"), data);
            data.del("x");
            Py.print(data.has("x"));
        });
        assertEquals(java.util.Map.of(), new Local().dict());
    }

    @Test
    void missing() {
        assertRaises(AttributeError.class, TOPIC, "local_missing", () -> new Local().get("x"));
        assertRaises(AttributeError.class, TOPIC, "local_del_missing", () -> new Local().del("x"));
        assertRaises(AttributeError.class, TOPIC, "local_subclass_missing", () -> new MyLocal(1).get("missing"));
    }

    @Test
    void subclassInitRunsPerThread() {
        assertPrints(TOPIC, "local_subclass", () -> {
            MyLocal.INITS.set(0);
            MyLocal mine = new MyLocal(3);
            Py.print(mine.squared(), MyLocal.INITS.get());
            mine.set("number", 5);
            List<Object> seen = Collections.synchronizedList(new ArrayList<>());
            Thread t = new Thread(() -> {
                seen.add(mine.squared());
                mine.set("number", 7);
                seen.add(mine.squared());
            });
            t.start();
            t.join();
            Py.print(mine.squared(), seen, MyLocal.INITS.get());
        });
    }

    @Test
    void failingInitIsRetried() {
        AtomicInteger calls = new AtomicInteger();
        Local l = new Local() {
            @Override
            protected void init() {
                if (calls.incrementAndGet() == 1) throw new IllegalStateException("first");
                set("ok", true);
            }
        };
        assertThrows(IllegalStateException.class, () -> l.get("ok"));
        assertEquals(Boolean.TRUE, l.get("ok"));
        assertEquals("<Local object at " + Py.addressOf(l) + ">", l.toString());
    }
}
