package dev.pyconcurrent.builtins;

import static dev.pyconcurrent.testing.CPython.assertPrints;
import static dev.pyconcurrent.testing.CPython.assertRaises;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.time.Time;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Py's formatting and comparison against CPython's, case by case (reference/builtins.py). */
class PyTest {
    @Test
    void floatsReprLikeCPython() {
        assertPrints("builtins", "repr_floats", () -> {
            for (double x : new double[] {1.0, 1e16, 1e15, 0.0001, 0.00001, 1.5e-7, 2e23, 0.1 + 0.2,
                    Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, -0.0, 0.0,
                    123456789012345678.0, 1e22, 5e-324, 1.7976931348623157e308, -2.5, 100.0, 1234.5678,
                    0.1, 1.0 / 3, 9007199254740993.0}) {
                Py.print(Py.repr(x));
            }
        });
    }

    @Test
    void stringsReprLikeCPython() {
        assertPrints("builtins", "repr_strings", () -> {
            for (String s : new String[] {"it's", "say \"hi\"", "both ' and \"", "plain", "",
                    "\u0000\t\n\r\u007f\u0080\u00a0\u2028 é \uD83D\uDE00", "back\\slash", "\u200b\ue000\uDBFF\uDFFF"}) {
                Py.print(Py.repr(s));
            }
        });
    }

    @Test
    void bytesReprLikeCPython() {
        assertPrints("builtins", "repr_bytes", () -> {
            Py.print(Py.repr(new byte[] {'a', '\'', 'b', 0, (byte) 0xff, '\\'}));
            Py.print(Py.repr(new byte[] {'"'}));
            Py.print(Py.repr(new byte[] {'\'', '"'}));
            Py.print(Py.repr(new byte[0]));
            Py.print(Py.repr(new byte[] {'\t', '\n', '\r', 0x7f}));
        });
    }

    @Test
    void containersReprLikeCPython() {
        assertPrints("builtins", "repr_containers", () -> {
            Map<String, Object> dict = new LinkedHashMap<>();
            dict.put("k", 1);
            Py.print(Py.repr(new LinkedHashSet<>(List.of(1, 2))), Py.repr(new LinkedHashSet<>()), Py.repr(dict),
                    Py.repr(Map.of()), Py.repr(Py.tuple(1)), Py.repr(Py.tuple()), Py.repr(Py.tuple(1, "a")));
            Py.print(Py.repr(Arrays.asList(1, "a", null, true, false, 2.5)),
                    Py.repr(List.of(List.of(1), Py.tuple(2), Map.of("x", List.of(3)))));
            List<Object> x = new ArrayList<>(List.of(1));
            x.add(x);
            Py.print(Py.repr(x));
        });
    }

    @Test
    void strAndPrint() {
        assertPrints("builtins", "str_values", () ->
                Py.print(Py.str("text"), Py.str(null), Py.str(true), Py.str(1.0), Py.str(List.of(1, "a")), Py.str(Py.tuple(1))));
        assertPrints("builtins", "print_args", () -> {
            Py.print(1, "a", null, 2.5, List.of(1, "b"), Py.tuple(1));
            Py.print();
        });
    }

    @Test
    void exceptionsReprAndStrLikeCPython() {
        assertPrints("builtins", "exception_reprs", () -> {
            for (BaseException e : new BaseException[] {new KeyError("x"), new ValueError(), new ValueError("a", 1),
                    new ValueError("boom"), new RuntimeError("x"), new TimeoutError(), new KeyboardInterrupt(), new SystemExit(3)}) {
                Py.print(Py.repr(e), "|", Py.str(e), "|", Py.repr(e.args()));
            }
        });
    }

    @Test
    void osErrorFormsLikeCPython() {
        assertPrints("builtins", "oserror_forms", () -> {
            OSError e = new FileNotFoundError(2, "No such file or directory", "nosuch");
            Py.print(Py.str(e), "|", Py.repr(e), "|", e.errno(), e.strerror(), e.filename(), e.args());
            e = OSError.of(2, null);
            e = new FileNotFoundError(2, "x");
            Py.print(e.pyName(), Py.str(e), Py.repr(e));
            e = new OSError("plain");
            Py.print(Py.str(e), Py.repr(e), e.errno());
            Py.print(Py.str(OSError.of(OSError.EACCES, "/etc/passwd")));
            Py.print(Py.str(new OSError(2, "No such file or directory", "a", "b")));
        });
        assertTrue(OSError.of(OSError.ENOENT, "f") instanceof FileNotFoundError);
        assertTrue(OSError.of(OSError.ESRCH, null) instanceof ProcessLookupError);
        assertTrue(OSError.of(OSError.ETIMEDOUT, null) instanceof TimeoutError);
        assertEquals(OSError.class, OSError.of(99999, null).getClass());
    }

    @Test
    void lessThanRaisesCPythonsTypeError() {
        assertPrints("builtins", "lt_errors", () -> {
            Object[][] pairs = {{1, "a"}, {Py.tuple(1, "a"), Py.tuple(1, 2)}, {null, null}, {List.of(1), Py.tuple(1)}};
            for (Object[] p : pairs) {
                TypeError e = assertThrows(TypeError.class, () -> Py.lt(p[0], p[1]));
                Py.print(e.getMessage());
            }
        });
    }

    @Test
    void orderingAndEqualityLikeCPython() {
        assertPrints("builtins", "ordering", () -> {
            List<Object> nums = new ArrayList<>(List.of(3, 1.5, true, 2, -1, 0.0));
            nums.sort(Py::compare);
            Py.print(nums);
            List<Object> tuples = new ArrayList<>(List.of(Py.tuple(1, "b"), Py.tuple(1, "a"), Py.tuple(0, "z"), Py.tuple(1)));
            tuples.sort(Py::compare);
            Py.print(tuples);
            List<Object> strs = new ArrayList<>(List.of("b", "a", "B", "\ue000", "\uD800\uDC00"));
            strs.sort(Py::compare);
            Py.print(strs);
            Py.print(Py.eq(1, 1.0), Py.eq(Py.tuple(1, 2), Py.tuple(1.0, 2)), Py.eq(List.of(1), Py.tuple(1)),
                    Py.eq(Double.NaN, Double.NaN), Py.eq(true, 1));
            Py.print(Py.hash(1) == Py.hash(1.0), Py.tuple(1, 2).hashCode() == Py.tuple(1.0, 2).hashCode());
        });
    }

    @Test
    void timeSleepValidatesLikeCPython() {
        assertRaises(ValueError.class, "builtins", "sleep_negative", () -> Time.sleep(-1));
        assertRaises(ValueError.class, "builtins", "sleep_nan", () -> Time.sleep(Double.NaN));
    }

    @Test
    void interruptedSleepRaisesKeyboardInterruptAndKeepsTheFlag() {
        Thread.currentThread().interrupt();
        assertThrows(KeyboardInterrupt.class, () -> Time.sleep(10));
        assertTrue(Thread.interrupted(), "interrupt status restored");
    }

    @Test
    void callableNames() {
        Action0 ref = PyTest::worker;
        Action0 lambda = () -> worker();
        Callable1<String, Integer> ctor = Integer::new;
        assertEquals("worker", Py.nameOf(ref));
        assertEquals("<lambda>", Py.nameOf(lambda));
        assertEquals("Integer", Py.nameOf(ctor));
        assertNull(Py.nameOf(new Object()));
        assertTrue(Py.repr(ref).startsWith("<function worker at 0x"));
        assertEquals("function", Py.typeName(ref));
    }

    @Test
    void typeNames() {
        assertEquals(List.of("NoneType", "bool", "int", "int", "float", "str", "bytes", "tuple", "list", "dict", "set", "ValueError"),
                java.util.stream.Stream.of(null, true, 1, 2L, 1.5, "s", new byte[0], Py.tuple(), List.of(), Map.of(),
                        java.util.Set.of(), new ValueError()).map(Py::typeName).toList());
    }

    @Test
    void javaThrowablesMapToTheirPythonTwins() {
        assertEquals("ZeroDivisionError: division by zero\n", Traceback.formatExceptionOnly(new ArithmeticException("/ by zero")));
        assertEquals("IndexError", Traceback.name(new ArrayIndexOutOfBoundsException(3)));
        assertEquals("ValueError", Traceback.name(new NumberFormatException("x")));
        assertEquals("NullPointerException", Traceback.name(new NullPointerException()));
        assertEquals("java.lang.NullPointerException: x\n", Traceback.formatExceptionOnly(new NullPointerException("x")));
        assertEquals("RecursionError: maximum recursion depth exceeded\n", Traceback.formatExceptionOnly(new StackOverflowError()));
        assertEquals("ValueError\n", Traceback.formatExceptionOnly(new ValueError()));
    }

    @Test
    void tracebackShowsCausesAndFrames() {
        ValueError e = new ValueError("outer");
        e.from(new KeyError("k"));
        String tb = Traceback.format(e);
        assertTrue(tb.startsWith("Traceback (most recent call last):\n"), tb);
        assertTrue(tb.contains("KeyError: 'k'\n\nThe above exception was the direct cause of the following exception:\n\n"), tb);
        assertTrue(tb.endsWith("ValueError: outer\n"), tb);
        assertTrue(tb.contains("in dev.pyconcurrent.builtins.PyTest.tracebackShowsCausesAndFrames"), tb);
    }

    @Test
    void rethrowPropagatesCheckedExceptionsUnchanged() {
        java.io.IOException io = new java.io.IOException("disk");
        Throwable t = assertThrows(java.io.IOException.class, () -> { throw Py.rethrow(io); });
        assertEquals(io, t);
        assertFalse(Py.eq(Py.tuple(1), List.of(1)));
    }

    private static void worker() {}
}
