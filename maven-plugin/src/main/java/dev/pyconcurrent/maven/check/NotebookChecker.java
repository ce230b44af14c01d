package dev.pyconcurrent.maven.check;

import dev.pyconcurrent.maven.compare.CellComparison;
import dev.pyconcurrent.maven.compare.Normalizer;
import dev.pyconcurrent.maven.notebook.Cell;
import dev.pyconcurrent.maven.notebook.Notebook;
import dev.pyconcurrent.maven.notebook.Outputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one notebook's Java cells in order in one kernel and judges each against its recorded
 * output. A timed-out cell fails with the kernel's thread dump; the kernel is then interrupted
 * and the notebook's remaining cells are skipped (their state is gone); a dead kernel fails the
 * cell and skips the rest likewise.
 */
public final class NotebookChecker {
    private final double defaultTimeout;
    private final AtomicBoolean stop;

    /**
     * @param defaultTimeout seconds a cell may run when its metadata does not say
     * @param stop set to stop early (failFast): cells not yet run are skipped
     */
    public NotebookChecker(double defaultTimeout, AtomicBoolean stop) {
        this.defaultTimeout = defaultTimeout;
        this.stop = stop;
    }

    public NotebookResult check(Notebook notebook, Kernel kernel, Normalizer normalizer, boolean failFast)
            throws InterruptedException {
        long start = System.nanoTime();
        List<CellResult> results = new ArrayList<>();
        String abandoned = null;
        String reference = notebook.recordedWith() == null ? "CPython" : "CPython " + notebook.recordedWith();
        for (Cell cell : notebook.codeCells()) {
            if (abandoned != null) {
                results.add(CellResult.skipped(cell, abandoned));
                continue;
            }
            if (stop.get()) {
                results.add(CellResult.skipped(cell, "not run: failFast stopped the run"));
                continue;
            }
            if (cell.hasTag(Cell.SKIP_CHECK)) {
                results.add(CellResult.skipped(cell, "tagged " + Cell.SKIP_CHECK));
                continue;
            }
            CellResult r = checkCell(notebook, cell, kernel, normalizer,
                    cell.isPython314() ? describe314(cell) : reference);
            results.add(r);
            if (r.status() == CellResult.Status.ERROR) {
                abandoned = "not run: the kernel was stopped after " + cell.label() + " (" + r.message() + ")";
            }
            if (r.failed() && failFast) stop.set(true);
        }
        return new NotebookResult(notebook, results, (System.nanoTime() - start) / 1e9);
    }

    private static String describe314(Cell cell) {
        return cell.expectedFrom() == null ? "CPython 3.14 documentation" : cell.expectedFrom();
    }

    private CellResult checkCell(Notebook notebook, Cell cell, Kernel kernel, Normalizer normalizer, String reference)
            throws InterruptedException {
        double timeout = cell.timeout() != null ? cell.timeout() : defaultTimeout;
        long t0 = System.nanoTime();
        Kernel.Execution execution;
        try {
            execution = kernel.execute(cell.source(), timeout);
        } catch (Kernel.KernelException e) {
            double s = (System.nanoTime() - t0) / 1e9;
            String msg = "kernel failure: " + e.getMessage();
            return new CellResult(cell, CellResult.Status.ERROR, msg, report(notebook, cell, msg, ""), null, s);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (execution.timedOut()) {
            String dump = kernel.threadDump();
            try {
                kernel.interrupt();
            } catch (Kernel.KernelException ignored) {
                // the kernel is closed (killed if need be) after this notebook anyway
            }
            String msg = String.format(Locale.ROOT, "timed out after %s s", trim(timeout));
            String body = "Output so far:\n" + indent(execution.outputs().stdout() + execution.outputs().stderr())
                    + "Kernel threads at the timeout:\n" + indent(dump);
            return new CellResult(cell, CellResult.Status.ERROR, msg, report(notebook, cell, msg, body), execution.outputs(), seconds);
        }
        Outputs actual = execution.outputs();
        String label = notebook.path().getFileName() + " " + cell.label();
        CellComparison cmp = CellComparison.compare(cell, cell.outputs(), actual, normalizer, label, reference);
        if (cmp.passed()) return CellResult.passed(cell, actual, seconds);
        String msg = String.join("; ", cmp.problems().stream().map(p -> p.lines().findFirst().orElse(p)).toList());
        String details = String.join("\n", cmp.problems().stream().filter(p -> p.contains("\n")).toList());
        return new CellResult(cell, CellResult.Status.FAILED, msg,
                report(notebook, cell, msg, (details.isEmpty() ? "" : details + "\n") + cmp.diffs()), actual, seconds);
    }

    /** The readable failure report: where, why, both sources, then the details (diffs, dumps). */
    static String report(Notebook notebook, Cell cell, String message, String details) {
        StringBuilder sb = new StringBuilder();
        sb.append(notebook.path().getFileName()).append(' ').append(cell.label()).append(": ").append(message).append('\n');
        if (cell.python() != null) sb.append("  Python twin:\n").append(indent(cell.python(), "    | "));
        sb.append("  Java cell:\n").append(indent(cell.source(), "    | "));
        if (!details.isEmpty()) sb.append(details.endsWith("\n") ? details : details + "\n");
        return sb.toString();
    }

    private static String indent(String text) {
        return indent(text, "    ");
    }

    private static String indent(String text, String prefix) {
        if (text == null || text.isEmpty()) return prefix + "(nothing)\n";
        StringBuilder sb = new StringBuilder();
        text.lines().forEach(l -> sb.append(prefix).append(l).append('\n'));
        return sb.toString();
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
