package dev.pyconcurrent.kernel.client;

import com.google.gson.JsonObject;
import dev.pyconcurrent.kernel.wire.Channel;
import dev.pyconcurrent.kernel.wire.ConnectionInfo;
import dev.pyconcurrent.kernel.wire.Message;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A small Jupyter client over ZeroMQ with signed messages: starts a pyconcurrent kernel (or connects
 * to any kernel by its connection file), runs cells and collects their iopub output, interrupts,
 * shuts down. A started kernel binds free ports itself and reports them, so kernels started in
 * parallel never race for ports.
 * <pre>{@code
 * try (KernelClient k = KernelClient.start(KernelClient.options())) {
 *     ExecuteResult r = k.execute("Py.print(1 + 1)", Duration.ofSeconds(30));
 *     r.stdout();   // "2\n"
 * }
 * }</pre>
 * {@link #execute} calls are serialized; {@link #interrupt} may be called from any thread.
 */
public final class KernelClient implements AutoCloseable {
    /** How long a channel may stay silent in {@link #waitReady} before its socket is replaced (doubled each time). */
    private static final Duration PATIENCE = Duration.ofSeconds(1);
    /** How long a cell may wait for the kernel to start it (start-up of JShell, earlier cells) on top of its timeout. */
    private static final Duration QUEUE_ALLOWANCE = Duration.ofSeconds(120);

    /** How to start a kernel. */
    public static final class Options {
        private List<String> command;
        private String classPath = System.getProperty("java.class.path");
        private Path jar;
        private final List<String> jvmArgs = new ArrayList<>(KernelCommand.JVM_FLAGS);
        private Duration startupTimeout = Duration.ofSeconds(60);
        private Path workingDirectory;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Function<String, String> input = prompt -> "";
        private final Map<String, String> firstAddress = new LinkedHashMap<>();

        /** The kernel's class path (default: this JVM's), used unless {@link #jar} or {@link #command} is set. */
        public Options classPath(String cp) { this.classPath = cp; return this; }
        /** Runs {@code java -jar jar}. */
        public Options jar(Path jar) { this.jar = jar; return this; }
        /** The whole command; the connection file's path is appended. */
        public Options command(List<String> command) { this.command = List.copyOf(command); return this; }
        /**
         * Adds a JVM option after the kernelspec's ({@link KernelCommand#JVM_FLAGS}), which stay: an
         * option given again overrides the kernelspec's (HotSpot takes the last {@code -XX:}/{@code -Xm…}).
         */
        public Options jvmArg(String arg) { jvmArgs.add(arg); return this; }
        /** Adds JVM options after the kernelspec's, as {@link #jvmArg} does for each. */
        public Options jvmArgs(List<String> args) { jvmArgs.addAll(args); return this; }
        public Options startupTimeout(Duration d) { this.startupTimeout = d; return this; }
        public Options workingDirectory(Path dir) { this.workingDirectory = dir; return this; }
        public Options environment(String name, String value) { environment.put(name, value); return this; }
        /** Answers the kernel's input requests (default: an empty line). */
        public Options input(Function<String, String> answer) { this.input = answer; return this; }
        /**
         * For tests: the client's first {@code channel} socket ("shell" or "iopub") connects to
         * {@code address} instead of the kernel, a peer that never answers, as a socket left without
         * its handshake by jeromq 0.6.0 (see {@link #waitReady}); its replacement connects to the kernel.
         */
        Options firstConnectTo(String channel, String address) { firstAddress.put(channel, address); return this; }

        List<String> commandFor(Path connectionFile) {
            List<String> cmd = new ArrayList<>();
            if (command != null) {
                cmd.addAll(command);
            } else {
                cmd.addAll((jar != null ? KernelCommand.ofJar(jar, jvmArgs) : KernelCommand.ofClassPath(classPath, jvmArgs)).toList());
            }
            cmd.add(connectionFile.toString());
            return cmd;
        }
    }

    public static Options options() { return new Options(); }

    /** A timeout or a failed start: the message says what happened, with the kernel log's tail. */
    public static final class KernelException extends RuntimeException {
        public KernelException(String message) { super(message); }
        public KernelException(String message, Throwable cause) { super(message, cause); }
    }

    private final ZContext zmq = new ZContext(1);
    private final ConnectionInfo info;
    private final Process process;
    private final Path workDir;
    private final Path logFile;
    private final Function<String, String> input;
    private final String session = UUID.randomUUID().toString();
    private final Map<String, String> firstAddress;
    private final ZMQ.Socket control;
    /** Replaced by {@link #waitReady} when silent (with {@link #executeLock} held, as they are used). */
    private ZMQ.Socket shell, stdin, iopub;
    private final Channel shellCodec, controlCodec;
    private final Object executeLock = new Object();
    /**
     * The poller of {@link #execute} (shell, iopub, stdin), made once: a poller opens a selector,
     * and opening one per cell put two system calls and a registration between a request and its
     * first poll. Used only with {@link #executeLock} held; closing the context closes its selector.
     * Invariant: it never holds a closed socket ({@link #open} drops it when it replaces one).
     */
    private ZMQ.Poller executePoller;
    /** The channels whose socket {@link #waitReady} replaced, in order (for tests). */
    private final List<String> reconnected = new ArrayList<>();
    private final Object controlLock = new Object();
    private volatile boolean closed;

    private KernelClient(ConnectionInfo info, Process process, Path workDir, Path logFile, Function<String, String> input,
                         Map<String, String> firstAddress) {
        this.info = info;
        this.process = process;
        this.workDir = workDir;
        this.logFile = logFile;
        this.input = input;
        this.firstAddress = Map.copyOf(firstAddress);
        this.shellCodec = new Channel(info.signatureScheme(), info.key());
        this.controlCodec = new Channel(info.signatureScheme(), info.key());
        openShell();
        control = open(null, SocketType.DEALER, "control", info.controlPort(), null);
        iopub = open(null, SocketType.SUB, "iopub", info.iopubPort(), null);
    }

    /**
     * Connects a new socket for a channel; an {@code old} one is closed (linger 0: its queued
     * messages are dropped) and {@link #executePoller}, which may hold it, with it.
     */
    private ZMQ.Socket open(ZMQ.Socket old, SocketType type, String channel, int port, byte[] identity) {
        if (old != null) {
            if (executePoller != null) executePoller.close();
            executePoller = null;
            zmq.destroySocket(old);
        }
        ZMQ.Socket s = zmq.createSocket(type);
        s.setLinger(0);
        if (identity != null) s.setIdentity(identity);
        if (type == SocketType.SUB) s.subscribe(new byte[0]);
        String kernel = info.address(port);
        s.connect(old == null ? firstAddress.getOrDefault(channel, kernel) : kernel);
        return s;
    }

    /**
     * (Re)connects shell and stdin with a new identity for both: the kernel sends input_request on
     * stdin to the identity a request came from on shell, and a new shell socket must not take an
     * identity the kernel may still hold for the old one.
     */
    private void openShell() {
        byte[] identity = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
        shell = open(shell, SocketType.DEALER, "shell", info.shellPort(), identity);
        stdin = open(stdin, SocketType.DEALER, "stdin", info.stdinPort(), identity);
    }

    /** Starts a kernel with the default options (this JVM's class path). */
    public static KernelClient start() {
        return start(options());
    }

    /** Starts a kernel process and waits until it answers (kernel_info_reply and iopub connected). */
    public static KernelClient start(Options o) {
        Path dir;
        try {
            dir = Files.createTempDirectory("pyconcurrent-kernel-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path conn = dir.resolve("connection.json");
        Path log = dir.resolve("kernel.log");
        ConnectionInfo requested = new ConnectionInfo("tcp", "127.0.0.1", 0, 0, 0, 0, 0, "hmac-sha256",
                UUID.randomUUID().toString());
        Process p;
        try {
            requested.write(conn);
            ProcessBuilder pb = new ProcessBuilder(o.commandFor(conn)).redirectError(log.toFile());
            if (o.workingDirectory != null) pb.directory(o.workingDirectory.toFile());
            pb.environment().putAll(o.environment);
            pb.environment().put("JPY_PARENT_PID", String.valueOf(ProcessHandle.current().pid()));
            p = pb.start();
        } catch (IOException e) {
            throw new KernelException("cannot start the kernel: " + e.getMessage(), e);
        }
        CompletableFuture<ConnectionInfo> ready = KernelLaunch.readyLine(p, requested, log);
        ConnectionInfo bound;
        try {
            bound = ready.get(o.startupTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            String why = "kernel did not start within " + o.startupTimeout + ": " + e.getMessage() + "\n" + KernelLaunch.tail(log);
            KernelLaunch.deleteTree(dir);
            throw new KernelException(why, e);
        }
        KernelClient c = new KernelClient(bound, p, dir, log, o.input, o.firstAddress);
        try {
            c.waitReady(o.startupTimeout);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Connects to a running kernel (not started by this client) by its connection file. */
    public static KernelClient connect(Path connectionFile, Duration timeout) {
        ConnectionInfo info;
        try {
            info = ConnectionInfo.read(connectionFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KernelClient c = new KernelClient(info, null, null, null, prompt -> "", Map.of());
        try {
            c.waitReady(timeout);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * Probes with kernel_info_request every 200 ms until the shell answers and iopub delivers
     * (a status message of a probe). A channel silent for {@link #PATIENCE} gets a new socket:
     * jeromq 0.6.0's connecting side sometimes never starts its handshake (11 of 100 bare
     * DEALER -> ROUTER pairs in one JVM), and probing on such a socket never helps. Iopub's clock
     * starts with the shell's first answer (nothing is published before a probe arrives); the
     * patience doubles at each replacement, so a slow kernel is still waited for.
     */
    private void waitReady(Duration timeout) {
        long now = System.nanoTime();
        long deadline = now + timeout.toNanos();
        long shellSince = now, shellPatience = PATIENCE.toNanos();
        long iopubSince = 0, iopubPatience = PATIENCE.toNanos();
        boolean iopubSeen = false;
        boolean replied = false;
        synchronized (executeLock) {
            while (!(iopubSeen && replied)) {
                now = System.nanoTime();
                if (now > deadline) throw new KernelException("kernel not ready within " + timeout + "\n" + KernelLaunch.tail(logFile));
                if (process != null && !process.isAlive()) throw new KernelException("kernel exited (" + process.exitValue() + ")\n" + KernelLaunch.tail(logFile));
                if (!replied && now - shellSince > shellPatience) {
                    openShell();
                    reconnected.add("shell");
                    shellSince = now;
                    shellPatience *= 2;
                }
                if (replied && !iopubSeen && now - iopubSince > iopubPatience) {
                    iopub = open(iopub, SocketType.SUB, "iopub", info.iopubPort(), null);
                    reconnected.add("iopub");
                    iopubSince = now;
                    iopubPatience *= 2;
                }
                shellCodec.send(shell, Message.create("kernel_info_request", session, "java", new JsonObject()));
                long until = System.nanoTime() + 200_000_000L;
                try (ZMQ.Poller poller = zmq.createPoller(2)) {
                    poller.register(shell, ZMQ.Poller.POLLIN);
                    poller.register(iopub, ZMQ.Poller.POLLIN);
                    while (System.nanoTime() < until && !(iopubSeen && replied)) {
                        poller.poll(50);
                        if (poller.pollin(0) && receive(shell, shellCodec) != null && !replied) {
                            replied = true;
                            iopubSince = System.nanoTime();
                        }
                        if (poller.pollin(1) && receive(iopub, shellCodec) != null) iopubSeen = true;
                    }
                }
            }
            // Drop what the probes left behind (replies to earlier probes, their status messages).
            try {
                while (shellCodec.receiveNow(shell) != null) { /* drop */ }
                while (shellCodec.receiveNow(iopub) != null) { /* drop */ }
            } catch (Channel.BadMessage ignored) {
            }
        }
    }

    private static Message receive(ZMQ.Socket s, Channel codec) {
        try {
            return codec.receiveNow(s);
        } catch (Channel.BadMessage e) {
            return null;
        }
    }

    /** The channels whose socket start-up replaced ("shell" with its stdin, "iopub"), in order. */
    List<String> reconnected() {
        synchronized (executeLock) {
            return List.copyOf(reconnected);
        }
    }

    /** The connection info (ports the kernel bound). */
    public ConnectionInfo connectionInfo() { return info; }

    /** The started kernel's process, or null for {@link #connect}. */
    public Process process() { return process; }

    /** Runs a cell; on timeout the cell is interrupted and the result says {@code timedOut}. */
    public ExecuteResult execute(String code, Duration timeout) {
        return execute(code, timeout, true);
    }

    /** Like {@link #execute(String, Duration)}, with the request's {@code stop_on_error}. */
    public ExecuteResult execute(String code, Duration timeout, boolean stopOnError) {
        return execute(code, timeout, stopOnError, o -> { });
    }

    /**
     * Runs a cell and interrupts it once its stdout contains {@code marker}: the cell prints the
     * marker when it is where the caller wants it stopped (in a busy loop, a blocking call), so the
     * interrupt does not depend on how fast the machine reaches that point.
     */
    public ExecuteResult executeAndInterruptAt(String code, String marker, Duration timeout) {
        StringBuilder stdout = new StringBuilder();
        boolean[] sent = {false};
        return execute(code, timeout, true, o -> {
            if (sent[0] || !o.isStream() || !o.name().equals("stdout")) return;
            stdout.append(o.text());
            if (stdout.indexOf(marker) >= 0) {
                sent[0] = true;
                interrupt();
            }
        });
    }

    /**
     * Like {@link #execute(String, Duration, boolean)}; {@code onOutput} sees each output on the
     * calling thread as it arrives (it may call {@link #interrupt}).
     */
    public ExecuteResult execute(String code, Duration timeout, boolean stopOnError, Consumer<Output> onOutput) {
        JsonObject c = new JsonObject();
        c.addProperty("code", code);
        c.addProperty("silent", false);
        c.addProperty("store_history", true);
        c.add("user_expressions", new JsonObject());
        c.addProperty("allow_stdin", true);
        c.addProperty("stop_on_error", stopOnError);
        synchronized (executeLock) {
            Message req = Message.create("execute_request", session, "java", c);
            shellCodec.send(shell, req);
            String id = req.msgId();
            List<Output> outputs = new ArrayList<>();
            String status = null;
            int count = 0;
            boolean idle = false;
            boolean timedOut = false;
            // The timeout counts from the moment the kernel starts the cell (its busy status), so a
            // cell queued behind the kernel's start-up is not interrupted before it ran.
            long deadline = System.nanoTime() + timeout.toNanos() + QUEUE_ALLOWANCE.toNanos();
            boolean started = false;
            long hardDeadline = Long.MAX_VALUE;
            ZMQ.Poller poller = executePoller();
            while (status == null || !idle) {
                long now = System.nanoTime();
                if (!timedOut && now > deadline) {
                    timedOut = true;
                    interrupt();
                    hardDeadline = now + Duration.ofSeconds(10).toNanos();
                }
                if (now > hardDeadline) {
                    if (status == null) status = "timeout";
                    break;
                }
                if (process != null && !process.isAlive()) {
                    throw new KernelException("kernel died while running a cell (exit " + process.exitValue() + ")\n" + KernelLaunch.tail(logFile));
                }
                poller.poll(50);
                Message m;
                if (poller.pollin(0)) {
                    while ((m = receive(shell, shellCodec)) != null) {
                        if (m.parentMsgId().equals(id) && m.msgType().equals("execute_reply")) {
                            status = Message.str(m.content, "status", "error");
                            count = Message.integer(m.content, "execution_count", 0);
                        }
                    }
                }
                if (poller.pollin(1)) {
                    while ((m = receive(iopub, shellCodec)) != null) {
                        if (!m.parentMsgId().equals(id)) continue;
                        if (m.msgType().equals("status")) {
                            String state = Message.str(m.content, "execution_state", "");
                            if ("idle".equals(state)) idle = true;
                            if ("busy".equals(state) && !started) {
                                started = true;
                                deadline = System.nanoTime() + timeout.toNanos();
                            }
                        } else {
                            Output o = Output.of(m);
                            if (o != null) {
                                outputs.add(o);
                                onOutput.accept(o);
                            }
                        }
                    }
                }
                if (poller.pollin(2)) {
                    while ((m = receive(stdin, shellCodec)) != null) {
                        if (!m.msgType().equals("input_request")) continue;
                        JsonObject r = new JsonObject();
                        r.addProperty("value", input.apply(Message.str(m.content, "prompt", "")));
                        Message reply = Message.create("input_reply", session, "java", r);
                        shellCodec.send(stdin, new Message(null, reply.header, m.header, null, r, null));
                    }
                }
            }
            return new ExecuteResult(status, count, List.copyOf(outputs), timedOut);
        }
    }

    private ZMQ.Poller executePoller() {
        if (executePoller == null) {
            executePoller = zmq.createPoller(3);
            executePoller.register(shell, ZMQ.Poller.POLLIN);
            executePoller.register(iopub, ZMQ.Poller.POLLIN);
            executePoller.register(stdin, ZMQ.Poller.POLLIN);
        }
        return executePoller;
    }

    /** Sends a shell request and returns its reply's content (for complete, inspect, history…). */
    public JsonObject request(String msgType, JsonObject content, Duration timeout) {
        synchronized (executeLock) {
            return roundTrip(shell, shellCodec, msgType, content, timeout);
        }
    }

    private JsonObject roundTrip(ZMQ.Socket s, Channel codec, String msgType, JsonObject content, Duration timeout) {
        Message req = Message.create(msgType, session, "java", content);
        codec.send(s, req);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (ZMQ.Poller poller = zmq.createPoller(1)) {
            poller.register(s, ZMQ.Poller.POLLIN);
            while (System.nanoTime() < deadline) {
                poller.poll(Math.max(1, Math.min(100, (deadline - System.nanoTime()) / 1_000_000)));
                Message m;
                while ((m = receive(s, codec)) != null) {
                    if (m.parentMsgId().equals(req.msgId())) return m.content;
                }
            }
        }
        throw new KernelException("no " + msgType.replace("_request", "_reply") + " within " + timeout);
    }

    /** Interrupts the running cell ({@code interrupt_request} on the control channel). */
    public void interrupt() {
        synchronized (controlLock) {
            roundTrip(control, controlCodec, "interrupt_request", new JsonObject(), Duration.ofSeconds(10));
        }
    }

    /** Asks the kernel to shut down (or restart: the kernel exits, a manager would start it again). */
    public void shutdown(Duration timeout) {
        JsonObject c = new JsonObject();
        c.addProperty("restart", false);
        synchronized (controlLock) {
            roundTrip(control, controlCodec, "shutdown_request", c, timeout);
        }
    }

    /**
     * Releases the client. A kernel this client started is shut down (killed if it does not exit
     * in time); a kernel it only connected to keeps running (call {@link #shutdown} to stop it).
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            if (process != null && process.isAlive()) shutdown(Duration.ofSeconds(3));
        } catch (RuntimeException ignored) {
        }
        if (process != null) {
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                java.lang.Thread.currentThread().interrupt();
            }
        }
        zmq.close();
        if (workDir != null) KernelLaunch.deleteTree(workDir);
    }

    /** The kernel's log so far (its stderr), for diagnostics. */
    public String kernelLog() { return logFile == null ? "" : KernelLaunch.tail(logFile); }
}
