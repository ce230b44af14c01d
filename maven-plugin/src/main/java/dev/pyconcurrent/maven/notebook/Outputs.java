package dev.pyconcurrent.maven.notebook;

import java.util.List;
import java.util.Objects;

/**
 * What one cell produced: the text of its stdout and stderr streams (each on its own, their
 * interleaving is not kept), the {@code text/plain} of its execute_result (a final expression's
 * value, or null), and the exception it raised ({@code ename}/{@code evalue}, null for none).
 */
public record Outputs(String stdout, String stderr, String result, String ename, String evalue, List<String> traceback) {
    public static final Outputs NONE = new Outputs("", "", null, null, null, List.of());

    public Outputs {
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
        traceback = traceback == null ? List.of() : List.copyOf(traceback);
    }

    public boolean raised() {
        return ename != null;
    }

    /** {@code ename: evalue} as Python's last traceback line shows it, or null. */
    public String error() {
        if (ename == null) return null;
        return evalue == null || evalue.isEmpty() ? ename : ename + ": " + evalue;
    }

    /** Same streams, result and exception (tracebacks differ by nature between the languages). */
    public boolean sameAs(Outputs other) {
        return stdout.equals(other.stdout) && stderr.equals(other.stderr) && Objects.equals(result, other.result)
                && Objects.equals(ename, other.ename) && Objects.equals(evalue, other.evalue);
    }
}
