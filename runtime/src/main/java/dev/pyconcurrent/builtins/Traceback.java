package dev.pyconcurrent.builtins;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Python's {@code traceback} module for Java throwables, and the project's one mapping from a
 * Java throwable to the Python exception it stands for.
 *
 * <p>pyconcurrent's own exceptions ({@link BaseException} and below) carry their Python name
 * and message. JDK throwables with a clear Python twin are reported as that twin
 * ({@code ArithmeticException: / by zero} → {@code ZeroDivisionError: division by zero},
 * {@code IndexOutOfBoundsException} → {@code IndexError}, {@code IllegalArgumentException} →
 * {@code ValueError}, {@code IllegalStateException} → {@code RuntimeError},
 * {@code ClassCastException} → {@code TypeError}, {@code InterruptedException} →
 * {@code KeyboardInterrupt}, {@code IOException} → {@code OSError},
 * {@code StackOverflowError} → {@code RecursionError}, {@code OutOfMemoryError} →
 * {@code MemoryError}, {@code TimeoutException} → {@code TimeoutError}); any other keeps its
 * Java simple name, so nothing is disguised.
 */
public final class Traceback {
    private Traceback() {}

    /** The Python type name of {@code t} ({@code type(e).__name__}). */
    public static String name(Throwable t) {
        if (t instanceof BaseException b) return b.pyName();
        String mapped = twin(t);
        return mapped != null ? mapped : t.getClass().getSimpleName();
    }

    /** {@code str(e)} for {@code t}. */
    public static String message(Throwable t) {
        if (t instanceof BaseException b) return b.getMessage();
        if (t instanceof ArithmeticException && "/ by zero".equals(t.getMessage())) return "division by zero";
        if (t instanceof StackOverflowError) return "maximum recursion depth exceeded";
        if (t instanceof UncheckedIOException u && u.getCause() != null) return message(u.getCause());
        if (t instanceof NoSuchFileException n) {
            return "[Errno 2] No such file or directory: " + Py.reprString(n.getFile());
        }
        return t.getMessage() == null ? "" : t.getMessage();
    }

    private static String twin(Throwable t) {
        if (t instanceof ArithmeticException) return "/ by zero".equals(t.getMessage()) ? "ZeroDivisionError" : "ArithmeticError";
        if (t instanceof IndexOutOfBoundsException) return "IndexError";
        if (t instanceof IllegalArgumentException) return "ValueError";
        if (t instanceof IllegalStateException) return "RuntimeError";
        if (t instanceof ClassCastException) return "TypeError";
        if (t instanceof InterruptedException) return "KeyboardInterrupt";
        if (t instanceof TimeoutException) return "TimeoutError";
        if (t instanceof FileNotFoundException || t instanceof NoSuchFileException) return "FileNotFoundError";
        if (t instanceof UncheckedIOException u && u.getCause() != null) return name(u.getCause());
        if (t instanceof IOException) return "OSError";
        if (t instanceof StackOverflowError) return "RecursionError";
        if (t instanceof OutOfMemoryError) return "MemoryError";
        if (t instanceof java.lang.AssertionError) return "AssertionError";
        return null;
    }

    /** The module-qualified name Python's traceback prints ({@code queue.Full}, but {@code ValueError}). */
    public static String qualifiedName(Throwable t) {
        if (t instanceof BaseException b) {
            String module = b.pyModule();
            return module.equals("builtins") || module.equals("__main__") ? b.pyName() : module + "." + b.pyName();
        }
        String mapped = twin(t);
        return mapped != null ? mapped : t.getClass().getName();
    }

    /** Python's {@code traceback.format_exception_only(e)}: {@code ValueError: boom} plus a newline. */
    public static String formatExceptionOnly(Throwable t) {
        String msg = message(t);
        return qualifiedName(t) + (msg.isEmpty() ? "" : ": " + msg) + "\n";
    }

    /**
     * Python's {@code traceback.format_exception(e)}: causes first (with CPython's linking
     * sentences), then {@code Traceback (most recent call last):}, one {@code File} line per
     * Java frame, outermost first, and the exception line.
     */
    public static String format(Throwable t) {
        StringBuilder sb = new StringBuilder();
        format(t, sb, Collections.newSetFromMap(new IdentityHashMap<>()));
        return sb.toString();
    }

    private static void format(Throwable t, StringBuilder sb, Set<Throwable> seen) {
        seen.add(t);
        Throwable cause = t.getCause();
        if (cause != null && !seen.contains(cause) && !(t instanceof KeyboardInterrupt && cause instanceof InterruptedException)) {
            format(cause, sb, seen);
            sb.append("\nThe above exception was the direct cause of the following exception:\n\n");
        }
        List<StackTraceElement> frames = new ArrayList<>(List.of(t.getStackTrace()));
        Collections.reverse(frames);
        if (!frames.isEmpty()) {
            sb.append("Traceback (most recent call last):\n");
            for (StackTraceElement f : frames) {
                String file = f.getFileName() == null ? "<unknown>" : f.getFileName();
                sb.append("  File \"").append(file).append("\", line ").append(Math.max(f.getLineNumber(), 0))
                        .append(", in ").append(f.getClassName()).append('.').append(f.getMethodName()).append('\n');
            }
        }
        sb.append(formatExceptionOnly(t));
    }
}
