package dev.pyconcurrent.kernel;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.kernel.wire.ConnectionInfo;
import dev.pyconcurrent.kernel.wire.Message;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The pyconcurrent Jupyter kernel: dispatches each request to where it is handled. The socket side
 * ({@link Sockets}) never runs user code, so control requests (interrupt, shutdown) and the
 * heartbeat are answered while a cell runs or hangs. Cells run one after another on the main
 * shell's thread ({@link CellRunner}), or on a subshell's ({@link Shell}, JEP 91) beside it;
 * completion, inspection and is_complete run on an analysis thread.
 */
public final class Kernel {
    /**
     * System property naming the directory that holds every snippet class the current JShell
     * session loaded (a class path entry for child JVMs); set when a session starts.
     */
    public static final String SNIPPET_CLASS_PATH = "pyconcurrent.kernel.snippetClassPath";
    /**
     * The largest request content the kernel reads (1 MiB of JSON: a cell of about a million
     * characters). A larger one is answered with an error and its JSON is never parsed: a 50 MB
     * cell took 87 s to compile and left the JVM at 4.4 GB.
     */
    static final int MAX_REQUEST_BYTES = 1 << 20;

    private final Sockets sockets;
    private final PrintStream log;
    private final OutputRouter router;
    private final CellRunner runner;
    private final History history = new History();
    private final Shell mainShell = new Shell(null);
    /** The subshells by id, in creation order. */
    private final Map<String, Shell> subshells = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());
    private final Usage usage = new Usage();
    private final ExecutorService analysis = Executors.newSingleThreadExecutor(r -> daemon(r, "pyconcurrent-analysis"));
    private final Path snippetRoot;

    public Kernel(ConnectionInfo info, PrintStream log) throws IOException {
        this.log = log;
        this.sockets = new Sockets(info, log);
        this.router = new OutputRouter(sockets);
        // Where the snippet classes are written, for a child JVM's class path (multiprocessing).
        this.snippetRoot = Files.createTempDirectory("pyconcurrent-snippets-");
        Runtime.getRuntime().addShutdownHook(new java.lang.Thread(() -> deleteTree(snippetRoot), "pyconcurrent-cleanup"));
        this.runner = new CellRunner(router, sockets, log, snippetRoot);
    }

    static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
        }
    }

    static java.lang.Thread daemon(Runnable r, String name) {
        java.lang.Thread t = new java.lang.Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Binds the sockets (a port of 0 = any free port) and returns the connection info with the bound ports. */
    public ConnectionInfo bind() {
        return sockets.bind();
    }

    /** Runs the kernel until a shutdown request; the heartbeat and start-up happen on their own threads. */
    public void serve() {
        System.setOut(router.out);
        System.setErr(router.err);
        System.setIn(router.in);
        ExitGuard.install(router, log);
        Display.sink = runner::display;
        Signals.onInterrupt(runner::interrupt, log);
        MemoryGuard.install(runner::cellRunning, runner::stopForMemory);
        watchParent();
        sockets.publish(null, "status", Replies.status("starting"));
        daemon(runner::startSession, "pyconcurrent-jshell-start").start();
        sockets.loop(this::handle);
    }

    /** Exits when the process that started the kernel ({@code JPY_PARENT_PID}, set by jupyter_client and KernelClient) is gone. */
    private void watchParent() {
        String pid = System.getenv("JPY_PARENT_PID");
        if (pid == null || pid.isBlank()) return;
        try {
            ProcessHandle.of(Long.parseLong(pid.trim())).ifPresentOrElse(
                    p -> p.onExit().thenRun(() -> {
                        log.println("pyconcurrent kernel: parent process " + pid + " exited; shutting down");
                        ChildProcesses.terminateAll(log);
                        deleteTree(snippetRoot);
                        Runtime.getRuntime().halt(0);
                    }),
                    () -> log.println("pyconcurrent kernel: parent process " + pid + " not found"));
        } catch (NumberFormatException e) {
            log.println("pyconcurrent kernel: ignoring JPY_PARENT_PID=" + pid);
        }
    }

    // ------------------------------------------------------------------ dispatch (I/O thread)

    private void handle(int socket, Message m) {
        String type = m.msgType();
        Shell shell = shellOf(m);
        if (type.equals("execute_request") && socket == Sockets.SHELL && shell != null) {
            long seq = shell.received.incrementAndGet();
            shell.submit(() -> start(shell, m, seq));
            return;
        }
        sockets.publish(m.header, "status", Replies.status("busy"));
        String tooLarge = tooLarge(m);
        if (tooLarge == null && (type.equals("complete_request") || type.equals("inspect_request") || type.equals("is_complete_request"))) {
            analysis.submit(() -> analyse(socket, m));
            return;
        }
        try {
            if (tooLarge != null) throw new ValueError(tooLarge);
            if (shell == null) throw new dev.pyconcurrent.builtins.KeyError("no subshell " + Message.str(m.header, "subshell_id", ""));
            switch (type) {
                case "kernel_info_request" -> reply(socket, m, Replies.kernelInfo());
                case "create_subshell_request" -> reply(socket, m, createSubshell());
                case "delete_subshell_request" -> reply(socket, m, deleteSubshell(Message.str(m.content, "subshell_id", "")));
                case "list_subshell_request" -> {
                    JsonObject c = Replies.ok();
                    synchronized (subshells) {
                        c.add("subshell_id", Text.array(subshells.keySet()));
                    }
                    reply(socket, m, c);
                }
                case "usage_request" -> reply(socket, m, usage.reply());
                case "interrupt_request" -> {
                    runner.interrupt();
                    reply(socket, m, Replies.ok());
                }
                case "shutdown_request" -> {
                    JsonObject c = Replies.ok();
                    c.addProperty("restart", Message.bool(m.content, "restart", false));
                    reply(socket, m, c);
                    sockets.publish(m.header, "shutdown_reply", c);
                    sockets.stop();
                }
                case "history_request" -> reply(socket, m, history.reply(m.content));
                case "comm_info_request" -> {
                    JsonObject c = Replies.ok();
                    c.add("comms", new JsonObject());
                    reply(socket, m, c);
                }
                case "comm_open" -> {
                    // No comm targets: answer an open with a close, as the spec asks.
                    JsonObject c = new JsonObject();
                    c.addProperty("comm_id", Message.str(m.content, "comm_id", ""));
                    c.add("data", new JsonObject());
                    sockets.publish(m.header, "comm_close", c);
                }
                case "comm_msg", "comm_close" -> { }
                default -> {
                    log.println("pyconcurrent kernel: unknown message type " + type + " on " + Sockets.channelName(socket));
                    if (type.endsWith("_request")) {
                        reply(socket, m, Replies.error("UnknownMessageType", "unknown message type " + type, List.of()));
                    }
                }
            }
        } catch (RuntimeException | Error x) {
            // a bad field or the kernel's own failure: every request gets an answer
            log.println("pyconcurrent kernel: " + type + " failed: " + x);
            if (type.endsWith("_request")) reply(socket, m, Replies.error(Outcome.raised(x)));
        } finally {
            sockets.publish(m.header, "status", Replies.status("idle"));
        }
    }

    /** The shell a request is for: the main shell, or the subshell its header names; null if no such subshell. */
    private Shell shellOf(Message m) {
        JsonElement id = m.header.get("subshell_id");
        if (id == null || id.isJsonNull()) return mainShell;
        return subshells.get(id.isJsonPrimitive() ? id.getAsString() : "");
    }

    private JsonObject createSubshell() {
        Shell s = new Shell(java.util.UUID.randomUUID().toString());
        subshells.put(s.id, s);
        JsonObject c = Replies.ok();
        c.addProperty("subshell_id", s.id);
        return c;
    }

    /** Deletes a subshell: it takes no more requests; a cell it runs now finishes (or is interrupted) first. */
    private JsonObject deleteSubshell(String id) {
        if (subshells.remove(id) == null) throw new dev.pyconcurrent.builtins.KeyError("no subshell " + id);
        return Replies.ok();
    }

    private void reply(int socket, Message request, JsonObject content) {
        sockets.send(socket, Message.reply(request, Replies.replyType(request.msgType()), content));
    }

    // ------------------------------------------------------------------ analysis thread

    private void analyse(int socket, Message m) {
        String type = m.msgType();
        JsonObject c = m.content;
        String code = Message.str(c, "code", "");
        try {
            Evaluator e = runner.sessionForAnalysis();
            int cursor = Message.integer(c, "cursor_pos", code.codePointCount(0, code.length()));
            JsonObject reply = switch (type) {
                case "complete_request" -> e.analyse(() -> e.complete(code, cursor));
                case "inspect_request" -> e.analyse(() -> e.inspect(code, cursor, Message.integer(c, "detail_level", 0)));
                default -> e.analyse(() -> e.isComplete(code));
            };
            reply(socket, m, reply == null ? Replies.busy(type, code) : reply);
        } catch (Exception | Error x) {
            log.println("pyconcurrent kernel: " + type + " failed: " + x);
            reply(socket, m, Replies.busy(type, code));
        } finally {
            sockets.publish(m.header, "status", Replies.status("idle"));
        }
    }

    // ------------------------------------------------------------------ the cells' threads

    /**
     * Starts an execute request, its shell's turn having come. The thread that starts it (mostly
     * the I/O thread) queues its busy status and its input, which the I/O thread then sends with
     * no wake-up, and hands the request to its cell's thread, which runs the code, or answers a
     * request refused without running (aborted, too large).
     */
    private void start(Shell shell, Message m, long seq) {
        Cell.Ahead thread;
        try {
            if (CellTrace.ON && shell.isMain()) CellTrace.begin(m.msgId(), m.receivedAt);
            sockets.publish(m.header, "status", Replies.status("busy"));
            thread = runner.cellThread(shell.isMain());
        } catch (RuntimeException | Error x) {
            // answered here, so the shell goes on to its next request
            log.println("pyconcurrent kernel: cannot start a cell: " + x);
            answer(shell, m, Replies.executeError(shell.executionCount, Outcome.raised(x)));
            return;
        }
        thread.run(cellOf(shell, m, seq, thread));
    }

    /** What the request's cell thread does; for code to run, its count taken and its input published first. */
    private Runnable cellOf(Shell shell, Message m, long seq, Cell.Ahead thread) {
        try {
            if (seq <= shell.abortThrough) return () -> answer(shell, m, Replies.aborted());
            String tooLarge = tooLarge(m);
            if (tooLarge != null) return () -> refuse(shell, m, tooLarge);
            JsonObject c = m.content;
            boolean silent = Message.bool(c, "silent", false);
            if (!silent && Message.bool(c, "store_history", true)) {
                shell.executionCount++;
                if (shell.isMain()) history.add(shell.executionCount, Message.str(c, "code", ""));
            }
            int count = shell.executionCount;
            if (!silent) {
                JsonObject in = new JsonObject();
                in.addProperty("code", Message.str(c, "code", ""));
                in.addProperty("execution_count", count);
                sockets.publish(m.header, "execute_input", in);
            }
            return () -> execute(shell, m, count, thread);
        } catch (RuntimeException | Error x) {
            return () -> failed(shell, m, x);
        }
    }

    /** A request too large to parse, refused as a cell that failed at once. */
    private void refuse(Shell shell, Message m, String tooLarge) {
        Outcome o = Outcome.error("ValueError", tooLarge, List.of("ValueError: " + tooLarge));
        sockets.publish(m.header, "error", Replies.error(o));
        abortQueued(shell);
        answer(shell, m, Replies.executeError(shell.executionCount, o));
    }

    /**
     * Runs an execute request's code on its cell's thread. The thread that ends the cell (this one,
     * or the one that abandons a cell that cannot be stopped) publishes its result, answers it and
     * starts the shell's next request.
     */
    private void execute(Shell shell, Message m, int count, Cell.Ahead thread) {
        try {
            Cell cell = runner.begin(m, Message.bool(m.content, "allow_stdin", true), shell.isMain(), thread);
            Evaluator ev = runner.sessionForCell();
            if (ev == null) {
                runner.cancel(cell, shell.isMain());
                ended(shell, m, null, count, Outcome.error("RuntimeError", "JShell could not start (see the kernel log)", List.of()));
            } else {
                runner.runHere(cell, ev, Message.str(m.content, "code", ""), shell.isMain(), o -> ended(shell, m, ev, count, o));
            }
        } catch (RuntimeException | Error x) {
            // the kernel's own failure before the cell ran: the request still gets its answer
            failed(shell, m, x);
        }
    }

    /** After the cell: its result or error published, then its reply. */
    private void ended(Shell shell, Message m, Evaluator ev, int count, Outcome o) {
        answer(shell, m, () -> {
            JsonObject c = m.content;
            if (!o.ok()) {
                sockets.publish(m.header, "error", Replies.error(o));
                if (Message.bool(c, "stop_on_error", true)) abortQueued(shell);
                return Replies.executeError(count, o);
            }
            if (o.hasValue() && !Message.bool(c, "silent", false)) {
                JsonObject r = Replies.data(o.value());
                r.addProperty("execution_count", count);
                sockets.publish(m.header, "execute_result", r);
                if (Message.bool(c, "store_history", true) && shell.isMain()) {
                    history.output(count, r.getAsJsonObject("data").get("text/plain").getAsString());
                }
            }
            return Replies.executeOk(count, userExpressions(shell, ev, c));
        });
    }

    /** The kernel's own failure before the cell ran: the request still gets its answer. */
    private void failed(Shell shell, Message m, Throwable x) {
        log.println("pyconcurrent kernel: execute failed: " + x);
        x.printStackTrace(log);
        answer(shell, m, Replies.executeError(shell.executionCount, Outcome.raised(x)));
    }

    private void answer(Shell shell, Message m, JsonObject reply) {
        answer(shell, m, () -> reply);
    }

    /**
     * Queues what {@code reply} publishes, the reply it returns (an error reply if it throws: the
     * kernel's own failure) and the idle status, waking the I/O thread once for all of them; then
     * starts the shell's next request.
     */
    private void answer(Shell shell, Message m, java.util.function.Supplier<JsonObject> reply) {
        try {
            sockets.batch(() -> {
                JsonObject r;
                try {
                    r = reply.get();
                } catch (RuntimeException | Error x) {
                    log.println("pyconcurrent kernel: execute failed: " + x);
                    x.printStackTrace(log);
                    r = Replies.executeError(shell.executionCount, Outcome.raised(x));
                }
                try {
                    reply(Sockets.SHELL, m, r);
                    if (shell.isMain()) CellTrace.mark(CellTrace.Stage.REPLIED);
                } finally {
                    sockets.publish(m.header, "status", Replies.status("idle"));
                }
            });
        } finally {
            // The main shell's next cell's thread is made now, once this cell's answer has left:
            // made while the cell started, it took a core from the cell's compilation.
            if (shell.isMain()) runner.startAhead();
            shell.done();
        }
    }

    /** Why a request is refused for its size (its content was left unparsed), or null. */
    static String tooLarge(Message m) {
        if (m.contentBytes <= MAX_REQUEST_BYTES) return null;
        return m.msgType() + " too large: " + m.contentBytes + " bytes (the kernel accepts up to " + MAX_REQUEST_BYTES + ")";
    }

    /**
     * After a failed cell with stop_on_error: every execute request that reached the kernel
     * before the error (including those still waiting on the socket) is answered "aborted".
     */
    private void abortQueued(Shell shell) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        sockets.onIoThread(() -> {
            shell.abortThrough = shell.received.get();
            done.complete(null);
        });
        try {
            done.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            shell.abortThrough = shell.received.get();
        }
    }

    private JsonObject userExpressions(Shell shell, Evaluator ev, JsonObject content) {
        JsonObject out = new JsonObject();
        JsonElement ue = content.get("user_expressions");
        if (ue == null || !ue.isJsonObject()) return out;
        for (Map.Entry<String, JsonElement> e : ue.getAsJsonObject().entrySet()) {
            String expr = e.getValue().isJsonPrimitive() ? e.getValue().getAsString() : "";
            Outcome o = runner.run(runner.newCell(null, List.of(), false), ev, expr, shell.isMain());
            JsonObject r;
            if (o.ok()) {
                r = Replies.data(o.hasValue() ? o.value() : null);
                r.addProperty("status", "ok");
            } else {
                r = Replies.error(o);
            }
            out.add(e.getKey(), r);
        }
        return out;
    }

    /** Stops the threads, ends the processes cells started and closes the sockets; the caller exits the JVM. */
    void close() {
        ChildProcesses.terminateAll(log);
        analysis.shutdownNow();
        sockets.close();
    }
}
