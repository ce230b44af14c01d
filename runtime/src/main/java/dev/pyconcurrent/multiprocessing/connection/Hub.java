package dev.pyconcurrent.multiprocessing.connection;

import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.multiprocessing.Multiprocessing;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * This JVM's listener for the other processes of its family (internal): children connecting
 * back at start, queues owned here, connections moved to another process. A Unix socket in a
 * short private directory ({@code /tmp/pymp-…}, as CPython's {@code util.get_temp_dir()}), every
 * connection authenticated with CPython's challenge under the current process's authkey before
 * its request (a tuple {@code (kind, …)}) is read and handed to the handler registered for the
 * kind, on a daemon thread of its own.
 *
 * <p>At JVM exit a shutdown hook first runs the {@link #beforeExit} actions (multiprocessing's
 * exit function: terminate daemonic children, join the others), then closes the listener and
 * every served socket: no hub thread stays blocked in a native read, which would delay the
 * JVM's exit by up to 300 ms.
 */
public final class Hub {
    /** Serves one authenticated connection whose request was {@code request}. */
    @FunctionalInterface
    public interface Handler {
        void serve(Connection connection, Tuple request) throws Exception;
    }

    private static final Path TEMP = Path.of("/tmp");
    private static volatile Hub instance;
    private static final List<Runnable> BEFORE_EXIT = new CopyOnWriteArrayList<>();
    private static final Map<String, Handler> HANDLERS = new ConcurrentHashMap<>();
    private static final java.util.Set<String> PROMPT = ConcurrentHashMap.newKeySet();
    private static final AtomicLong IDS = new AtomicLong();
    private static volatile Path tempDir;

    private final ServerSocketChannel server;
    private final String address;
    private final java.util.Set<Connection> served = ConcurrentHashMap.newKeySet();
    /** Accepted connections whose request has not been read (or a prompt handler's, handled) yet. */
    private int beforeRequest;

    private Hub(ServerSocketChannel server, String address) {
        this.server = server;
        this.address = address;
    }

    /** This JVM's hub, started on first use. */
    public static Hub get() {
        Hub h = instance;
        if (h != null) return h;
        synchronized (Hub.class) {
            if (instance == null) instance = start();
            return instance;
        }
    }

    /** This JVM's hub's address if it has started, else null. */
    public static String runningAddress() {
        Hub h = instance;
        return h == null ? null : h.address;
    }

    /** The hub's address (a Unix socket path). */
    public String address() {
        return address;
    }

    /** The handler for requests of {@code kind}. */
    public static void register(String kind, Handler handler) {
        HANDLERS.put(kind, handler);
    }

    /** A handler that returns at once: {@link #awaitRequests} waits for it to have returned. */
    static void registerPrompt(String kind, Handler handler) {
        PROMPT.add(kind);
        register(kind, handler);
    }

    /** An action for the shutdown hook, run before the hub closes. */
    public static void beforeExit(Runnable action) {
        BEFORE_EXIT.add(action);
    }

    /**
     * An action for the shutdown hook that runs before every {@link #beforeExit} action (CPython's
     * {@code util.Finalize} with {@code exitpriority=0}, run before the exit function joins the
     * children): a manager's server is told to shut down before its process is joined.
     */
    public static void finalizer(Runnable action) {
        BEFORE_EXIT.add(0, action);
    }

    /**
     * Whether the current thread is pickling a child's process object (CPython's
     * {@code get_spawning_popen() is not None}): a manager's proxy then carries its authkey.
     */
    public static boolean spawning() {
        return Transfers.spawning();
    }

    /** A number unique in this JVM, for the ids requests carry. */
    public static long newId() {
        return IDS.incrementAndGet();
    }

    /**
     * Runs {@code dump}, the pickling of a child's process object, and returns what to run once
     * that child has ended: the connections it moved and the child never asked for are closed,
     * so their peers see end of file (CPython's child holds their descriptors from its start).
     */
    public static Runnable orphansOf(Runnable dump) {
        List<Long> ids = Transfers.movedBy(dump);
        return ids.isEmpty() ? () -> {} : () -> Transfers.orphan(ids);
    }

    /**
     * Waits (up to 10 s) until every connection accepted so far has had its request read, and
     * handled when its handler is prompt.
     */
    static void awaitRequests() {
        Hub h = instance;
        if (h == null) return;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (h) {
            for (long left; h.beforeRequest > 0 && (left = deadline - System.nanoTime()) > 0; ) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(h, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private synchronized void requestRead(int delta) {
        beforeRequest += delta;
        if (beforeRequest == 0) notifyAll();
    }

    /** Connects to the hub at {@code address} with the current process's authkey and sends {@code request}. */
    public static Connection connect(String address, Tuple request) {
        Connection c = Connections.Client(address, Multiprocessing.currentProcess().authkey());
        c.send(request);
        return c;
    }

    /**
     * This JVM's private temporary directory ({@code /tmp/pymp-…}, deleted at exit): short
     * enough for Unix socket paths (108 bytes), whatever {@code java.io.tmpdir} is.
     */
    public static Path tempDir() {
        Path d = tempDir;
        if (d != null) return d;
        synchronized (Hub.class) {
            if (tempDir == null) {
                try {
                    tempDir = Files.createTempDirectory(Files.isDirectory(TEMP) ? TEMP : Path.of(System.getProperty("java.io.tmpdir")), "pymp-");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                Runtime.getRuntime().addShutdownHook(new Thread(Hub::atExit, "pyconcurrent-mp-exit"));
            }
            return tempDir;
        }
    }

    private static Hub start() {
        try {
            Path socket = tempDir().resolve("hub");
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket), 64);
            Hub hub = new Hub(server, socket.toString());
            Thread t = new Thread(null, hub::acceptLoop, "pyconcurrent-mp-hub", 0);
            t.setDaemon(true);
            t.start();
            return hub;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            SocketChannel c;
            try {
                c = server.accept();
            } catch (IOException e) {
                return; // closed at exit
            }
            requestRead(1);
            Thread t = new Thread(null, () -> serve(c), "pyconcurrent-mp-hub-conn", 0);
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(SocketChannel channel) {
        Connection c = new Connection(channel, true, true);
        served.add(c);
        boolean pending = true;
        try {
            byte[] key = Multiprocessing.currentProcess().authkey();
            Connections.deliverChallenge(c, key);
            Connections.answerChallenge(c, key);
            Tuple request = (Tuple) c.recv();
            Handler h = HANDLERS.get((String) request.get(0));
            if (h == null) throw new IllegalStateException("no handler for " + request.get(0));
            if (!PROMPT.contains(request.get(0))) {
                pending = false;
                requestRead(-1);
            }
            h.serve(c, request);
        } catch (Throwable e) {
            c.close(); // a failed or finished exchange: the peer sees end of file
        } finally {
            if (pending) requestRead(-1);
            served.remove(c);
        }
    }

    private static void atExit() {
        for (Runnable r : BEFORE_EXIT) {
            try {
                r.run();
            } catch (RuntimeException ignored) {
                // exit goes on
            }
        }
        Hub h = instance;
        if (h != null) {
            try {
                h.server.close();
            } catch (IOException ignored) {
                // exiting
            }
            h.served.forEach(Connection::close);
        }
        Transfers.closeAll();
        Path d = tempDir;
        if (d != null) {
            try (Stream<Path> files = Files.walk(d)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
