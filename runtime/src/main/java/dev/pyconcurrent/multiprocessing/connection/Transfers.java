package dev.pyconcurrent.multiprocessing.connection;

import dev.pyconcurrent.builtins.Tuple;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Connections that move between processes. The JDK cannot pass a socket descriptor to another
 * process (no {@code SCM_RIGHTS}), so a moved end is re-established through the owning JVM's
 * {@link Hub}: the receiving process connects there and asks for the end's id ({@code ("conn",
 * id)}). A {@code Pipe()} end never used before it moved gives its peer that socket directly; an
 * end already connected is relayed (two copying threads in the owning JVM).
 *
 * <p>CPython's spawned child holds the descriptors of the connections in its process object from
 * its start, and its death closes them. Here such an end waits for the child to connect, so
 * when the child ends without having asked for it, the end is <em>orphaned</em>: its peer
 * gets a socket whose other side is closed (end of file, broken pipe), never a wait forever.
 */
final class Transfers {
    private Transfers() {}

    /** Ends waiting for the process they were sent to: id → what the hub does when it connects, or when it is gone. */
    private static final Map<Long, Waiting> WAITING = new ConcurrentHashMap<>();
    /** The ids moved out by the pickling running on this thread, when it is a child's process object. */
    private static final ThreadLocal<List<Long>> MOVING = new ThreadLocal<>();
    private static final Set<SocketChannel> RELAYED = ConcurrentHashMap.newKeySet();

    static {
        Hub.registerPrompt("conn", Transfers::serve);
    }

    private static void serve(Connection arrived, Tuple request) throws IOException {
        var waiting = WAITING.remove(((Number) request.get(1)).longValue());
        if (waiting == null) {
            arrived.close(); // orphaned meanwhile
            return;
        }
        waiting.taker().accept(arrived);
    }

    /** What to do with the connection of the process asking for an end, or when no process will. */
    private record Waiting(java.util.function.Consumer<Connection> taker, Runnable orphaned) {}

    private static long await(java.util.function.Consumer<Connection> taker, Runnable orphaned) {
        Hub.get(); // the hub must listen before the id leaves this process
        long id = Hub.newId();
        WAITING.put(id, new Waiting(taker, orphaned));
        List<Long> moving = MOVING.get();
        if (moving != null) moving.add(id);
        return id;
    }

    /** Runs {@code dump} (pickling a child's process object) and returns the ids of the ends it moved out. */
    static List<Long> movedBy(Runnable dump) {
        List<Long> ids = new ArrayList<>();
        MOVING.set(ids);
        try {
            dump.run();
        } finally {
            MOVING.remove();
        }
        return ids;
    }

    static boolean spawning() {
        return MOVING.get() != null;
    }

    /** The child given {@code ids} has ended: the ends it never asked for are orphaned. */
    static void orphan(List<Long> ids) {
        Hub.awaitRequests(); // a request the child sent just before it ended is served first
        for (long id : ids) {
            Waiting w = WAITING.remove(id);
            if (w != null) w.orphaned().run();
        }
    }

    /** Relays an already connected end to the process that will ask for the returned id. */
    static long relay(Connection end) {
        SocketChannel local = end.movedChannel();
        ByteBuffer pending = end.movedBuffer();
        byte[] early = new byte[pending.remaining()];
        pending.get(early);
        return await(arrived -> {
            SocketChannel remote = arrived.movedChannel();
            RELAYED.add(local);
            RELAYED.add(remote);
            try {
                // what each side sent before the relay started
                ByteBuffer b = ByteBuffer.wrap(early);
                while (b.hasRemaining()) remote.write(b);
                ByteBuffer fromRemote = arrived.movedBuffer();
                while (fromRemote.hasRemaining()) local.write(fromRemote);
            } catch (IOException e) {
                closeQuietly(local);
                closeQuietly(remote);
                return;
            }
            var running = new java.util.concurrent.atomic.AtomicInteger(2);
            copier(local, remote, running).start();
            copier(remote, local, running).start();
        }, () -> closeQuietly(local));
    }

    /** Copies {@code from} → {@code to}; the second of a pair to finish closes both sockets. */
    private static Thread copier(SocketChannel from, SocketChannel to, java.util.concurrent.atomic.AtomicInteger running) {
        Thread t = new Thread(null, () -> {
            ByteBuffer b = ByteBuffer.allocate(1 << 16);
            try {
                while (from.read(b) >= 0) {
                    b.flip();
                    while (b.hasRemaining()) to.write(b);
                    b.clear();
                }
                to.shutdownOutput(); // the peer sees end of file, as it would on the direct socket
            } catch (IOException e) {
                closeQuietly(from); // a failed side ends the relay: the other copier stops too
                closeQuietly(to);
            }
            if (running.decrementAndGet() == 0) {
                closeQuietly(from);
                closeQuietly(to);
                RELAYED.remove(from);
                RELAYED.remove(to);
            }
        }, "pyconcurrent-mp-relay", 0);
        t.setDaemon(true);
        return t;
    }

    static void closeAll() {
        RELAYED.forEach(Transfers::closeQuietly);
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** Two connected Unix sockets (CPython's {@code socket.socketpair()}). */
    static SocketChannel[] socketPair() throws IOException {
        Path p = Hub.tempDir().resolve("pair-" + Hub.newId());
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(p), 1);
            SocketChannel a = SocketChannel.open(UnixDomainSocketAddress.of(p));
            return new SocketChannel[] {a, server.accept()};
        } finally {
            Files.deleteIfExists(p);
        }
    }

    /** The two ends of a {@code Pipe()}, connected at first use: locally, or through the hub when one end moved first. */
    static final class PipeLink {
        private final CompletableFuture<Connection> first = new CompletableFuture<>();
        private final CompletableFuture<Connection> second = new CompletableFuture<>();
        private Connection firstEnd;
        private boolean linked;

        Connection[] ends(boolean duplex) {
            Connection a = new Connection(attach(first), true, duplex);
            Connection b = new Connection(attach(second), duplex, true);
            firstEnd = a;
            return new Connection[] {a, b};
        }

        private Connection.Attach attach(CompletableFuture<Connection> mine) {
            return new Connection.Attach() {
                @Override
                public SocketChannel channel(Connection end) throws IOException {
                    linkLocally();
                    try {
                        return end.adopt(mine.get());
                    } catch (InterruptedException e) {
                        throw dev.pyconcurrent.builtins.KeyboardInterrupt.interrupted(e);
                    } catch (ExecutionException e) {
                        throw new IOException(e.getCause());
                    }
                }

                @Override
                public boolean ready(long deadline, boolean forever) {
                    synchronized (PipeLink.this) {
                        if (!linked) return true; // linked here, at once
                    }
                    try {
                        if (forever) mine.get();
                        else mine.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                        return true;
                    } catch (TimeoutException e) {
                        return false;
                    } catch (ExecutionException e) {
                        return true; // channel() reports it
                    } catch (InterruptedException e) {
                        throw dev.pyconcurrent.builtins.KeyboardInterrupt.interrupted(e);
                    }
                }

                @Override
                public long moveOut(Connection end) {
                    CompletableFuture<Connection> peer = end == firstEnd ? second : first;
                    synchronized (PipeLink.this) {
                        if (!linked) {
                            linked = true;
                            return await(peer::complete, () -> orphan(peer));
                        }
                    }
                    try {
                        end.channel(); // connected here already: relay it
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return relay(end);
                }
            };
        }

        /** Gives {@code peer} a socket whose other side is closed, as the peer of an end its child never took. */
        private static void orphan(CompletableFuture<Connection> peer) {
            try {
                SocketChannel[] pair = socketPair();
                pair[1].close();
                peer.complete(new Connection(pair[0], true, true));
            } catch (IOException e) {
                peer.completeExceptionally(e);
            }
        }

        private synchronized void linkLocally() throws IOException {
            if (linked) return;
            linked = true;
            SocketChannel[] pair = socketPair();
            first.complete(new Connection(pair[0], true, true));
            second.complete(new Connection(pair[1], true, true));
        }
    }

    /** An end received from another process: connects to its owner's hub at first use. */
    record Remote(String hub, long id) implements Connection.Attach {
        @Override
        public SocketChannel channel(Connection end) throws IOException {
            return end.adopt(Hub.connect(hub, Connection.request("conn", id)));
        }

        @Override
        public long moveOut(Connection end) {
            return relay(end);
        }
    }
}
