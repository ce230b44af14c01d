package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.builtins.Traceback;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.multiprocessing.connection.Connection;
import dev.pyconcurrent.multiprocessing.connection.Connections;
import dev.pyconcurrent.multiprocessing.connection.Wire;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The main class of a child JVM (CPython's {@code spawn_main}); not for direct use.
 *
 * <p>Reads its bootstrap line from stdin (hub address, authkey, token), connects to the parent's
 * hub and answers its challenge <em>before</em> reading anything else, receives the notebook
 * statics and then the process object (behind {@link Wire}'s allow-list), runs it, reports the
 * exit code and exits. A daemon thread keeps reading stdin: end of file there means the parent
 * is gone, and the child halts. It reads through a {@link FileChannel} that is closed before
 * {@code System.exit}: a thread blocked in {@code System.in.read()} would hold the JVM's exit
 * for 300 ms (HotSpot waits for threads in native code).
 */
public final class ChildMain {
    private ChildMain() {}

    private static volatile boolean exiting;

    public static void main(String[] args) throws Exception {
        FileChannel stdin = new FileInputStream(FileDescriptor.in).getChannel();
        String[] boot = readLine(stdin).trim().split(" ");
        watchParent(stdin);
        Connection c = Connections.Client(boot[0], HexFormat.of().parseHex(boot[1]));
        c.send(Tuple.of("child", Long.parseLong(boot[2])));
        if (boot.length > 3 && boot[3].equals("warm")) prewarm();
        byte[] statics;
        try {
            statics = c.recvBytes();
        } catch (RuntimeException e) {
            exit(stdin, 0); // a warm child the parent no longer needs
            return;
        }
        int code;
        try {
            Snapshot.restore(statics);
            Process self = (Process) Wire.loads(c.recvBytes());
            Procs.becomeChild(self);
            code = self.bootstrap();
            if (shuttingDown()) return; // terminated: the signal's exit status stands, nothing is reported
            joinNonDaemonThreads();
            Procs.exitFunction();
        } catch (RuntimeException e) { // the process object could not be read
            System.err.print(Traceback.format(e));
            code = 1;
        }
        try {
            c.send(code);
            c.close();
        } catch (RuntimeException e) {
            // the parent is gone: nobody to report to
        }
        exit(stdin, code);
    }

    /**
     * A warm child, while it waits, runs once what every target's start needs: reading a
     * serialized lambda (its first use spins the lambda machinery, tens of milliseconds in a fresh
     * JVM), the process bootstrap, the exit path. The process made here only warms up.
     */
    private static void prewarm() {
        Process warmup = (Process) Wire.loads(Wire.dumps(new Process(ChildMain::noop)));
        Snapshot.restore(Wire.dumps(new java.util.LinkedHashMap<String, byte[]>()));
        warmup.bootstrap();
        try {
            joinNonDaemonThreads();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Procs.activeChildren();
        Traceback.format(new dev.pyconcurrent.builtins.ValueError("warm-up"));
    }

    private static void noop() {
        // the warm-up target
    }

    private static void exit(FileChannel stdin, int code) throws IOException {
        exiting = true;
        stdin.close();
        System.exit(code);
    }

    /**
     * Whether this JVM is shutting down (SIGTERM, or {@code System.exit} on another thread): it
     * then refuses new shutdown hooks. Its hooks close what the target may be waiting on; CPython's
     * process would have died of the signal without running more of its code.
     */
    static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
        } catch (IllegalStateException e) {
            return true;
        }
        Runtime.getRuntime().removeShutdownHook(probe);
        return false;
    }

    /** CPython's {@code threading._shutdown()} at the end of {@code _bootstrap}: the target's non-daemon threads finish first. */
    private static void joinNonDaemonThreads() throws InterruptedException {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t != Thread.currentThread() && !t.isDaemon() && t.isAlive() && !t.getName().equals("DestroyJavaVM")) t.join();
        }
    }

    private static String readLine(FileChannel in) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        while (true) {
            one.clear();
            if (in.read(one) < 0) {
                Runtime.getRuntime().halt(1); // no parent
            }
            if (one.get(0) == '\n') return line.toString(StandardCharsets.UTF_8);
            line.write(one.get(0));
        }
    }

    private static void watchParent(FileChannel stdin) {
        Thread t = new Thread(() -> {
            ByteBuffer b = ByteBuffer.allocate(256);
            try {
                while (stdin.read(b.clear()) >= 0) {
                    // the parent writes nothing more: wait for end of file
                }
            } catch (IOException e) {
                return; // closed by exit()
            }
            if (!exiting) Runtime.getRuntime().halt(1);
        }, "pyconcurrent-mp-parent-watch");
        t.setDaemon(true);
        t.start();
    }
}
