package dev.pyconcurrent.maven.check;

import dev.pyconcurrent.maven.notebook.Cell;
import dev.pyconcurrent.maven.notebook.Outputs;

/**
 * The verdict for one code cell: passed, failed (with the reason and a report: sources and
 * unified diffs), errored (timeout, kernel failure) or skipped (with the reason).
 */
public record CellResult(Cell cell, Status status, String message, String report, Outputs actual, double seconds) {
    public enum Status { PASSED, FAILED, ERROR, SKIPPED }

    public static CellResult passed(Cell cell, Outputs actual, double seconds) {
        return new CellResult(cell, Status.PASSED, null, null, actual, seconds);
    }

    public static CellResult skipped(Cell cell, String why) {
        return new CellResult(cell, Status.SKIPPED, why, null, null, 0);
    }

    public boolean failed() {
        return status == Status.FAILED || status == Status.ERROR;
    }
}
