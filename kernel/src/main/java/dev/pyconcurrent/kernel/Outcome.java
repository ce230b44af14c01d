package dev.pyconcurrent.kernel;

import dev.pyconcurrent.builtins.Traceback;
import jdk.jshell.UnresolvedReferenceException;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a cell (or one of its user expressions) produced: a value, nothing, or a Python error with
 * its {@code ename}, {@code evalue} and traceback lines.
 */
record Outcome(boolean ok, boolean hasValue, Object value, String ename, String evalue, List<String> traceback,
               Throwable thrown) {

    /** A cell the {@link MemoryGuard} stopped (made in advance: memory is short when it is needed). */
    static final Outcome FILLED_THE_HEAP = error("MemoryError", MemoryGuard.STOPPED,
            List.of("MemoryError: " + MemoryGuard.STOPPED));
    /** An OutOfMemoryError whose own report could not be built. */
    static final Outcome OUT_OF_MEMORY = error("MemoryError", "Java heap space", List.of("MemoryError: Java heap space"));

    static Outcome ok(boolean hasValue, Object value) {
        return new Outcome(true, hasValue, value, null, null, List.of(), null);
    }

    /** An error the kernel itself reports (a compilation error, JShell not starting). */
    static Outcome error(String ename, String evalue, List<String> traceback) {
        return new Outcome(false, false, null, ename, evalue, traceback, null);
    }

    static Outcome keyboardInterrupt() {
        return error("KeyboardInterrupt", "", List.of("Traceback (most recent call last):", "KeyboardInterrupt"));
    }

    /**
     * The error a throwable of the cell's code stands for: the runtime's one mapping
     * ({@link Traceback}) after two rules only a kernel needs: a reflective call's
     * {@code InvocationTargetException} is what its target raised (a cell calling
     * {@code System.exit} through reflection gets {@code SystemExit}, as Python has no such
     * wrapper), and JShell's unresolved reference (a method whose body names something not
     * declared yet) is Python's {@code NameError}.
     */
    static Outcome raised(Throwable t) {
        Throwable x = unwrapped(t);
        if (x instanceof UnresolvedReferenceException u) {
            String msg = "unresolved reference in " + u.getSnippet().source().strip();
            return new Outcome(false, false, null, "NameError", msg, List.of("NameError: " + msg), x);
        }
        return new Outcome(false, false, null, Traceback.name(x), Traceback.message(x),
                cellTraceback(Traceback.format(trimmed(x))), x);
    }

    private static Throwable unwrapped(Throwable t) {
        while (t instanceof InvocationTargetException && t.getCause() != null) t = t.getCause();
        return t;
    }

    /**
     * Python's traceback text with the snippet's wrapper frames shown as the cell
     * ({@code File "<cell>", in <module>}) and the kernel's own frames left out.
     */
    static List<String> cellTraceback(String formatted) {
        List<String> out = new ArrayList<>();
        for (String line : formatted.split("\n")) {
            if (line.startsWith("  File ") && line.contains(" in REPL.")) {
                out.add("  File \"<cell>\", in <module>");
            } else if (!(line.startsWith("  File ") && line.contains(" in dev.pyconcurrent.kernel."))) {
                out.add(line);
            }
        }
        return out;
    }

    /** Drops the JShell/reflection frames below the snippet (they say nothing about the user's code). */
    private static Throwable trimmed(Throwable t) {
        StackTraceElement[] st = t.getStackTrace();
        int keep = st.length;
        for (int i = 0; i < st.length; i++) {
            if (st[i].getClassName().startsWith("REPL.")) keep = i + 1;
        }
        if (keep < st.length) t.setStackTrace(Arrays.copyOf(st, keep));
        return t;
    }
}
