package dev.pyconcurrent.kernel;

import com.google.gson.JsonObject;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.kernel.wire.Message;
import dev.pyconcurrent.os.JavaCommand;
import dev.pyconcurrent.threading.Threading;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs cells one after another on JShell ({@link Evaluator}), each on its own thread in its own
 * thread group ({@link Cell}), and interrupts them. Owns the JShell session: started once at
 * start-up, replaced by a fresh one when an interrupted cell could not be stopped.
 */
final class CellRunner {
    static final long INTERRUPT_ABANDON_AFTER_MS = 1500;

    private final OutputRouter router;
    private final Publisher publisher;
    private final PrintStream log;
    /** Holds one directory of snippet classes per JShell session ({@code session-1}, …). */
    private final Path snippetRoot;
    private final AtomicInteger sessions = new AtomicInteger();
    private final String classPath = JavaCommand.classPathOf(Py.class, CellRunner.class);
    private final CompletableFuture<Evaluator> evaluatorReady = new CompletableFuture<>();
    private final AtomicInteger cellNumber = new AtomicInteger();
    private volatile Evaluator evaluator;
    private volatile boolean rebuildEvaluator;
    /** The main shell's running cell and the session it runs in (null when idle). */
    private volatile Running running;
    /**
     * The threads of the main shell's next cells, started ahead ({@link #startAhead}), oldest
     * first; taken by whoever starts the main shell's requests (one at a time, {@link Shell}).
     */
    private final java.util.concurrent.ConcurrentLinkedQueue<Cell.Ahead> ahead = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /**
     * How many threads wait ahead: two, so that the next cell's thread was made a whole cell
     * earlier. One made as a cell is answered is often not yet waiting when the next request
     * comes right after the answer (a front end running a notebook), and a new thread's first
     * run can wait for a scheduler tick (4 ms here) behind busy cores.
     */
    static final int AHEAD = 2;
    /** The cells running on subshells now. */
    private final Map<Cell, Running> subshellCells = new ConcurrentHashMap<>();

    /** A cell while it runs: the session it runs in (null before it starts), on the main shell or a subshell. */
    private record Running(Cell cell, Evaluator evaluator, boolean mainShell) {}

    CellRunner(OutputRouter router, Publisher publisher, PrintStream log, Path snippetRoot) {
        this.router = router;
        this.publisher = publisher;
        this.log = log;
        this.snippetRoot = snippetRoot;
    }

    /** Starts the JShell session; call on the execution thread (the first cell waits for it). */
    void startSession() {
        try {
            evaluator = newEvaluator();
            evaluatorReady.complete(evaluator);
        } catch (Throwable t) {
            log.println("pyconcurrent kernel: cannot start JShell: " + t);
            t.printStackTrace(log);
            evaluatorReady.completeExceptionally(t);
        }
    }

    /**
     * A JShell session writing its snippet classes to a directory of its own: a fresh session
     * names its classes {@code $JShell$1}… again, and must not overwrite the classes of the
     * session before it, which children started then may still load. The system property
     * {@value Kernel#SNIPPET_CLASS_PATH} names the current session's directory.
     */
    private Evaluator newEvaluator() throws IOException {
        Path dir = Files.createDirectories(snippetRoot.resolve("session-" + sessions.incrementAndGet()));
        System.setProperty(Kernel.SNIPPET_CLASS_PATH, dir.toString());
        List<String> imports = StartupImports.statements(Kernel.class.getClassLoader(), Py.class);
        return new Evaluator(dir, classPath, imports, log);
    }

    /** The session for the next cell (a fresh one after an abandoned cell); null if JShell could not start. */
    synchronized Evaluator sessionForCell() {
        try {
            Evaluator ev = evaluatorReady.get();
            if (rebuildEvaluator) {
                rebuildEvaluator = false;
                log.println("pyconcurrent kernel: starting a fresh JShell (the interrupted cell could not be stopped)");
                evaluator = newEvaluator();
            }
            return evaluator == null ? ev : evaluator;
        } catch (InterruptedException | ExecutionException | IOException e) {
            log.println("pyconcurrent kernel: no JShell session: " + e);
            return null;
        }
    }

    /** The session for an analysis request (complete, inspect, is_complete), waiting for start-up. */
    Evaluator sessionForAnalysis() throws InterruptedException, ExecutionException, TimeoutException {
        Evaluator ev = evaluatorReady.get(30, TimeUnit.SECONDS);
        return evaluator == null ? ev : evaluator;
    }

    /**
     * A cell for an execute request, made on {@code thread}'s thread (the cell's own), interruptible
     * from now on even before its code runs (it then ends with {@code KeyboardInterrupt} before
     * running anything), so a front end may interrupt as soon as it sees {@code execute_input}.
     */
    Cell begin(Message request, boolean allowStdin, boolean mainShell, Cell.Ahead thread) {
        Cell cell = new Cell(thread, 0, request.header, request.identities, allowStdin, router.newSink(request.header));
        track(new Running(cell, null, mainShell));
        return cell;
    }

    private void track(Running r) {
        if (r.mainShell()) running = r;
        else subshellCells.put(r.cell(), r);
    }

    private void untrack(Cell cell, boolean mainShell) {
        if (mainShell) running = null;
        else subshellCells.remove(cell);
    }

    /**
     * A thread for a shell's next cell: the main shell's was started ahead (as an earlier cell
     * ended, {@link #startAhead}), a subshell's, or one no thread was started ahead for, is started now.
     */
    Cell.Ahead cellThread(boolean mainShell) {
        Cell.Ahead a = mainShell ? ahead.poll() : null;
        return a != null ? a : new Cell.Ahead(cellNumber.incrementAndGet());
    }

    /**
     * Starts threads for the main shell's next cells until {@value #AHEAD} wait, once a cell has
     * been answered and before the shell takes its next request (starting a thread takes 0.3–1 ms).
     * Best effort: if no thread can be started now, the next cell starts its own.
     */
    void startAhead() {
        try {
            while (ahead.size() < AHEAD) ahead.add(new Cell.Ahead(cellNumber.incrementAndGet()));
        } catch (RuntimeException | Error e) {
            log.println("pyconcurrent kernel: cannot start the next cell's thread ahead: " + e);
        }
    }

    /** A cell that never runs user code in front of the user (a user expression). */
    Cell newCell(JsonObject parentHeader, List<byte[]> identities, boolean allowStdin) {
        return new Cell(cellNumber.incrementAndGet(), parentHeader, identities, allowStdin, router.newSink(parentHeader));
    }

    /** The cell never ran (JShell did not start). */
    void cancel(Cell cell, boolean mainShell) {
        cell.cancel();
        router.ended(cell);
        untrack(cell, mainShell);
    }

    /**
     * Runs the cell's code on the calling thread, the cell's own ({@link #begin}); then, on the
     * thread that sets the outcome (this one, or the one that abandons a cell that cannot be
     * stopped), cleans up and hands the outcome to {@code then}. Never throws: {@code then} runs
     * once whatever happens. A main-shell cell's thread is Python's main thread, and the memory
     * guard watches it; a subshell's cell runs beside it.
     */
    void runHere(Cell cell, Evaluator ev, String code, boolean mainShell, java.util.function.Consumer<Outcome> then) {
        cell.whenFinished(o -> then.accept(cleanUp(cell, o, mainShell)));
        Outcome o;
        try {
            enter(cell, ev, mainShell);
            o = ev.run(code, cell::interrupted);
            if (mainShell) CellTrace.mark(CellTrace.Stage.FINISHED);
        } catch (Throwable x) {
            o = outcomeOf(cell, x);
        }
        // what follows is the kernel's: a cell that left its thread interrupted must not cut it short
        java.lang.Thread.interrupted();
        cell.finish(o);
    }

    /**
     * Runs the cell on a thread of its own in the cell's thread group and waits until it ends or
     * is abandoned (a user expression's cell).
     */
    Outcome run(Cell cell, Evaluator ev, String code, boolean mainShell) {
        cell.start(() -> {
            Outcome o;
            try {
                enter(cell, ev, mainShell);
                o = ev.run(code, cell::interrupted);
            } catch (Throwable x) {
                o = outcomeOf(cell, x);
            }
            cell.finish(o);
        });
        return cleanUp(cell, cell.outcome(), mainShell);
    }

    /** On the cell's thread, before its code runs: the cell is the running one, in its session. */
    private void enter(Cell cell, Evaluator ev, boolean mainShell) {
        if (mainShell) router.setCurrent(cell);
        track(new Running(cell, ev, mainShell));
        if (mainShell) MemoryGuard.rearm();
        if (mainShell) CellTrace.cellThread();
        java.lang.Thread.currentThread().setContextClassLoader(ev.classLoader());
        // The cell's thread is Python's main thread, as a notebook's code runs in IPython's.
        if (mainShell) Threading.setMainThread(java.lang.Thread.currentThread());
    }

    /** After the outcome is known: waits (bounded) for an interrupted cell's threads, flushes its output, forgets it. */
    private Outcome cleanUp(Cell cell, Outcome o, boolean mainShell) {
        if (cell.interrupted()) awaitThreads(cell);
        if (cell.filledTheHeap() && !o.ok()) o = Outcome.FILLED_THE_HEAP;
        if (mainShell) MemoryGuard.retake();
        cell.end();
        router.ended(cell);
        untrack(cell, mainShell);
        StopPoints.releaseFinished();
        if (mainShell) router.setCurrent(null);
        cell.sink().flush();
        if (mainShell) CellTrace.mark(CellTrace.Stage.CLEANED);
        return o;
    }

    /** The outcome of a cell whose code threw (or the kernel's work around it). */
    private static Outcome outcomeOf(Cell cell, Throwable x) {
        if (x instanceof OutOfMemoryError) MemoryGuard.release();
        try {
            return cell.interrupted() ? Outcome.keyboardInterrupt() : Outcome.raised(x);
        } catch (OutOfMemoryError again) {
            return Outcome.OUT_OF_MEMORY;
        }
    }

    /** Stops the running cell because its data fills the heap ({@link MemoryGuard}); it ends with MemoryError. */
    void stopForMemory() {
        Running now = running;
        if (now == null || now.cell().filledTheHeap()) return;
        now.cell().markFilledTheHeap();
        interrupt(now);
        publisher.cancelInput();
    }

    /** Whether a cell's code runs now. */
    boolean cellRunning() {
        Running now = running;
        return now != null && now.evaluator() != null;
    }

    /** An interrupted cell ends with the threads it started: waits (bounded) until they are gone (but for the calling thread). */
    private static void awaitThreads(Cell cell) {
        long deadline = System.nanoTime() + INTERRUPT_ABANDON_AFTER_MS * 1_000_000L;
        for (java.lang.Thread th : cell.threads()) {
            if (th == java.lang.Thread.currentThread()) continue;
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) break;
            try {
                th.join(left);
            } catch (InterruptedException e) {
                break;
            }
        }
    }

    /**
     * Interrupts the running cells, the main shell's and every subshell's (as JEP 91 asks: an
     * interrupt request names no shell). Each cell's thread group is marked {@linkplain StopPoints#stop stopped}
     * (the cell's code throws {@code KeyboardInterrupt} at its next stop point: a busy loop, a
     * runaway recursion) and every thread of the group is interrupted (blocking calls of the runtime
     * and the JDK raise {@code KeyboardInterrupt}). A cell still not finished after
     * {@value #INTERRUPT_ABANDON_AFTER_MS} ms (a thread blocked entering a monitor, a loop inside
     * JDK code) is abandoned: the reply is a KeyboardInterrupt and the next cell gets a fresh JShell
     * session.
     */
    void interrupt() {
        Running now = running;
        if (now != null) interrupt(now);
        for (Running r : subshellCells.values()) interrupt(r);
        publisher.cancelInput();
    }

    private void interrupt(Running now) {
        // before the cell's code reacts (the runtime kills the process it waits for): what it may orphan
        List<ChildProcesses.Member> processes = ChildProcesses.grandchildren();
        Cell cell = now.cell();
        cell.markInterrupted();
        StopPoints.stop(cell.group());
        // The cell's own thread first: if the threads it waits for ended first, it could finish
        // normally before its own interrupt arrived. It is interrupted only inside the cell's code;
        // while JShell compiles, the stop mark ends the cell at its first stop point instead.
        java.lang.Thread main = cell.mainThread();
        if (main != null && now.evaluator() != null) now.evaluator().interruptIfInSnippet(main);
        for (java.lang.Thread t : cell.threads()) {
            if (t != main) t.interrupt();
        }
        Kernel.daemon(() -> {
            abandonIfStuck(cell);
            ChildProcesses.terminateOrphaned(processes, log);
        }, "pyconcurrent-interrupt").start();
    }

    private void abandonIfStuck(Cell cell) {
        try {
            if (awaitEnd(cell, INTERRUPT_ABANDON_AFTER_MS)) return;
            // (a cell whose thread has not started yet, waiting for JShell's start-up, ends by itself)
            if (!cell.finished() && cell.mainThread() != null) {
                // The cell's own thread cannot be stopped: abandon its JShell session; threads
                // left behind stay blocked (reported in the log).
                rebuildEvaluator = true;
                cell.finish(Outcome.keyboardInterrupt());
            }
            java.lang.Thread[] left = cell.threads();
            if (left.length > 0) log.println("pyconcurrent kernel: " + left.length + " thread(s) of an interrupted cell could not be stopped");
        } catch (InterruptedException e) {
            java.lang.Thread.currentThread().interrupt();   // kernel shutting down
        }
    }

    /** Waits until the cell has ended and every thread it started is gone; false on timeout. */
    private static boolean awaitEnd(Cell cell, long ms) throws InterruptedException {
        long deadline = System.nanoTime() + ms * 1_000_000L;
        while (System.nanoTime() < deadline) {
            if (cell.finished() && cell.threads().length == 0) return true;
            java.lang.Thread.sleep(10);
        }
        return false;
    }

    /** Publishes a MIME bundle for the cell the calling thread belongs to (or the one running now). */
    void display(Map<String, Object> data, Map<String, Object> metadata) {
        Cell own = router.cellOf(java.lang.Thread.currentThread());
        Running r = running;
        Cell now = r == null ? null : r.cell();
        Cell target = own != null && own.running() ? own : now != null ? now : own;
        if (target != null) target.sink().flush();
        JsonObject c = new JsonObject();
        c.add("data", Message.tree(data));
        c.add("metadata", Message.tree(metadata));
        c.add("transient", new JsonObject());
        publisher.publish(target == null ? null : target.parentHeader(), "display_data", c);
    }
}
