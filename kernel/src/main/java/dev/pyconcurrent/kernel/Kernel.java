package dev.pyconcurrent.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.Traceback;
import dev.pyconcurrent.threading.Threading;
import dev.pyconcurrent.kernel.wire.Channel;
import dev.pyconcurrent.kernel.wire.ConnectionInfo;
import dev.pyconcurrent.kernel.wire.Message;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The pyconcurrent Jupyter kernel. One I/O thread owns every ZeroMQ socket (shell, control, stdin,
 * iopub) and never runs user code, so control requests (interrupt, shutdown) and the heartbeat are
 * answered while a cell runs or hangs. Cells run one after another on the execution thread, each on
 * its own thread in a fresh thread group; completion, inspection and is_complete run on an analysis
 * thread. Replies and published messages from any thread go through an outbox the I/O thread drains.
 */
public final class Kernel implements Publisher {
    static final String IMPLEMENTATION = "pyconcurrent";
    static final String VERSION = "0.1.0";
    /** System property naming the directory that holds every loaded snippet class (a class path entry). */
    public static final String SNIPPET_CLASS_PATH = "pyconcurrent.kernel.snippetClassPath";
    private static final int SHELL = 0, CONTROL = 1, STDIN = 2, IOPUB = 3;
    private static final long INTERRUPT_ABANDON_AFTER_MS = 1500;

    private record Out(int socket, Message message) {}

    private final ConnectionInfo info;
    private final Channel codec;
    private final ZContext zmq = new ZContext(1);
    private final ZMQ.Socket[] sockets = new ZMQ.Socket[4];
    private ZMQ.Socket hb;
    private ZMQ.Socket wakeOut;
    private ZMQ.Socket wakeIn;
    private final ConcurrentLinkedQueue<Out> outbox = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Runnable> ioTasks = new ConcurrentLinkedQueue<>();
    private final String session = UUID.randomUUID().toString();
    private final PrintStream log;
    private final OutputRouter router;
    private final ExecutorService exec;
    private final ExecutorService analysis;
    private final CompletableFuture<Evaluator> evaluatorReady = new CompletableFuture<>();
    private volatile Evaluator evaluator;
    private volatile boolean rebuildEvaluator;
    private volatile Cell running;
    private volatile CompletableFuture<String> pendingInput;
    private volatile boolean stopping;
    private volatile java.lang.Thread ioThread;
    private final AtomicLong received = new AtomicLong();
    private volatile long abortThrough = -1;
    private final AtomicInteger cellNumber = new AtomicInteger();
    private int executionCount;
    private final List<String[]> history = new ArrayList<>();
    private final Path snippetDir;
    private final String classPath;

    public Kernel(ConnectionInfo info, PrintStream log) throws IOException {
        this.info = info;
        this.codec = new Channel(info.signatureScheme(), info.key());
        this.log = log;
        this.router = new OutputRouter(this);
        this.snippetDir = Files.createTempDirectory("pyconcurrent-snippets-");
        Runtime.getRuntime().addShutdownHook(new java.lang.Thread(() -> deleteTree(snippetDir), "pyconcurrent-cleanup"));
        // Where the snippet classes are written, for a child JVM's class path (multiprocessing).
        System.setProperty(SNIPPET_CLASS_PATH, snippetDir.toString());
        this.classPath = classPathOf(Py.class, Kernel.class);
        this.exec = Executors.newSingleThreadExecutor(r -> daemon(r, "pyconcurrent-exec"));
        this.analysis = Executors.newSingleThreadExecutor(r -> daemon(r, "pyconcurrent-analysis"));
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
        }
    }

    private static java.lang.Thread daemon(Runnable r, String name) {
        java.lang.Thread t = new java.lang.Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    static String classPathOf(Class<?>... classes) {
        List<String> parts = new ArrayList<>();
        for (Class<?> c : classes) {
            try {
                String p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
                if (!parts.contains(p)) parts.add(p);
            } catch (Exception e) {
                // fall back to the JVM's class path below
            }
        }
        return parts.isEmpty() ? System.getProperty("java.class.path") : String.join(java.io.File.pathSeparator, parts);
    }

    /** Binds the sockets (a port of 0 = any free port) and returns the connection info with the bound ports. */
    public ConnectionInfo bind() {
        int[] ports = new int[5];
        int[] wanted = {info.shellPort(), info.controlPort(), info.stdinPort(), info.iopubPort(), info.hbPort()};
        SocketType[] types = {SocketType.ROUTER, SocketType.ROUTER, SocketType.ROUTER, SocketType.PUB};
        for (int i = 0; i < 4; i++) {
            sockets[i] = zmq.createSocket(types[i]);
            sockets[i].setLinger(1000);
            ports[i] = bindOne(sockets[i], wanted[i]);
        }
        sockets[IOPUB].setSndHWM(100_000);
        hb = zmq.createSocket(SocketType.REP);
        ports[4] = bindOne(hb, wanted[4]);
        String wake = "inproc://pyconcurrent-wake-" + UUID.randomUUID();
        wakeIn = zmq.createSocket(SocketType.PULL);
        wakeIn.bind(wake);
        wakeOut = zmq.createSocket(SocketType.PUSH);
        wakeOut.connect(wake);
        return info.withPorts(ports[0], ports[3], ports[2], ports[1], ports[4]);
    }

    private int bindOne(ZMQ.Socket s, int port) {
        if (port == 0) return s.bindToRandomPort(info.transport() + "://" + info.ip());
        s.bind(info.address(port));
        return port;
    }

    /** Runs the kernel until a shutdown request; the heartbeat and start-up happen on their own threads. */
    public void serve() {
        System.setOut(router.out);
        System.setErr(router.err);
        System.setIn(router.in);
        ExitGuard.install(router, log);
        Display.sink = this::display;
        Signals.onInterrupt(this::interrupt, log);
        watchParent();
        java.lang.Thread heart = daemon(this::heartbeat, "pyconcurrent-heartbeat");
        heart.start();
        publish(null, "status", status("starting"));
        exec.submit(() -> {
            try {
                evaluator = newEvaluator();
                evaluatorReady.complete(evaluator);
            } catch (Throwable t) {
                log.println("pyconcurrent kernel: cannot start JShell: " + t);
                t.printStackTrace(log);
                evaluatorReady.completeExceptionally(t);
            }
        });
        ioThread = java.lang.Thread.currentThread();
        ioLoop();
    }

    /** Exits when the process that started the kernel ({@code JPY_PARENT_PID}, set by jupyter_client and KernelClient) is gone. */
    private void watchParent() {
        String pid = System.getenv("JPY_PARENT_PID");
        if (pid == null || pid.isBlank()) return;
        try {
            ProcessHandle.of(Long.parseLong(pid.trim())).ifPresentOrElse(
                    p -> p.onExit().thenRun(() -> {
                        log.println("pyconcurrent kernel: parent process " + pid + " exited; shutting down");
                        deleteTree(snippetDir);
                        Runtime.getRuntime().halt(0);
                    }),
                    () -> log.println("pyconcurrent kernel: parent process " + pid + " not found"));
        } catch (NumberFormatException e) {
            log.println("pyconcurrent kernel: ignoring JPY_PARENT_PID=" + pid);
        }
    }

    private Evaluator newEvaluator() {
        List<String> imports = StartupImports.statements(Kernel.class.getClassLoader(), Py.class);
        return new Evaluator(snippetDir, classPath, imports, log);
    }

    // ------------------------------------------------------------------ I/O thread

    private void ioLoop() {
        ZMQ.Poller poller = zmq.createPoller(4);
        int iControl = poller.register(sockets[CONTROL], ZMQ.Poller.POLLIN);
        int iShell = poller.register(sockets[SHELL], ZMQ.Poller.POLLIN);
        int iStdin = poller.register(sockets[STDIN], ZMQ.Poller.POLLIN);
        int iWake = poller.register(wakeIn, ZMQ.Poller.POLLIN);
        while (!stopping) {
            try {
                drainOutbox();
                if (poller.poll(1000) < 0) break;
                if (poller.pollin(iWake)) while (wakeIn.recv(ZMQ.DONTWAIT) != null) { /* drain */ }
                if (poller.pollin(iControl)) receive(CONTROL);
                if (poller.pollin(iShell)) receive(SHELL);
                if (poller.pollin(iStdin)) receive(STDIN);
                if (!ioTasks.isEmpty()) {
                    // a task sees every request already waiting on the shell socket (stop_on_error)
                    while (receive(SHELL)) { /* take all */ }
                    Runnable task;
                    while ((task = ioTasks.poll()) != null) task.run();
                }
            } catch (VirtualMachineError e) {
                // e.g. OutOfMemoryError caused by a cell: the cell's garbage goes, the kernel stays
                log.println("pyconcurrent kernel: I/O loop survived " + e);
            }
        }
        drainOutbox();
        poller.close();
    }

    /** Receives and handles one message; false when none was waiting. */
    private boolean receive(int socket) {
        Message m;
        try {
            m = codec.receiveNow(sockets[socket]);
        } catch (Channel.BadMessage e) {
            log.println("pyconcurrent kernel: dropped a message on " + channelName(socket) + ": " + e.getMessage());
            return true;
        }
        if (m == null) return false;
        try {
            if (socket == STDIN) onStdin(m);
            else handle(socket, m);
        } catch (RuntimeException | Error e) {
            log.println("pyconcurrent kernel: error handling " + m.msgType() + ": " + e);
            e.printStackTrace(log);
        }
        return true;
    }

    /**
     * After a failed cell with stop_on_error: every execute request that reached the kernel
     * before the error (including those still waiting on the socket) is answered "aborted".
     */
    private void abortQueued() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ioTasks.add(() -> {
            abortThrough = received.get();
            done.complete(null);
        });
        wake();
        try {
            done.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            abortThrough = received.get();
        }
    }

    private static String channelName(int socket) {
        return switch (socket) {
            case SHELL -> "shell";
            case CONTROL -> "control";
            case STDIN -> "stdin";
            default -> "iopub";
        };
    }

    private void drainOutbox() {
        Out o;
        while ((o = outbox.poll()) != null) {
            try {
                codec.send(sockets[o.socket], o.message);
            } catch (RuntimeException e) {
                log.println("pyconcurrent kernel: cannot send " + o.message.msgType() + ": " + e);
            }
        }
    }

    private void send(int socket, Message m) {
        outbox.add(new Out(socket, m));
        if (java.lang.Thread.currentThread() != ioThread) wake();
    }

    private void wake() {
        synchronized (wakeOut) {
            wakeOut.send(new byte[] {1}, ZMQ.DONTWAIT);
        }
    }

    private void heartbeat() {
        while (!stopping) {
            try {
                byte[] ping = hb.recv();
                if (ping == null) continue;
                hb.send(ping);
            } catch (VirtualMachineError e) {
                log.println("pyconcurrent kernel: heartbeat survived " + e);
            } catch (RuntimeException e) {
                if (!stopping) log.println("pyconcurrent kernel: heartbeat: " + e);
                return;
            }
        }
    }

    // ------------------------------------------------------------------ requests

    private void handle(int socket, Message m) {
        String type = m.msgType();
        if (type.equals("execute_request") && socket == SHELL) {
            long seq = received.incrementAndGet();
            exec.submit(() -> {
                try {
                    execute(m, seq);
                } catch (Throwable t) {
                    log.println("pyconcurrent kernel: execute failed: " + t);
                    t.printStackTrace(log);
                }
            });
            return;
        }
        switch (type) {
            case "complete_request", "inspect_request", "is_complete_request" -> {
                publish(m.header, "status", status("busy"));
                analysis.submit(() -> analyse(socket, m));
                return;
            }
            default -> { }
        }
        publish(m.header, "status", status("busy"));
        try {
            switch (type) {
                case "kernel_info_request" -> send(socket, Message.reply(m, "kernel_info_reply", kernelInfo()));
                case "interrupt_request" -> {
                    interrupt();
                    send(socket, Message.reply(m, "interrupt_reply", ok()));
                }
                case "shutdown_request" -> {
                    JsonObject c = ok();
                    c.addProperty("restart", Message.bool(m.content, "restart", false));
                    send(socket, Message.reply(m, "shutdown_reply", c));
                    publish(m.header, "shutdown_reply", c);
                    stopping = true;
                }
                case "history_request" -> send(socket, Message.reply(m, "history_reply", history(m.content)));
                case "comm_info_request" -> {
                    JsonObject c = ok();
                    c.add("comms", new JsonObject());
                    send(socket, Message.reply(m, "comm_info_reply", c));
                }
                case "comm_open" -> {
                    // No comm targets: answer an open with a close, as the spec asks.
                    JsonObject c = new JsonObject();
                    c.addProperty("comm_id", Message.str(m.content, "comm_id", ""));
                    c.add("data", new JsonObject());
                    publish(m.header, "comm_close", c);
                }
                case "comm_msg", "comm_close" -> { }
                default -> {
                    log.println("pyconcurrent kernel: unknown message type " + type + " on " + channelName(socket));
                    if (type.endsWith("_request")) {
                        JsonObject c = error("UnknownMessageType", "unknown message type " + type, List.of());
                        send(socket, Message.reply(m, type.substring(0, type.length() - "_request".length()) + "_reply", c));
                    }
                }
            }
        } finally {
            publish(m.header, "status", status("idle"));
        }
    }

    private void analyse(int socket, Message m) {
        String type = m.msgType();
        JsonObject c = m.content;
        String code = Message.str(c, "code", "");
        try {
            Evaluator ev = evaluatorReady.get(30, TimeUnit.SECONDS);
            ev = evaluator == null ? ev : evaluator;
            Evaluator e = ev;
            int cursor = Message.integer(c, "cursor_pos", code.codePointCount(0, code.length()));
            JsonObject reply = switch (type) {
                case "complete_request" -> e.analyse(() -> e.complete(code, cursor));
                case "inspect_request" -> e.analyse(() -> e.inspect(code, cursor, Message.integer(c, "detail_level", 0)));
                default -> e.analyse(() -> e.isComplete(code));
            };
            if (reply == null) reply = busyReply(type, code);
            send(socket, Message.reply(m, type.replace("_request", "_reply"), reply));
        } catch (Exception | Error x) {
            log.println("pyconcurrent kernel: " + type + " failed: " + x);
            send(socket, Message.reply(m, type.replace("_request", "_reply"), busyReply(type, code)));
        } finally {
            publish(m.header, "status", status("idle"));
        }
    }

    /** The answer while a cell holds JShell: nothing found / unknown, never a wait behind the cell. */
    private static JsonObject busyReply(String type, String code) {
        JsonObject r = ok();
        switch (type) {
            case "complete_request" -> {
                r.add("matches", new JsonArray());
                int n = code.codePointCount(0, code.length());
                r.addProperty("cursor_start", n);
                r.addProperty("cursor_end", n);
                r.add("metadata", new JsonObject());
            }
            case "inspect_request" -> {
                r.addProperty("found", false);
                r.add("data", new JsonObject());
                r.add("metadata", new JsonObject());
            }
            default -> r.addProperty("status", "unknown");
        }
        return r;
    }

    private void onStdin(Message m) {
        if (!m.msgType().equals("input_reply")) {
            log.println("pyconcurrent kernel: unexpected " + m.msgType() + " on stdin");
            return;
        }
        CompletableFuture<String> f = pendingInput;
        if (f != null) f.complete(Message.str(m.content, "value", ""));
    }

    @Override
    public String requestInput(List<byte[]> identities, JsonObject parentHeader, String prompt, boolean password)
            throws InterruptedException {
        CompletableFuture<String> f = new CompletableFuture<>();
        pendingInput = f;
        JsonObject c = new JsonObject();
        c.addProperty("prompt", prompt);
        c.addProperty("password", password);
        Message req = Message.publish(parentHeader, session, "input_request", c);
        send(STDIN, new Message(identities, req.header, parentHeader, null, c, null));
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InterruptedException ie) throw ie;   // the cell was interrupted
            return null;
        } finally {
            pendingInput = null;
        }
    }

    // ------------------------------------------------------------------ execute

    /** With PYCONCURRENT_KERNEL_TRACE set, the kernel logs each cell's queueing and running time. */
    static final boolean TRACE = System.getenv("PYCONCURRENT_KERNEL_TRACE") != null;
    private void execute(Message m, long seq) {
        long tStart = System.nanoTime();
        JsonObject c = m.content;
        publish(m.header, "status", status("busy"));
        try {
            String code = Message.str(c, "code", "");
            boolean silent = Message.bool(c, "silent", false);
            boolean storeHistory = !silent && Message.bool(c, "store_history", true);
            boolean allowStdin = Message.bool(c, "allow_stdin", true);
            boolean stopOnError = Message.bool(c, "stop_on_error", true);
            if (seq <= abortThrough) {
                JsonObject r = new JsonObject();
                r.addProperty("status", "aborted");
                r.addProperty("execution_count", executionCount);
                send(SHELL, Message.reply(m, "execute_reply", r));
                return;
            }
            if (storeHistory) {
                executionCount++;
                synchronized (history) {
                    history.add(new String[] {String.valueOf(executionCount), code});
                }
            }
            int count = executionCount;
            // From here on an interrupt reaches this cell, even before its thread starts (it then
            // ends with KeyboardInterrupt before running anything), so a front end may interrupt
            // as soon as it sees execute_input.
            Cell cell = new Cell(cellNumber.incrementAndGet(), m.header, m.identities, allowStdin, router.newSink(m.header));
            running = cell;
            if (!silent) {
                JsonObject in = new JsonObject();
                in.addProperty("code", code);
                in.addProperty("execution_count", count);
                publish(m.header, "execute_input", in);
            }
            Evaluator ev = evaluatorFor();
            Evaluator.Outcome o;
            if (ev == null) {
                running = null;
                o = Evaluator.Outcome.error("RuntimeError", "JShell could not start (see the kernel log)", List.of(), null);
            } else {
                o = runCell(cell, ev, code);
            }
            long tRun = System.nanoTime();
            JsonObject reply;
            if (o.ok()) {
                if (o.hasValue() && !silent) {
                    JsonObject r = new JsonObject();
                    r.addProperty("execution_count", count);
                    JsonObject data = new JsonObject();
                    data.addProperty("text/plain", Evaluator.repr(o.value()));
                    r.add("data", data);
                    r.add("metadata", new JsonObject());
                    publish(m.header, "execute_result", r);
                }
                reply = ok();
                reply.addProperty("execution_count", count);
                reply.add("user_expressions", userExpressions(ev, c));
                reply.add("payload", new JsonArray());
            } else {
                JsonObject err = error(o.ename(), o.evalue(), o.traceback());
                publish(m.header, "error", err);
                reply = err.deepCopy();
                reply.addProperty("execution_count", count);
                reply.add("user_expressions", new JsonObject());
                reply.add("payload", new JsonArray());
                if (stopOnError) abortQueued();
            }
            send(SHELL, Message.reply(m, "execute_reply", reply));
            if (TRACE) log.printf("cell: queued %.1f ms, run %.1f ms, after %.1f ms%n", (tStart - m.receivedAt) / 1e6, (tRun - tStart) / 1e6, (System.nanoTime() - tRun) / 1e6);
        } finally {
            publish(m.header, "status", status("idle"));
        }
    }

    private Evaluator evaluatorFor() {
        try {
            Evaluator ev = evaluatorReady.get();
            if (rebuildEvaluator) {
                rebuildEvaluator = false;
                log.println("pyconcurrent kernel: starting a fresh JShell (the interrupted cell could not be stopped)");
                evaluator = newEvaluator();
            }
            return evaluator == null ? ev : evaluator;
        } catch (InterruptedException | ExecutionException e) {
            return null;
        }
    }

    /** Runs the cell on its own thread in the cell's thread group; returns when it ends or is abandoned. */
    private Evaluator.Outcome runCell(Cell cell, Evaluator ev, String code) {
        router.register(cell);
        router.setCurrent(cell);
        running = cell;
        cell.evaluator = ev;
        java.lang.Thread t = new java.lang.Thread(cell.group, () -> {
            java.lang.Thread.currentThread().setContextClassLoader(ev.classLoader());
            // The cell's thread is Python's main thread, as a notebook's code runs in IPython's.
            Threading.setMainThread(java.lang.Thread.currentThread());
            try {
                cell.result.complete(ev.run(code, cell));
            } catch (Throwable x) {
                cell.result.complete(cell.interrupted ? Evaluator.Outcome.keyboardInterrupt()
                        : Evaluator.Outcome.error(Traceback.name(x), Traceback.message(x),
                        List.of(Traceback.format(x).split("\n")), x));
            }
        }, "MainThread");
        cell.mainThread = t;
        t.start();
        Evaluator.Outcome o;
        try {
            o = cell.result.get();
        } catch (InterruptedException | ExecutionException e) {
            o = Evaluator.Outcome.keyboardInterrupt();
        }
        if (cell.interrupted) {
            // An interrupted cell ends with the threads it started: wait (bounded) until they are gone.
            long deadline = System.nanoTime() + INTERRUPT_ABANDON_AFTER_MS * 1_000_000L;
            for (java.lang.Thread th : cell.threads()) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) break;
                try {
                    th.join(left);
                } catch (InterruptedException e) {
                    break;
                }
            }
        }
        cell.running = false;
        running = null;
        StopPoints.releaseFinished();
        router.setCurrent(null);
        router.flush(cell.sink);
        return o;
    }

    /**
     * Interrupts the running cell: its thread group is marked {@linkplain StopPoints#stop stopped}
     * (the cell's code throws {@code KeyboardInterrupt} at its next stop point: a busy loop, a
     * runaway recursion) and every thread of the group is interrupted (blocking calls of the runtime
     * and the JDK raise {@code KeyboardInterrupt}). A cell still not finished after
     * {@value #INTERRUPT_ABANDON_AFTER_MS} ms (a thread blocked entering a monitor, a loop inside
     * JDK code) is abandoned: the reply is a KeyboardInterrupt and the next cell gets a fresh JShell
     * session.
     */
    void interrupt() {
        Cell cell = running;
        if (cell == null) return;
        cell.interrupted = true;
        StopPoints.stop(cell.group);
        CompletableFuture<String> in = pendingInput;
        // The cell's own thread first: if the threads it waits for ended first, it could finish
        // normally before its own interrupt arrived. It is interrupted only inside the cell's code;
        // while JShell compiles, the stop mark ends the cell at its first stop point instead.
        java.lang.Thread main = cell.mainThread;
        Evaluator ev = cell.evaluator;
        if (main != null && ev != null) ev.interruptIfInSnippet(main);
        for (java.lang.Thread t : cell.threads()) {
            if (t != main) t.interrupt();
        }
        if (in != null) in.completeExceptionally(new InterruptedException());
        java.lang.Thread abandon = daemon(() -> {
            try {
                if (await(cell, INTERRUPT_ABANDON_AFTER_MS)) return;
                // (a cell whose thread has not started yet, waiting for JShell's start-up, ends by itself)
                if (!cell.result.isDone() && cell.mainThread != null) {
                    // The cell's own thread cannot be stopped: abandon its JShell session; threads
                    // left behind stay blocked (reported in the log).
                    rebuildEvaluator = true;
                    cell.result.complete(Evaluator.Outcome.keyboardInterrupt());
                }
                java.lang.Thread[] left = cell.threads();
                if (left.length > 0) log.println("pyconcurrent kernel: " + left.length + " thread(s) of an interrupted cell could not be stopped");
            } catch (InterruptedException ignored) {
                // kernel shutting down
            }
        }, "pyconcurrent-interrupt");
        abandon.start();
    }

    /** Waits until the cell has ended and every thread it started is gone; false on timeout. */
    private static boolean await(Cell cell, long ms) throws InterruptedException {
        long deadline = System.nanoTime() + ms * 1_000_000L;
        while (System.nanoTime() < deadline) {
            if (cell.result.isDone() && cell.threads().length == 0) return true;
            java.lang.Thread.sleep(10);
        }
        return false;
    }

    private JsonObject userExpressions(Evaluator ev, JsonObject content) {
        JsonObject out = new JsonObject();
        JsonElement ue = content.get("user_expressions");
        if (ue == null || !ue.isJsonObject()) return out;
        for (Map.Entry<String, JsonElement> e : ue.getAsJsonObject().entrySet()) {
            String expr = e.getValue().isJsonPrimitive() ? e.getValue().getAsString() : "";
            Cell cell = new Cell(cellNumber.incrementAndGet(), null, List.of(), false, router.newSink(null));
            Evaluator.Outcome o = runCell(cell, ev, expr);
            JsonObject r;
            if (o.ok()) {
                r = ok();
                JsonObject data = new JsonObject();
                data.addProperty("text/plain", o.hasValue() ? Evaluator.repr(o.value()) : "None");
                r.add("data", data);
                r.add("metadata", new JsonObject());
            } else {
                r = error(o.ename(), o.evalue(), o.traceback());
            }
            out.add(e.getKey(), r);
        }
        return out;
    }

    // ------------------------------------------------------------------ content builders

    private void display(Map<String, Object> data, Map<String, Object> metadata) {
        java.lang.Thread t = java.lang.Thread.currentThread();
        Cell own = router.cellOf(t);
        Cell now = running;
        Cell target = own != null && own.running ? own : now != null ? now : own;
        OutputRouter.Sink sink = target == null ? null : target.sink;
        if (sink != null) router.flush(sink);
        JsonObject c = new JsonObject();
        c.add("data", Message.tree(data));
        c.add("metadata", Message.tree(metadata));
        c.add("transient", new JsonObject());
        publish(target == null ? null : target.parentHeader, "display_data", c);
    }

    @Override
    public void publish(JsonObject parentHeader, String msgType, JsonObject content) {
        send(IOPUB, Message.publish(parentHeader, session, msgType, content));
    }

    private static JsonObject status(String state) {
        JsonObject c = new JsonObject();
        c.addProperty("execution_state", state);
        return c;
    }

    private static JsonObject ok() {
        JsonObject c = new JsonObject();
        c.addProperty("status", "ok");
        return c;
    }

    private static JsonObject error(String ename, String evalue, List<String> traceback) {
        JsonObject c = new JsonObject();
        c.addProperty("status", "error");
        c.addProperty("ename", ename);
        c.addProperty("evalue", evalue);
        c.add("traceback", Text.array(traceback));
        return c;
    }

    static JsonObject kernelInfo() {
        JsonObject c = ok();
        c.addProperty("protocol_version", Message.PROTOCOL_VERSION);
        c.addProperty("implementation", IMPLEMENTATION);
        c.addProperty("implementation_version", VERSION);
        JsonObject li = new JsonObject();
        li.addProperty("name", "java");
        li.addProperty("version", Runtime.version().toString());
        li.addProperty("mimetype", "text/x-java");
        li.addProperty("file_extension", ".java");
        li.addProperty("pygments_lexer", "java");
        li.addProperty("codemirror_mode", "text/x-java");
        li.addProperty("nbconvert_exporter", "script");
        c.add("language_info", li);
        c.addProperty("banner", "Java " + Runtime.version() + " (JShell) with pyconcurrent " + VERSION
                + ": Python's concurrent-execution library for Java");
        c.addProperty("debugger", false);
        JsonArray links = new JsonArray();
        links.add(link("pyconcurrent", "https://github.com/pyconcurrent/pyconcurrent"));
        links.add(link("Java SE API", "https://docs.oracle.com/en/java/javase/17/docs/api/"));
        links.add(link("JShell", "https://docs.oracle.com/en/java/javase/17/jshell/"));
        c.add("help_links", links);
        return c;
    }

    private static JsonObject link(String text, String url) {
        JsonObject l = new JsonObject();
        l.addProperty("text", text);
        l.addProperty("url", url);
        return l;
    }

    private JsonObject history(JsonObject c) {
        String access = Message.str(c, "hist_access_type", "tail");
        List<String[]> sel = new ArrayList<>();
        List<String[]> all;
        synchronized (history) {
            all = new ArrayList<>(history);
        }
        switch (access) {
            case "range" -> {
                int start = Message.integer(c, "start", 1);
                int stop = Message.integer(c, "stop", Integer.MAX_VALUE);
                for (String[] h : all) {
                    int n = Integer.parseInt(h[0]);
                    if (n >= start && n < stop) sel.add(h);
                }
            }
            case "search" -> {
                Pattern p = globPattern(Message.str(c, "pattern", "*"));
                boolean unique = Message.bool(c, "unique", false);
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (String[] h : all) {
                    if (!p.matcher(h[1]).matches()) continue;
                    if (unique && !seen.add(h[1])) continue;
                    sel.add(h);
                }
                int n = Message.integer(c, "n", sel.size());
                sel = sel.subList(Math.max(0, sel.size() - n), sel.size());
            }
            default -> {
                int n = Message.integer(c, "n", all.size());
                sel = all.subList(Math.max(0, all.size() - n), all.size());
            }
        }
        JsonArray out = new JsonArray();
        for (String[] h : sel) {
            JsonArray e = new JsonArray();
            e.add(1);
            e.add(Integer.parseInt(h[0]));
            e.add(h[1]);
            out.add(e);
        }
        JsonObject r = ok();
        r.add("history", out);
        return r;
    }

    private static Pattern globPattern(String glob) {
        StringBuilder sb = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            switch (ch) {
                case '*' -> sb.append(".*");
                case '?' -> sb.append('.');
                default -> sb.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(sb.toString(), Pattern.DOTALL);
    }

    /** Closes the sockets; the caller exits the JVM. */
    void close() {
        stopping = true;
        exec.shutdownNow();
        analysis.shutdownNow();
        try {
            zmq.close();
        } catch (RuntimeException ignored) {
        }
    }

    static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }
}
