package dev.pyconcurrent.kernel;

import com.google.gson.JsonObject;

import java.util.List;

/**
 * One execute request while (and after) it runs: its thread group (threads the cell starts inherit
 * it, so their output and their interruption follow the cell), the request's header (the parent of
 * everything the cell publishes) and its stream buffers.
 */
final class Cell {
    final ThreadGroup group;
    final JsonObject parentHeader;
    final List<byte[]> identities;
    final boolean allowStdin;
    final OutputRouter.Sink sink;
    volatile boolean running = true;
    volatile boolean interrupted;
    volatile Evaluator evaluator;
    volatile java.lang.Thread mainThread;
    final java.util.concurrent.CompletableFuture<Evaluator.Outcome> result = new java.util.concurrent.CompletableFuture<>();

    Cell(int number, JsonObject parentHeader, List<byte[]> identities, boolean allowStdin, OutputRouter.Sink sink) {
        this.group = new ThreadGroup("cell-" + number);
        this.parentHeader = parentHeader;
        this.identities = identities;
        this.allowStdin = allowStdin;
        this.sink = sink;
    }

    /** Every live thread started in this cell (including the cell's own thread). */
    java.lang.Thread[] threads() {
        java.lang.Thread[] all = new java.lang.Thread[group.activeCount() + 8];
        int n = group.enumerate(all, true);
        return java.util.Arrays.copyOf(all, n);
    }
}
