package dev.pyconcurrent.maven.record;

import dev.pyconcurrent.maven.compare.UnifiedDiff;
import dev.pyconcurrent.maven.notebook.Cell;
import dev.pyconcurrent.maven.notebook.Notebook;
import dev.pyconcurrent.maven.notebook.Outputs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code verify-reference} logic: records a copy of the notebook (the file is not touched)
 * and reports every cell whose stored expected output is not what CPython prints now, with a
 * diff. Cells tagged {@code python-3.14} are not CPython 3.13's output and are left out.
 */
public final class ReferenceVerifier {
    private final Recorder recorder;

    public ReferenceVerifier(Recorder recorder) {
        this.recorder = recorder;
    }

    /** One stale cell: which, and the diff stored → now. */
    public record Stale(Cell cell, String diff) {}

    public record Result(String pythonVersion, List<Stale> stale, List<String> problems) {
        public boolean ok() {
            return stale.isEmpty() && problems.isEmpty();
        }
    }

    public Result verify(Notebook notebook) throws IOException, InterruptedException {
        Notebook synced = notebook.copy();
        List<String> viewProblems = synced.syncTwinViews()
                ? List.of(notebook.path().getFileName() + ": the Markdown cells showing the Python twins are out of date")
                : List.of();
        Notebook copy = synced.copy();
        Recorder.Result recorded = recorder.record(copy);
        List<Stale> stale = new ArrayList<>();
        List<Cell> before = synced.cells();
        List<Cell> after = copy.cells();
        for (int i = 0; i < before.size(); i++) {
            Cell old = before.get(i);
            if (!old.isCode() || old.isPython314() || old.python() == null) continue;
            Outputs stored = old.outputs();
            Outputs now = after.get(i).outputs();
            if (recorder.equivalent(old, stored, now)) continue;
            String label = notebook.path().getFileName() + " " + old.label();
            stale.add(new Stale(old, UnifiedDiff.diff(render(stored), render(now),
                    label + " stored output", label + " CPython " + recorded.pythonVersion() + " now", 3)));
        }
        List<String> problems = new ArrayList<>(viewProblems);
        problems.addAll(recorded.problems());
        return new Result(recorded.pythonVersion(), stale, problems);
    }

    /** The outputs as one text for diffing: each stream under a header. */
    static String render(Outputs o) {
        StringBuilder sb = new StringBuilder();
        section(sb, "stdout", o.stdout());
        section(sb, "stderr", o.stderr());
        if (o.result() != null) section(sb, "result", o.result() + "\n");
        if (o.raised()) section(sb, "error", o.error() + "\n" + String.join("", o.traceback()));
        return sb.toString();
    }

    private static void section(StringBuilder sb, String name, String text) {
        if (text.isEmpty()) return;
        sb.append("[").append(name).append("]\n").append(text.endsWith("\n") ? text : text + "\n");
    }
}
