package dev.pyconcurrent.maven.check;

import dev.pyconcurrent.maven.notebook.Notebook;
import java.util.List;

/** The results of one notebook's cells, in order. */
public record NotebookResult(Notebook notebook, List<CellResult> cells, double seconds) {
    public long passed() {
        return cells.stream().filter(c -> c.status() == CellResult.Status.PASSED).count();
    }

    public long failed() {
        return cells.stream().filter(CellResult::failed).count();
    }

    public long skipped() {
        return cells.stream().filter(c -> c.status() == CellResult.Status.SKIPPED).count();
    }

    /** {@code threading.ipynb: 12 passed, 1 failed, 2 skipped (3.4 s)}. */
    public String summary() {
        return String.format(java.util.Locale.ROOT, "%s: %d passed, %d failed, %d skipped (%.1f s)",
                notebook.path().getFileName(), passed(), failed(), skipped(), seconds);
    }
}
