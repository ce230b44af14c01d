package dev.pyconcurrent.multiprocessing.synchronize;

import dev.pyconcurrent.builtins.KeyboardInterrupt;
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
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * This process's doorbell: a Unix domain socket {@code /dev/shm/pyc-db-<pid>.sock} on which a
 * releaser in another process writes the name of a segment ({@code name\n}) whose waiters it
 * must wake. There is no doorbell thread: one of this process's waiting threads, the leader,
 * waits in the doorbell's selector, so a ring for it wakes it directly (one thread wake-up per
 * hand-off, as a futex would); the other waiters park on a condition, and the leader rings
 * their segments and, when it leaves, lets one of them take over. A blocked waiter costs no
 * CPU. The selector is closed by a shutdown hook, as no thread may sit in a native wait while
 * the JVM exits (HotSpot then waits up to 300 ms); waiters then park on the condition.
 */
final class Doorbell {
    private static final long PID = ProcessHandle.current().pid();
    private static final Map<Long, SocketChannel> PEERS = new ConcurrentHashMap<>();

    /** Guards every {@link Waiters#rings} count and the leadership. */
    static final ReentrantLock LOCK = new ReentrantLock();
    private static final Condition PARKED = LOCK.newCondition();
    private static Waiters leaderWaits;
    private static Thread leader;
    private static volatile Selector selector;

    private Doorbell() {}

    /**
     * Where process {@code pid} listens: in {@code /dev/shm} beside the segments, a place every
     * process sharing them agrees on (unlike {@code java.io.tmpdir}, which a JVM may override).
     */
    static Path socketOf(long pid) {
        return ResourceTracker.SHM_DIR.resolve("pyc-db-" + pid + ".sock");
    }

    /** Opens this process's doorbell if it is not open (before any waiter registers). */
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
                Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(s, server, path), "pyconcurrent-doorbell-stop"));
                selector = s;
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

    private static void stop(Selector s, ServerSocketChannel server, Path path) {
        try {
            s.close(); // a leader in select() returns
            server.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // exiting anyway
        }
    }

    // ------------------------------------------------------------------ waiting here

    /** Bumps {@code w}'s count and wakes this process's waiters (the leader too, if it waits for {@code w}). */
    static void ring(Waiters w) {
        boolean wakeLeader;
        LOCK.lock();
        try {
            w.rings++;
            PARKED.signalAll();
            wakeLeader = leaderWaits == w && leader != Thread.currentThread();
        } finally {
            LOCK.unlock();
        }
        Selector s = selector;
        if (wakeLeader && s != null) s.wakeup();
    }

    /** {@link Waiters#await}: as the leader in the selector if there is none, else parked on the condition. */
    static void await(Waiters w, long seen, long nanos) {
        long deadline = System.nanoTime() + nanos;
        LOCK.lock();
        try {
            while (w.rings == seen) {
                long left = nanos < 0 ? -1 : deadline - System.nanoTime();
                if (nanos >= 0 && left <= 0) return;
                Selector s = selector;
                if (leader == null && s != null && s.isOpen()) lead(w, s, left);
                else if (left < 0) PARKED.await();
                else PARKED.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            throw KeyboardInterrupt.interrupted(e);
        } finally {
            LOCK.unlock();
        }
    }

    /** One round in the selector as the leader; called and returns with {@link #LOCK} held. */
    private static void lead(Waiters w, Selector s, long nanos) {
        leader = Thread.currentThread();
        leaderWaits = w;
        LOCK.unlock();
        try {
            serveOnce(s, nanos);
        } finally {
            LOCK.lock();
            leader = null;
            leaderWaits = null;
            PARKED.signalAll(); // a follower takes over
        }
        if (Thread.currentThread().isInterrupted()) throw KeyboardInterrupt.interrupted(new InterruptedException());
    }

    private static void serveOnce(Selector s, long nanos) {
        try {
            if (nanos < 0) s.select();
            else s.select(Math.max(1, (nanos + 999_999) / 1_000_000));
            for (SelectionKey key : s.selectedKeys()) {
                if (key.isAcceptable()) accept(s, (ServerSocketChannel) key.channel());
                else if (key.isReadable()) read(key);
            }
            s.selectedKeys().clear();
        } catch (IOException | ClosedSelectorException e) {
            // closed at exit: waiters park on the condition from now on
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

    // ------------------------------------------------------------------ ringing others

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
