package dev.pyconcurrent.kernel;

import com.google.gson.JsonObject;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One execute request while (and after) it runs: its thread group (threads the cell starts inherit
 * it, so their output and their interruption follow the cell), the request's header (the parent of
 * everything the cell publishes) and its stream buffers. Its state moves one way: running →
 * (interrupted) → outcome known → ended → released (its threads are gone).
 *
 * <p>The cell is reachable from its thread group ({@link Group}) and the group from the cell's live
 * threads, so the kernel keeps no table of cells: once the cell has ended and its threads are gone,
 * {@link #release} cuts the group's link and the cell can be collected.
 */
final class Cell {
    private final Group group;
    private final JsonObject parentHeader;
    private final List<byte[]> identities;
    private final boolean allowStdin;
    private final Sink sink;
    private volatile boolean running = true;
    private volatile boolean interrupted;
    private volatile boolean filledTheHeap;
    private volatile java.lang.Thread mainThread;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

    Cell(int number, JsonObject parentHeader, List<byte[]> identities, boolean allowStdin, Sink sink) {
        this(null, number, parentHeader, identities, allowStdin, sink);
    }

    /** A cell that runs on {@code ahead}'s thread (in its group; made on that thread) when not null. */
    Cell(Ahead ahead, int number, JsonObject parentHeader, List<byte[]> identities, boolean allowStdin, Sink sink) {
        this.group = ahead != null ? ahead.group : new Group("cell-" + number);
        this.mainThread = ahead != null ? ahead.thread : null;
        group.cell = this;
        this.parentHeader = parentHeader;
        this.identities = identities;
        this.allowStdin = allowStdin;
        this.sink = sink;
    }

    ThreadGroup group() { return group; }
    JsonObject parentHeader() { return parentHeader; }
    List<byte[]> identities() { return identities; }
    boolean allowStdin() { return allowStdin; }
    Sink sink() { return sink; }

    /** Until {@link #end}: output of the cell's threads goes to this cell. */
    boolean running() { return running; }
    void end() { running = false; }

    boolean interrupted() { return interrupted; }
    void markInterrupted() { interrupted = true; }

    /** Stopped by the {@link MemoryGuard}: its interruption is reported as {@code MemoryError}. */
    boolean filledTheHeap() { return filledTheHeap; }
    void markFilledTheHeap() { filledTheHeap = true; }

    /** Starts the cell's own thread ({@code MainThread}) in its group, running {@code body} (a cell made without a thread started ahead). */
    void start(Runnable body) {
        java.lang.Thread t = Ahead.newThread(group, body, "MainThread");
        mainThread = t;
        t.start();
    }

    /**
     * A cell's own thread started before its request arrives, in a group of its own, waiting for
     * what it is to run ({@link #run}): creating and starting a thread then costs the request
     * nothing (measured 0.7–1 ms p50 on the loaded 2-core machine, see docs/kernel.adoc), only
     * waking it. Not yet a cell's: its group leads to no cell, its name is not {@code MainThread},
     * and no interrupt reaches it.
     */
    static final class Ahead {
        private final Group group;
        private final CompletableFuture<Runnable> body = new CompletableFuture<>();
        private final java.lang.Thread thread;

        Ahead(int number) {
            group = new Group("cell-" + number);
            thread = newThread(group, () -> {
                // read now, while the thread waits for its request: the main thread's native id
                // can only be read on that thread, and reading it is a file-system call
                dev.pyconcurrent.threading.Threading.getNativeId();
                Runnable r = body.join();
                java.lang.Thread.currentThread().setName("MainThread");
                r.run();
            }, "pyconcurrent-next-cell");
            thread.start();
        }

        /** Hands the thread what it runs (once). */
        void run(Runnable r) {
            body.complete(r);
        }

        /**
         * A cell's thread: a daemon (the kernel ends with System.exit, not when cells end) of
         * normal priority that inherits no thread-local values from the thread making it, which
         * may be the previous cell's own (its user's values and priority stay with it).
         */
        static java.lang.Thread newThread(ThreadGroup group, Runnable r, String name) {
            java.lang.Thread t = new java.lang.Thread(group, r, name, 0, false);
            t.setDaemon(true);
            t.setPriority(java.lang.Thread.NORM_PRIORITY);
            return t;
        }
    }

    /** The cell never runs its code (JShell did not start). */
    void cancel() {
        end();
    }

    /** The cell's own thread, or null before {@link #start}. */
    java.lang.Thread mainThread() { return mainThread; }

    /** Sets the outcome unless one is already set (the first one wins: a result, or an abandon). */
    void finish(Outcome o) { outcome.complete(o); }

    /**
     * Runs {@code then} with the outcome on the thread that sets it (the cell's own, or the one
     * that abandons the cell); register before the outcome can be set. {@code then} must not throw.
     */
    void whenFinished(java.util.function.Consumer<Outcome> then) { outcome.thenAccept(then); }
    boolean finished() { return outcome.isDone(); }

    /** Waits for the outcome. */
    Outcome outcome() {
        try {
            return outcome.get();
        } catch (InterruptedException | ExecutionException e) {
            return Outcome.keyboardInterrupt();
        }
    }

    /**
     * A cell's thread group: leads from a thread (or a group below it) to its cell, until the cell
     * is {@linkplain #release released} (null then: output goes to the cell running at the time).
     */
    static final class Group extends ThreadGroup {
        private volatile Cell cell;

        /** A group beside every other cell's: its parent is never a cell's group, whichever thread makes it. */
        private Group(String name) {
            super(outsideCells(), name);
        }

        static ThreadGroup outsideCells() {
            ThreadGroup g = java.lang.Thread.currentThread().getThreadGroup();
            while (g instanceof Group) g = g.getParent();
            return g;
        }

        Cell cell() { return cell; }
    }

    /**
     * After {@link #end}: true once no thread of the cell is alive (nor a thread group it made);
     * the group then forgets the cell, so the cell and its buffers can be collected. The group is
     * not destroyed: a thread made in this cell and started in a later one must still start
     * (JDK 17 refuses a thread in a destroyed group). On JDK 17 the parent keeps the empty group
     * in its list (a small object per cell); JDK 19+ parents hold their groups weakly.
     */
    boolean release() {
        if (group.activeCount() > 0 || group.activeGroupCount() > 0) return false;
        group.cell = null;
        return true;
    }

    /** Every live thread started in this cell (including the cell's own thread). */
    java.lang.Thread[] threads() {
        java.lang.Thread[] all = new java.lang.Thread[group.activeCount() + 8];
        int n = group.enumerate(all, true);
        return Arrays.copyOf(all, n);
    }
}
