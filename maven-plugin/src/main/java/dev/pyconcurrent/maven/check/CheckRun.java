package dev.pyconcurrent.maven.check;

import dev.pyconcurrent.maven.compare.Normalizer;
import dev.pyconcurrent.maven.notebook.Cell;
import dev.pyconcurrent.maven.notebook.Notebook;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Checks a set of notebooks, {@code parallel} at a time, each in a kernel of its own, and
 * reports as results come in (in notebook order): each failing cell's report, then the
 * notebook's summary line.
 */
public final class CheckRun {
    private final Kernel.Factory kernels;
    private final Function<Notebook, Normalizer> normalizers;
    private final double timeout;
    private final int parallel;
    private final boolean failFast;

    public CheckRun(Kernel.Factory kernels, Function<Notebook, Normalizer> normalizers, double timeout, int parallel, boolean failFast) {
        this.kernels = kernels;
        this.normalizers = normalizers;
        this.timeout = timeout;
        this.parallel = Math.max(1, parallel);
        this.failFast = failFast;
    }

    /**
     * @param report gets each notebook's result, in the order of {@code notebooks}
     */
    public List<NotebookResult> run(List<Notebook> notebooks, Consumer<NotebookResult> report) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        NotebookChecker checker = new NotebookChecker(timeout, stop);
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "pyconcurrent-check");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<NotebookResult>> futures = new ArrayList<>();
            for (Notebook nb : notebooks) {
                futures.add(pool.submit(() -> one(nb, checker, stop)));
            }
            List<NotebookResult> results = new ArrayList<>();
            for (Future<NotebookResult> f : futures) {
                try {
                    NotebookResult r = f.get();
                    results.add(r);
                    report.accept(r);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("checking a notebook failed: " + e.getCause(), e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private NotebookResult one(Notebook nb, NotebookChecker checker, AtomicBoolean stop) throws InterruptedException {
        if (stop.get()) {
            return new NotebookResult(nb, nb.codeCells().stream()
                    .map(c -> CellResult.skipped(c, "not run: failFast stopped the run")).toList(), 0);
        }
        long t0 = System.nanoTime();
        Kernel kernel;
        try {
            kernel = kernels.start(nb.path().toAbsolutePath().getParent());
        } catch (Kernel.KernelException e) {
            String msg = "kernel did not start: " + e.getMessage();
            List<CellResult> cells = new ArrayList<>();
            for (Cell c : nb.codeCells()) {
                cells.add(cells.isEmpty()
                        ? new CellResult(c, CellResult.Status.ERROR, msg, NotebookChecker.report(nb, c, msg, ""), null, 0)
                        : CellResult.skipped(c, "not run: " + msg));
            }
            if (failFast) stop.set(true);
            return new NotebookResult(nb, cells, (System.nanoTime() - t0) / 1e9);
        }
        try (kernel) {
            NotebookResult r = checker.check(nb, kernel, normalizers.apply(nb), failFast);
            return new NotebookResult(nb, r.cells(), (System.nanoTime() - t0) / 1e9);
        }
    }

    /** {@code N passed, N failed, N skipped} over all results. */
    public static String closingLine(List<NotebookResult> results) {
        long p = 0, f = 0, s = 0;
        for (NotebookResult r : results) {
            p += r.passed();
            f += r.failed();
            s += r.skipped();
        }
        return p + " passed, " + f + " failed, " + s + " skipped";
    }
}
