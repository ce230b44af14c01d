package dev.pyconcurrent.multiprocessing.connection;

import dev.pyconcurrent.builtins.KeyboardInterrupt;
import dev.pyconcurrent.builtins.OSError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.Tuple;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code multiprocessing.connection.Listener(address=None, family=None, backlog=1, authkey=None)}:
 * a bound, listening socket whose {@link #accept()} returns {@link Connection}s, authenticated
 * with CPython's challenge when an authkey is given. Without an address it listens on a fresh
 * path in this JVM's {@code /tmp/pymp-…} directory ({@code AF_UNIX}) or on
 * {@code ('localhost', 0)} ({@code AF_INET}). A Unix socket's file is removed at {@link #close()}.
 */
public class Listener implements AutoCloseable {
    private volatile ServerSocketChannel server;
    private final Object address;
    private final byte[] authkey;
    private volatile Object lastAccepted;

    /** {@code Listener()}: an {@code AF_UNIX} listener on a fresh path. */
    public Listener() {
        this(null, null, 1, null);
    }

    /** {@code Listener(address)}. */
    public Listener(Object address) {
        this(address, null, 1, null);
    }

    /** {@code Listener(address, authkey=key)}. */
    public Listener(Object address, byte[] authkey) {
        this(address, null, 1, authkey);
    }

    /** {@code Listener(address, family, backlog, authkey)}; {@code address} or {@code family} may be null. */
    public Listener(Object address, String family, int backlog, byte[] authkey) {
        String f = family != null ? family : address != null ? Addresses.type(address) : "AF_UNIX";
        Object a = address != null ? address
                : f.equals("AF_INET") ? Tuple.of("localhost", 0)
                : Hub.tempDir().resolve("listener-" + Long.toHexString(Hub.newId() ^ System.nanoTime())).toString();
        Addresses.validate(f);
        try {
            ServerSocketChannel s = ServerSocketChannel.open(f.equals("AF_UNIX") ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET);
            if (f.equals("AF_INET")) s.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            s.bind(Addresses.of(a), Math.max(backlog, 1));
            this.server = s;
            this.address = Addresses.python(s.getLocalAddress());
        } catch (IOException e) {
            throw Addresses.error(e);
        }
        this.authkey = authkey == null ? null : authkey.clone();
    }

    /** {@code accept()}: the next connection, after the challenge both ways when there is an authkey. */
    public Connection accept() {
        ServerSocketChannel s = server;
        if (s == null) throw new OSError("listener is closed");
        SocketChannel c;
        try {
            c = s.accept();
            lastAccepted = c.getRemoteAddress() instanceof InetSocketAddress i ? Addresses.python(i) : "";
            if (c.getRemoteAddress() instanceof InetSocketAddress) c.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (ClosedByInterruptException e) {
            server = null;
            throw KeyboardInterrupt.interrupted(new InterruptedException());
        } catch (IOException e) {
            throw server == null ? (OSError) new OSError("listener is closed").from(e) : Addresses.error(e);
        }
        Connection conn = new Connection(c, true, true);
        if (authkey != null) {
            try {
                Connections.deliverChallenge(conn, authkey);
                Connections.answerChallenge(conn, authkey);
            } catch (RuntimeException e) {
                conn.close();
                throw e;
            }
        }
        return conn;
    }

    /** {@code close()}: stops listening (idempotent). */
    @Override
    public void close() {
        ServerSocketChannel s = server;
        if (s == null) return;
        server = null;
        try {
            s.close();
            if (address instanceof String path) Files.deleteIfExists(Path.of(path));
        } catch (IOException ignored) {
            // closing
        }
    }

    /** {@code address}: the path, or {@code (host, port)} as bound. */
    public Object address() {
        return address;
    }

    /** {@code last_accepted}: the peer's {@code (host, port)}; {@code ''} for a Unix socket (an unnamed peer), None before the first accept. */
    public Object lastAccepted() {
        return lastAccepted;
    }

    @Override
    public String toString() {
        return "<multiprocessing.connection.Listener object at " + Py.addressOf(this) + ">";
    }
}
