package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.builtins.KeyboardInterrupt;
import dev.pyconcurrent.builtins.OSError;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.multiprocessing.connection.Connection;
import dev.pyconcurrent.multiprocessing.connection.Hub;
import dev.pyconcurrent.multiprocessing.connection.Wire;
import dev.pyconcurrent.os.JavaCommand;
import dev.pyconcurrent.subprocess.Signals;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The parent's side of one child JVM (CPython's {@code popen_spawn_posix.Popen}).
 *
 * <p>Start: the parent's java and class path ({@link JavaCommand}, plus the kernel's snippet
 * directory when set) with {@link ChildMain}; one line on the child's stdin gives the hub's address,
 * the authkey and a token (never argv: the key would show in {@code ps}). The child connects
 * back to this JVM's {@link Hub}, answers the challenge, and receives the notebook statics and
 * the process object. It reports its exit code on that connection before exiting, so that an exit
 * status of 128+N without a report means "ended by signal N" ({@code -N}). The child's stdout
 * and stderr are pumped into {@code System.out/err} by threads of the starting thread's group
 * (where the kernel routes a cell's output); {@code join} waits for their end of file.
 */
final class Popen {
    static final String SNIPPET_CLASS_PATH = "pyconcurrent.kernel.snippetClassPath";
    private static final Map<Long, Popen> CONNECTING = new ConcurrentHashMap<>();

    static {
        Hub.register("child", Popen::connected);
    }

    private final java.lang.Process process;
    /** The id the child connects back with (forgotten once it connected or ended). */
    private final long token;
    private final CompletableFuture<Connection> connection = new CompletableFuture<>();
    private Thread out;
    private Thread err;
    private volatile Integer exitcode;

    private Popen(java.lang.Process process, long token) {
        this.process = process;
        this.token = token;
    }

    /** Starts {@code p}'s child by {@code method} ({@code spawn}: a new JVM; {@code forkserver}: a warm one from the pool). */
    static Popen start(Process p, String method) {
        byte[] statics = Snapshot.take();
        byte[][] object = new byte[1][];
        // CPython's pickling error comes here, in the parent; the ends it moves are the child's
        Runnable orphans = Hub.orphansOf(() -> object[0] = Wire.dumps(p));
        Popen popen;
        try {
            popen = method.equals("forkserver") ? Forkserver.take() : launch(false);
        } catch (RuntimeException e) {
            orphans.run(); // no child will ask for them
            throw e;
        }
        popen.process.onExit().thenRun(orphans);
        popen.pump();
        popen.connection.thenAccept(c -> popen.send(c, statics, object[0]));
        return popen;
    }

    /** A new child JVM; {@code warm}: it will wait for its process object (the forkserver pool). */
    static Popen launch(boolean warm) {
        Hub hub = Hub.get();
        JavaCommand cmd = JavaCommand.ofThisJvm().mainClass(ChildMain.class.getName());
        String snippets = System.getProperty(SNIPPET_CLASS_PATH);
        if (snippets != null && !snippets.isEmpty()) cmd.addClassPath(snippets).flag("-D" + SNIPPET_CLASS_PATH + "=" + snippets);
        String allow = System.getProperty(Wire.ALLOW_PROPERTY);
        if (allow != null) cmd.flag("-D" + Wire.ALLOW_PROPERTY + "=" + allow);
        // start-up only: the JDK's CDS archive mapped where it was dumped rather than relocated (~30 ms of page
        // faults on a machine where a fault costs 15 µs), no hsperfdata file; C1 only for the warm pool's JVMs
        cmd.flag("-XX:+UnlockDiagnosticVMOptions").flag("-XX:ArchiveRelocationMode=0").flag("-XX:-UsePerfData");
        if (warm) cmd.flag("-XX:TieredStopAtLevel=1");
        long token = Hub.newId();
        try {
            java.lang.Process process = new ProcessBuilder(cmd.toList()).start();
            Popen popen = new Popen(process, token);
            CONNECTING.put(token, popen);
            OutputStream stdin = process.getOutputStream();
            String line = hub.address() + " " + HexFormat.of().formatHex(Procs.current().authkey()) + " " + token + (warm ? " warm" : "") + "\n";
            stdin.write(line.getBytes(StandardCharsets.UTF_8));
            stdin.flush(); // stdin stays open: its end of file tells the child that this JVM is gone
            return popen;
        } catch (IOException e) {
            throw (OSError) new OSError(String.valueOf(e.getMessage())).from(e);
        }
    }

    private static void connected(Connection c, Tuple request) {
        Popen popen = CONNECTING.remove(((Number) request.get(1)).longValue());
        if (popen == null) c.close();
        else popen.connection.complete(c);
    }

    private void send(Connection c, byte[] statics, byte[] object) {
        try {
            c.sendBytes(statics);
            c.sendBytes(object);
        } catch (RuntimeException e) {
            process.destroyForcibly(); // a child that cannot get its target must not linger
        }
    }

    /** Whether the child has connected (a warm child is ready). */
    boolean ready() {
        return connection.isDone() && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    private void pump() {
        out = pump(process.getInputStream(), true);
        err = pump(process.getErrorStream(), false);
    }

    /** A thread of the calling thread's group copying the child's stream into this JVM's current System.out/err. */
    private static Thread pump(InputStream from, boolean stdout) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (from) {
                for (int n; (n = from.read(buf)) > 0; ) {
                    PrintStream to = stdout ? System.out : System.err;
                    to.write(buf, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // the child's pipe is gone: nothing more to copy
            }
        }, "pyconcurrent-mp-" + (stdout ? "stdout" : "stderr"));
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The exit code once the child has ended, else null (CPython's {@code poll()}). */
    Integer poll() {
        Integer code = exitcode;
        if (code != null || process.isAlive()) return code;
        synchronized (this) {
            if (exitcode == null) {
                CONNECTING.remove(token); // a child that ended before connecting
                exitcode = decode(process.exitValue(), report());
            }
            return exitcode;
        }
    }

    /** The exit code the child sent before exiting, or null. */
    private Integer report() {
        Connection c = connection.getNow(null);
        if (c == null) return null;
        try {
            return c.poll() ? (Integer) c.recv() : null;
        } catch (RuntimeException e) {
            return null; // end of file: it exited without a report
        } finally {
            c.close();
        }
    }

    static int decode(int status, Integer reported) {
        if (reported != null) return reported;
        return status > 128 && status <= 128 + 64 ? -(status - 128) : status;
    }

    /** Waits up to {@code timeout} seconds (negative: forever) for the child and its output; its exit code or null. */
    Integer await(double timeout) {
        long deadline = System.nanoTime() + (long) (Math.max(timeout, 0) * 1e9);
        try {
            if (timeout < 0) process.waitFor();
            else if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) return null;
            for (Thread t : new Thread[] {out, err}) {
                if (t == null) continue;
                if (timeout < 0) t.join();
                else t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            throw KeyboardInterrupt.interrupted(e);
        }
        return poll();
    }

    /**
     * SIGTERM. Through the process handle, not {@code Process.destroy()}: that also closes the
     * child's stdin, whose end of file makes a running child halt with status 1 (the orphan
     * watch) before the signal's exit, and closes the pipes its last output is pumped from.
     */
    void terminate() {
        if (poll() != null) return;
        awaitInitialized();
        if (poll() == null) process.toHandle().destroy();
    }

    /** How long {@link #terminate()} waits for a starting JVM to finish its initialization. */
    private static final long INIT_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    /**
     * Until the child has connected back (its JVM initialized), ended, or 10 s passed: a JVM that
     * gets SIGTERM while it initializes prints "Error occurred during initialization of VM" and
     * exits with status 1, where CPython's child ends by the signal (-15). Once it has connected,
     * the JVM's SIGTERM handling is in place.
     */
    private void awaitInitialized() {
        long deadline = System.nanoTime() + INIT_WAIT_NANOS;
        while (!connection.isDone() && process.isAlive() && System.nanoTime() < deadline) {
            try {
                connection.get(20, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException | ExecutionException e) {
                // not yet (or never): look at the process again
            } catch (InterruptedException e) {
                throw KeyboardInterrupt.interrupted(e);
            }
        }
    }

    /** SIGKILL (through the process handle, as {@link #terminate()}). */
    void kill() {
        if (poll() == null) process.toHandle().destroyForcibly();
    }

    void close() {
        connection.thenAccept(Connection::close);
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** Ends an idle warm child: it sees its connection close and exits. */
    void retire() throws InterruptedException {
        close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }

    /** The warm child's connection once it has connected (the forkserver pool); ExecutionException if it ended first. */
    Connection awaitConnection() throws InterruptedException, ExecutionException {
        while (true) {
            try {
                return connection.get(50, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                if (!process.isAlive() && !connection.isDone()) {
                    CONNECTING.remove(token);
                    throw new ExecutionException(new OSError("child JVM exited with status " + process.exitValue() + " before connecting"));
                }
            }
        }
    }

    /** repr's exit code: {@code -SIGTERM} for a signal CPython names, else the number. */
    static String exitcodeName(int code) {
        String repr = code < 0 ? Signals.repr(-code) : null;
        return repr == null ? Integer.toString(code) : "-" + repr.substring("<Signals.".length(), repr.indexOf(':'));
    }
}
