package dev.pyconcurrent.multiprocessing.sharedctypes;

import static dev.pyconcurrent.multiprocessing.sharedctypes.Sharedctypes.Array;
import static dev.pyconcurrent.multiprocessing.sharedctypes.Sharedctypes.RawArray;
import static dev.pyconcurrent.multiprocessing.sharedctypes.Sharedctypes.RawValue;
import static dev.pyconcurrent.multiprocessing.sharedctypes.Sharedctypes.Value;
import static dev.pyconcurrent.multiprocessing.sharedctypes.Sharedctypes.options;
import static dev.pyconcurrent.testing.CPython.assertPrints;

import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.Traceback;
import dev.pyconcurrent.multiprocessing.synchronize.Lock;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Shared ctypes values and arrays against reference/mp_shared_sharedctypes.py. */
class SharedctypesTest {
    static final String TOPIC = "mp_shared_sharedctypes";

    static void raised(Executable fn) {
        try {
            fn.execute();
        } catch (Throwable e) {
            Py.print(Traceback.name(e) + ":", Traceback.message(e));
        }
    }

    @Test
    void valueReprs() {
        assertPrints(TOPIC, "value_reprs", () -> {
            Py.print(Value("i", 5), Value("d", 1.5, options().lock(false)), RawValue("i", 5), Value("i"));
            Object[][] cases = {{"c", "x".getBytes()}, {"c", 65}, {"u", "z"}, {"b", 300}, {"B", -1}, {"h", -2},
                {"H", 70000}, {"I", -1}, {"l", -3}, {"L", 3}, {"q", 2}, {"Q", BigInteger.TWO.pow(64).subtract(BigInteger.ONE)},
                {"i", 1L << 40}, {"f", 0.1}, {"f", 1e300}, {"d", 0.1}};
            for (Object[] c : cases) {
                String code = (String) c[0];
                Py.print(code, RawValue(code, c[1]), Py.str(RawValue(code, c[1]).value()));
            }
        });
    }

    @Test
    void valueGetSet() {
        assertPrints(TOPIC, "value_get_set", () -> {
            Synchronized v = Value("i", 5);
            v.value(7);
            Py.print(v.value(), v.getObj(), v.getLock(), v);
            try (var held = v.enter()) {
                Py.print(v.getLock());
                v.value((int) v.value() + 1);
            }
            Py.print(v.value(), v.getLock());
            SharedValue given = Value("d", 1.0, options().lock(new Lock()));
            Py.print(((Synchronized) given).getLock(), given);
            SharedValue raw = Value("d", 2.5, options().lock(false));
            raw.value(3);
            Py.print(raw, raw.value());
        });
    }

    @Test
    void valueErrors() {
        assertPrints(TOPIC, "value_errors", () -> {
            raised(() -> Value("z", 1));
            raised(() -> Value("i", 1.5));
            raised(() -> Value("d", "x"));
            raised(() -> Value("c", "x"));
            raised(() -> Value("c", "xy".getBytes()));
            raised(() -> Value("u", "xy"));
        });
    }

    @Test
    void intArrays() {
        assertPrints(TOPIC, "array_int", () -> {
            SynchronizedArray a = Array("i", List.of(1, 2, 3));
            Py.print(a, a.len(), a.getSlice(0, 3), a.getSlice(1, 3), a.get(-1), a.get(0));
            a.setSlice(1, 3, List.of(7, 8));
            a.set(0, -5);
            Py.print(a.toList(), a.get(-3), a.getSlice(5, 3), a.getSlice(2, 1));
            raised(() -> a.get(5));
            raised(() -> a.set(-4, 1));
            raised(() -> a.setSlice(0, 2, List.of(1)));
            Py.print(RawArray("d", 3), RawArray("d", 3).toList(), Array("i", 3, options().lock(false)));
            Py.print(Array("q", 2), ((SynchronizedArray) Array("i", List.of(1, 2), options().lock(new Lock()))).getLock());
            raised(() -> RawArray("i", -1));
            raised(() -> RawArray("i", "ab"));
        });
    }

    @Test
    void charArrays() {
        assertPrints(TOPIC, "array_chars", () -> {
            SynchronizedString s = (SynchronizedString) Array("c", "hi".getBytes());
            Py.print(s, s.value(), s.raw(), s.getSlice(0, 2), s.get(0), s.len());
            CArray r = RawArray("c", 4);
            Py.print(r, r.raw(), r.value());
            r.value("ab".getBytes());
            Py.print(r.raw(), r.value(), r.getSlice(0, 4));
            r.raw("wxyz".getBytes());
            Py.print(r.raw(), r.value());
            raised(() -> r.value("abcde".getBytes()));
            Py.print(Array("u", "abc").getSlice(0, 3));
        });
    }

    @Test
    void copyAndSynchronize() {
        assertPrints(TOPIC, "copy_and_synchronized", () -> {
            Synchronized v = Value("i", 5);
            CValue c = Sharedctypes.copy(v.getObj());
            c.value(6);
            Py.print(c, v);
            Py.print(Sharedctypes.synchronize(RawValue("d", 2.0)), Sharedctypes.synchronize(RawArray("c", "ab".getBytes())));
            CArray a = Sharedctypes.copy(RawArray("i", List.of(4, 5)));
            Py.print(a.toList(), Sharedctypes.synchronize(a, new Lock()).getLock());
        });
    }
}
