package dev.pyconcurrent.multiprocessing.synchronize;

import dev.pyconcurrent.multiprocessing.sharedmemory.ResourceTracker;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This process's doorbell: a Unix domain socket {@code /dev/shm/pyc-db-<pid>.sock} on which a
 * releaser in another process writes the name of a segment ({@code name\n}) whose waiters it
 * must wake. One daemon thread, started by the first wait of this process, serves it through a
 * selector and {@link Waiters#ring() rings} the segment's local waiters; so a blocked waiter
 * costs no CPU. The selector is closed by a shutdown hook, as no thread may sit in a blocking
 * native call while the JVM exits (HotSpot then waits up to 300 ms).
 */
final class Doorbell {
    private static final long PID = ProcessHandle.current().pid();
    private static final Map<Long, SocketChannel> PEERS = new ConcurrentHashMap<>();
    private static volatile Selector selector;

    private Doorbell() {}

    /**
     * Where process {@code pid} listens: in {@code /dev/shm} beside the segments, a place every
     * process sharing them agrees on (unlike {@code java.io.tmpdir}, which a JVM may override).
     */
    static Path socketOf(long pid) {
        return ResourceTracker.SHM_DIR.resolve("pyc-db-" + pid + ".sock");
    }

    /** Starts this process's doorbell if it is not running (before any waiter registers). */
    static void start() {
        if (selector != null) return;
        synchronized (Doorbell.class) {
            if (selector != null) return;
            try {
                sweepDeadDoorbells();
                Path path = socketOf(PID);
                Files.deleteIfExists(path); // a dead process with our pid left it
                ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                server.bind(UnixDomainSocketAddress.of(path));
                server.configureBlocking(false);
                Selector s = Selector.open();
                server.register(s, SelectionKey.OP_ACCEPT);
                Thread t = new Thread(rootGroup(), () -> serve(s), "pyconcurrent-doorbell");
                t.setDaemon(true);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(s, server, path, t), "pyconcurrent-doorbell-stop"));
                selector = s;
                t.start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot open the doorbell socket of process " + PID, e);
            }
        }
    }

    /** Removes the sockets of processes that died without running their shutdown hook ({@code kill -9}). */
    private static void sweepDeadDoorbells() throws IOException {
        try (var sockets = Files.newDirectoryStream(socketOf(PID).getParent(), "pyc-db-*.sock")) {
            for (Path p : sockets) {
                String name = p.getFileName().toString();
                try {
                    long pid = Long.parseLong(name.substring("pyc-db-".length(), name.length() - ".sock".length()));
                    if (ProcessHandle.of(pid).isEmpty()) Files.deleteIfExists(p);
                } catch (NumberFormatException e) {
                    // not one of ours
                }
            }
        }
    }

    /** The doorbell lives as long as the process, like the JDK's process reaper: in the root thread group, not the caller's. */
    private static ThreadGroup rootGroup() {
        ThreadGroup g = Thread.currentThread().getThreadGroup();
        while (g.getParent() != null) g = g.getParent();
        return g;
    }

    private static void serve(Selector s) {
        try {
            while (s.isOpen()) {
                s.select();
                for (SelectionKey key : s.selectedKeys()) {
                    if (key.isAcceptable()) accept(s, (ServerSocketChannel) key.channel());
                    else if (key.isReadable()) read(key);
                }
                s.selectedKeys().clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            // closed at exit
        }
    }

    private static void accept(Selector s, ServerSocketChannel server) throws IOException {
        SocketChannel peer = server.accept();
        if (peer == null) return;
        peer.configureBlocking(false);
        peer.register(s, SelectionKey.OP_READ, new StringBuilder());
    }

    private static void read(SelectionKey key) {
        SocketChannel peer = (SocketChannel) key.channel();
        StringBuilder pending = (StringBuilder) key.attachment();
        ByteBuffer in = ByteBuffer.allocate(512);
        try {
            int n;
            while ((n = peer.read(in)) > 0) {
                pending.append(new String(in.array(), 0, in.position(), StandardCharsets.UTF_8));
                in.clear();
            }
            if (n < 0) close(key);
        } catch (IOException e) {
            close(key);
        }
        int nl;
        while ((nl = pending.indexOf("\n")) >= 0) {
            Waiters.ring(pending.substring(0, nl));
            pending.delete(0, nl + 1);
        }
    }

    private static void close(SelectionKey key) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    private static void stop(Selector s, ServerSocketChannel server, Path path, Thread t) {
        try {
            s.close();
            server.close();
            Files.deleteIfExists(path);
            t.join(1000);
        } catch (IOException | InterruptedException e) {
            // exiting anyway
        }
    }

    /**
     * Rings process {@code pid} for {@code segment}; {@code false} when it has no doorbell (it
     * has exited), so the caller can forget its waiters.
     */
    static boolean ring(long pid, String segment) {
        byte[] message = (segment + "\n").getBytes(StandardCharsets.UTF_8);
        for (int attempt = 0; attempt < 2; attempt++) {
            SocketChannel peer = PEERS.get(pid);
            try {
                if (peer == null) peer = connect(pid);
                synchronized (peer) {
                    ByteBuffer out = ByteBuffer.wrap(message);
                    while (out.hasRemaining()) peer.write(out);
                }
                return true;
            } catch (IOException e) {
                if (peer != null) forget(pid, peer);
            }
        }
        return ProcessHandle.of(pid).isPresent() && Files.exists(socketOf(pid));
    }

    private static SocketChannel connect(long pid) throws IOException {
        SocketChannel fresh = SocketChannel.open(UnixDomainSocketAddress.of(socketOf(pid)));
        SocketChannel raced = PEERS.putIfAbsent(pid, fresh);
        if (raced == null) return fresh;
        fresh.close();
        return raced;
    }

    private static void forget(long pid, SocketChannel peer) {
        PEERS.remove(pid, peer);
        try {
            peer.close();
        } catch (IOException ignored) {
            // already broken
        }
    }
}
