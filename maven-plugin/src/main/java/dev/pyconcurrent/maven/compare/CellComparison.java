package dev.pyconcurrent.maven.compare;

import dev.pyconcurrent.maven.notebook.Cell;
import dev.pyconcurrent.maven.notebook.Outputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Compares what a Java cell produced with what CPython printed for its twin, after
 * normalization, honouring the cell's tags. stdout and stderr are compared each on its own;
 * exceptions by {@code ename} and {@code evalue}; an uncaught exception in a background thread
 * that the reference does not show always fails the cell (even under {@code ignore-output}).
 * A cell without a twin fails unless tagged {@code java-only}; a {@code java-only} cell and a
 * cell that raises only in Java have nothing of CPython's to compare: the first must not raise,
 * the second must raise the exception its {@code metadata.pyconcurrent.java_error} names.
 */
public final class CellComparison {
    /** The lines CPython's threading.excepthook / unraisable hook start with (and the Java runtime mirrors). */
    private static final Pattern BACKGROUND_EXCEPTION = Pattern.compile("(?m)^(Exception in thread .*|Exception ignored .*|Unhandled exception in thread .*)$");

    private final List<String> problems = new ArrayList<>();
    private final StringBuilder diffs = new StringBuilder();

    private CellComparison() {}

    /** The reasons the cell fails (empty if it passes). */
    public List<String> problems() {
        return problems;
    }

    /** Unified diffs of every stream that differs. */
    public String diffs() {
        return diffs.toString();
    }

    public boolean passed() {
        return problems.isEmpty();
    }

    /**
     * @param label how diffs name the cell ({@code threading.ipynb cell[4]})
     * @param reference who produced {@code expected} ({@code CPython 3.13.0})
     */
    public static CellComparison compare(Cell cell, Outputs expected, Outputs actual, Normalizer normalizer,
                                         String label, String reference) {
        CellComparison c = new CellComparison();
        if (cell.lacksTwin()) {
            c.problems.add("no Python twin (" + Cell.TWIN_KEY + ")");
            return c;
        }
        if (cell.isJavaOnly() || cell.raisesOnlyInJava()) {
            c.javaSideOnly(cell, actual);
            return c;
        }
        boolean sort = cell.hasTag(Cell.SORT_LINES);
        String expOut = norm(expected.stdout(), normalizer, sort);
        String actOut = norm(actual.stdout(), normalizer, sort);
        String expErr = norm(expected.stderr(), normalizer, sort);
        String actErr = norm(actual.stderr(), normalizer, sort);

        // exceptions
        String expError = expected.raised() ? normalizer.apply(expected.error()) : null;
        String actError = actual.raised() ? normalizer.apply(actual.error()) : null;
        if (cell.hasTag(Cell.RAISES_EXCEPTION) && !expected.raised()) {
            c.problems.add("tagged " + Cell.RAISES_EXCEPTION + " but the recorded output has no exception (re-record the notebook)");
        }
        if (!Objects.equals(expError, actError)) {
            if (actError == null) {
                c.problems.add("expected " + expected.error() + ", the Java cell raised nothing");
            } else if (expError == null) {
                c.problems.add("raised " + actual.error() + (actual.traceback().isEmpty() ? ""
                        : "\n" + String.join("\n", actual.traceback()).stripTrailing()));
            } else {
                c.problems.add("raised " + actual.error() + ", expected " + expected.error());
            }
        }

        // background-thread exceptions the reference does not show
        List<String> unexpected = new ArrayList<>();
        var m = BACKGROUND_EXCEPTION.matcher(actErr);
        while (m.find()) {
            if (!expErr.contains(m.group())) unexpected.add(m.group());
        }
        if (!unexpected.isEmpty()) {
            c.problems.add("uncaught exception in a background thread: " + String.join("; ", unexpected));
        }

        if (!cell.hasTag(Cell.IGNORE_OUTPUT)) {
            c.stream("stdout", expOut, actOut, label, reference);
            c.stream("stderr", expErr, actErr, label, reference);
            String expRes = expected.result() == null ? "" : normalizer.apply(expected.result()) + "\n";
            String actRes = actual.result() == null ? "" : normalizer.apply(actual.result()) + "\n";
            c.stream("result", expRes, actRes, label, reference);
        }
        return c;
    }

    /**
     * A cell with nothing of CPython's to compare: a {@code java-only} cell must not raise
     * (unless tagged {@code raises-exception}); a cell that raises only in Java must raise the
     * exception its {@code metadata.pyconcurrent.java_error} names.
     */
    private void javaSideOnly(Cell cell, Outputs actual) {
        String raised = actual.raised() ? "raised " + actual.error() : "raised nothing";
        if (cell.raisesOnlyInJava()) {
            if (cell.javaError() == null) {
                problems.add("raises only in Java but metadata.pyconcurrent." + Cell.JAVA_ERROR + " does not name the exception");
            } else if (!cell.javaError().equals(actual.ename())) {
                problems.add(raised + ", expected the Java cell to raise " + cell.javaError()
                        + " (metadata.pyconcurrent." + Cell.JAVA_ERROR + ")");
            }
        } else if (actual.raised() != cell.hasTag(Cell.RAISES_EXCEPTION)) {
            problems.add(actual.raised() ? raised : "tagged " + Cell.RAISES_EXCEPTION + " but " + raised);
        }
    }

    private void stream(String name, String expected, String actual, String label, String reference) {
        if (expected.equals(actual)) return;
        if (problems.stream().noneMatch(p -> p.startsWith("uncaught exception") && name.equals("stderr"))) {
            problems.add(name + " differs");
        }
        diffs.append(UnifiedDiff.diff(expected, actual,
                label + " " + name + " expected (" + reference + ")",
                label + " " + name + " actual (Java)", 3));
    }

    private static String norm(String text, Normalizer normalizer, boolean sort) {
        String n = normalizer.apply(text);
        return sort ? Normalizer.sortLines(n) : n;
    }
}
