package dev.pyconcurrent.kernel.client;

import java.util.List;

/**
 * What one {@code execute_request} produced: the reply's status ({@code ok}, {@code error},
 * {@code aborted}), the execution count, every iopub output of the cell in order, and whether the
 * client's timeout expired (the cell was then interrupted).
 */
public record ExecuteResult(String status, int executionCount, List<Output> outputs, boolean timedOut) {

    public boolean ok() { return status.equals("ok") && !timedOut; }

    /** Concatenated stdout text. */
    public String stdout() { return stream("stdout"); }

    /** Concatenated stderr text. */
    public String stderr() { return stream("stderr"); }

    private String stream(String name) {
        StringBuilder sb = new StringBuilder();
        for (Output o : outputs) if (o.isStream() && name.equals(o.name())) sb.append(o.text());
        return sb.toString();
    }

    /** The error output, or null. */
    public Output error() {
        for (Output o : outputs) if (o.isError()) return o;
        return null;
    }

    /** The execute_result's text/plain, or null. */
    public String result() {
        for (Output o : outputs) if (o.type().equals("execute_result")) return o.plainText();
        return null;
    }
}
