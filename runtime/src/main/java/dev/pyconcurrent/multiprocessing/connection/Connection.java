package dev.pyconcurrent.multiprocessing.connection;

import dev.pyconcurrent.builtins.EOFError;
import dev.pyconcurrent.builtins.KeyboardInterrupt;
import dev.pyconcurrent.builtins.OSError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.multiprocessing.BufferTooShort;
import java.io.IOException;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code multiprocessing.connection.Connection}: one end of a message channel (a {@code Pipe()}
 * end, an accepted {@link Listener} connection, a {@code Client}), over a Unix or TCP socket
 * with CPython's framing: a 4-byte big-endian length (−1 then 8 bytes beyond 2³¹−1), then the
 * payload. Byte messages ({@link #sendBytes}/{@link #recvBytes}) are byte-for-byte CPython's, so
 * a Java end talks to a {@code python3.13} end; objects ({@link #send}/{@link #recv}) use
 * {@link Wire}'s encoding, which CPython does not read.
 *
 * <p>Sent to another process (as an argument of a {@code Process} or through a queue), a
 * connection moves there: the receiving JVM connects back to this JVM's {@link Hub}, and either
 * takes the place of the end (a {@code Pipe()} end never used here: a direct socket) or is
 * relayed to it (an end already connected). Here the moved object is then closed.
 *
 * <p>{@link #fileno()} is a number unique in this JVM, not an OS descriptor (the JDK does not
 * expose one). A thread interrupted while blocked here gets {@code KeyboardInterrupt}, and, as
 * the JDK's interruptible channels do, the connection is closed.
 */
public class Connection implements AutoCloseable, Serializable {
    private static final long serialVersionUID = 1L;
    private static final AtomicInteger HANDLES = new AtomicInteger(3);
    private static final int SMALL = 16384;

    /** Cleared when a message was too long for {@code recv_bytes(maxlength)} (CPython's {@code _bad_message_length}). */
    private volatile boolean readable;
    private final boolean writable;
    private final transient Object readLock = new Object();
    private final transient Object writeLock = new Object();
    private transient volatile SocketChannel channel;
    /** Supplies the channel of an end not yet connected (a fresh Pipe end, a connection received from another process). */
    private transient volatile Attach attach;
    private transient volatile boolean closed;
    private transient volatile boolean moved;
    private final transient int handle = HANDLES.getAndIncrement();
    private final transient ByteBuffer in = ByteBuffer.allocate(1 << 16).flip();

    /** How a not yet connected end gets its channel (blocking). */
    interface Attach {
        SocketChannel channel(Connection end) throws IOException;

        /** Called when {@code end} is sent to another process; returns the id that process asks the hub for. */
        long moveOut(Connection end);

        /** Waits until {@code deadline} ({@link System#nanoTime}), or {@code forever}, for {@link #channel} not to block; whether it will not. */
        default boolean ready(long deadline, boolean forever) {
            return true;
        }
    }

    Connection(SocketChannel channel, boolean readable, boolean writable) {
        if (!readable && !writable) throw new ValueError("at least one of `readable` and `writable` must be True");
        this.channel = channel;
        this.readable = readable;
        this.writable = writable;
    }

    Connection(Attach attach, boolean readable, boolean writable) {
        this((SocketChannel) null, readable, writable);
        this.attach = attach;
    }

    // ------------------------------------------------------------------ attributes

    /** {@code closed}. */
    public boolean closed() {
        return closed;
    }

    public boolean readable() {
        return readable;
    }

    public boolean writable() {
        return writable;
    }

    /** {@code fileno()}: a handle number unique in this JVM (OSError {@code handle is closed} once closed). */
    public int fileno() {
        checkClosed();
        return handle;
    }

    /** {@code close()}: closes the socket (idempotent). */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        SocketChannel c = channel;
        if (c != null && !moved) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing: nothing left to do
            }
        }
    }

    // ------------------------------------------------------------------ bytes

    /** {@code send_bytes(buf)}. */
    public void sendBytes(byte[] buf) {
        sendBytes(buf, 0);
    }

    /** {@code send_bytes(buf, offset)}. */
    public void sendBytes(byte[] buf, int offset) {
        checkClosed();
        checkWritable();
        sendBytes(buf, offset, buf.length - offset);
    }

    /** {@code send_bytes(buf, offset, size)}: CPython's argument checks, then one message of {@code buf[offset:offset+size]}. */
    public void sendBytes(byte[] buf, int offset, int size) {
        checkClosed();
        checkWritable();
        if (offset < 0) throw new ValueError("offset is negative");
        if (buf.length < offset) throw new ValueError("buffer length < offset");
        if (size < 0) throw new ValueError("size is negative");
        if (offset + size > buf.length) throw new ValueError("buffer length < offset + size");
        writeMessage(buf, offset, size);
    }

    /** {@code recv_bytes()}: the next message; EOFError when the other end closed with nothing left. */
    public byte[] recvBytes() {
        checkClosed();
        checkReadable();
        return readMessage(-1);
    }

    /** {@code recv_bytes(maxlength)}: OSError {@code bad message length} for a longer message (the connection stops being readable). */
    public byte[] recvBytes(int maxlength) {
        checkClosed();
        checkReadable();
        if (maxlength < 0) throw new ValueError("negative maxlength");
        byte[] b = readMessage(maxlength);
        if (b == null) {
            if (writable) readable = false;
            else close();
            throw new OSError("bad message length");
        }
        return b;
    }

    /** {@code recv_bytes_into(buf)}. */
    public int recvBytesInto(byte[] buf) {
        return recvBytesInto(buf, 0);
    }

    /** {@code recv_bytes_into(buf, offset)}: the message's size; {@link BufferTooShort} (carrying the message) when it does not fit. */
    public int recvBytesInto(byte[] buf, int offset) {
        checkClosed();
        checkReadable();
        if (offset < 0) throw new ValueError("negative offset");
        if (offset > buf.length) throw new ValueError("offset too large");
        byte[] m = readMessage(-1);
        if (buf.length < offset + m.length) throw new BufferTooShort((Object) m);
        System.arraycopy(m, 0, buf, offset, m.length);
        return m.length;
    }

    // ------------------------------------------------------------------ objects

    /** {@code send(obj)}: one message holding {@code obj} ({@link Wire#dumps}); not serializable → TypeError, nothing sent. */
    public void send(Object obj) {
        checkClosed();
        checkWritable();
        byte[] b = Wire.dumps(obj);
        writeMessage(b, 0, b.length);
    }

    /** {@code recv()}: the next object. */
    public Object recv() {
        checkClosed();
        checkReadable();
        return Wire.loads(readMessage(-1));
    }

    /** {@code poll()}: whether a message (or end of file) can be read now. */
    public boolean poll() {
        return poll(0);
    }

    /** {@code poll(timeout)}: waits up to {@code timeout} seconds for something to read (negative: 0). */
    public boolean poll(double timeout) {
        checkClosed();
        checkReadable();
        return !Connections.wait(java.util.List.of(this), timeout).isEmpty();
    }

    // ------------------------------------------------------------------ I/O

    private void writeMessage(byte[] buf, int offset, int size) {
        synchronized (writeLock) {
            try {
                SocketChannel c = channel();
                if (size <= SMALL) {
                    ByteBuffer b = ByteBuffer.allocate(4 + size).putInt(size).put(buf, offset, size).flip();
                    writeFully(c, b);
                } else {
                    writeFully(c, ByteBuffer.allocate(4).putInt(size).flip());
                    writeFully(c, ByteBuffer.wrap(buf, offset, size));
                }
            } catch (IOException e) {
                throw failure(e, OSError.EPIPE);
            }
        }
    }

    private static void writeFully(SocketChannel c, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) c.write(b);
    }

    /** The next message; null if longer than {@code max} (when {@code max >= 0}). */
    private byte[] readMessage(int max) {
        synchronized (readLock) {
            try {
                SocketChannel c = channel();
                if (!fill(c, 4)) throw new EOFError();
                long size = in.getInt();
                if (size == -1) {
                    if (!fill(c, 8)) throw new OSError("got end of file during message");
                    size = in.getLong();
                }
                if (size > Integer.MAX_VALUE - 16) throw new OSError("bad message length");
                if (max >= 0 && size > max) return null;
                byte[] m = new byte[(int) size];
                int got = Math.min(in.remaining(), m.length);
                in.get(m, 0, got);
                ByteBuffer rest = ByteBuffer.wrap(m, got, m.length - got);
                while (rest.hasRemaining()) {
                    if (c.read(rest) < 0) throw new OSError("got end of file during message");
                }
                return m;
            } catch (IOException e) {
                throw failure(e, OSError.ECONNRESET);
            }
        }
    }

    /** Reads until {@code n} bytes are buffered; false at end of file before any byte. */
    private boolean fill(SocketChannel c, int n) throws IOException {
        if (in.remaining() >= n) return true;
        in.compact();
        try {
            while (in.position() < n) {
                if (c.read(in) < 0) {
                    if (in.position() == 0) return false;
                    throw new OSError("got end of file during message");
                }
            }
        } finally {
            in.flip();
        }
        return true;
    }

    private RuntimeException failure(IOException e, int errno) {
        if (e instanceof ClosedByInterruptException) {
            closed = true;
            KeyboardInterrupt k = new KeyboardInterrupt();
            k.initCause(e);
            return k;
        }
        if (closed) return (OSError) new OSError("handle is closed").from(e);
        return OSError.of(errno, null).from(e);
    }

    /** The socket, connecting a fresh end first. */
    SocketChannel channel() throws IOException {
        SocketChannel c = channel;
        if (c != null) return c;
        synchronized (this) {
            if (channel == null) channel = attach.channel(this);
            if (closed) channel.close();
            return channel;
        }
    }

    /** Whether the socket is there by {@code deadline} (or {@code forever}): a fresh end whose peer moved waits for it. */
    boolean attached(long deadline, boolean forever) {
        Attach a = attach;
        return channel != null || a == null || a.ready(deadline, forever);
    }

    /** Whether something (a message or end of file) is buffered without touching the socket. */
    boolean buffered() {
        return in.hasRemaining();
    }

    /** Registers the channel for reading with {@code selector} (switching it to non-blocking mode). */
    SelectionKey register(Selector selector) throws IOException {
        SocketChannel c = channel();
        c.configureBlocking(false);
        return c.register(selector, SelectionKey.OP_READ, this);
    }

    static void restoreBlocking(Connection conn) {
        try {
            SocketChannel c = conn.channel;
            if (c != null && c.isOpen()) c.configureBlocking(true);
        } catch (IOException | RuntimeException ignored) {
            // closed meanwhile: the next operation reports it
        }
    }

    Object readLock() {
        return readLock;
    }

    private void checkClosed() {
        if (closed) throw new OSError("handle is closed");
    }

    private void checkReadable() {
        if (!readable) throw new OSError("connection is write-only");
    }

    private void checkWritable() {
        if (!writable) throw new OSError("connection is read-only");
    }

    // ------------------------------------------------------------------ crossing processes

    /** Serialized, an end is replaced by where the receiving process finds it: this JVM's hub and an id. */
    private Object writeReplace() throws ObjectStreamException {
        Wire.checkHandOver(this);
        checkClosed();
        long id;
        synchronized (this) {
            Attach a = attach;
            id = channel == null && a != null ? a.moveOut(this) : Transfers.relay(this);
            moved = true;
            closed = true;
        }
        return new Moved(Hub.get().address(), id, readable, writable);
    }

    /**
     * Takes over {@code other}'s socket and the bytes it has read ahead (a hub connection that
     * read its request may have buffered the first messages that followed).
     */
    SocketChannel adopt(Connection other) {
        ByteBuffer early = other.in;
        in.clear().put(early).flip();
        return other.channel;
    }

    /** The socket of a moved end and the bytes already read from it, for the relay. */
    SocketChannel movedChannel() {
        return channel;
    }

    ByteBuffer movedBuffer() {
        return in;
    }

    /**
     * A connection on its way to another process. Received, it connects to its owner at once, as
     * CPython's unpickling fetches the descriptor: from then on this process holds the end, and its
     * death closes it, whether or not it was used (an end that only waited for its first use would
     * leave its peer waiting forever after such a death). If the owner cannot be reached, the
     * first use reports it. A class, not a record: a fresh JVM's first record deserialization
     * spins method handles for 30-70 ms, and every child reading a pipe end would pay it.
     */
    private static final class Moved implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String hub;
        private final long id;
        private final boolean readable;
        private final boolean writable;

        Moved(String hub, long id, boolean readable, boolean writable) {
            this.hub = hub;
            this.id = id;
            this.readable = readable;
            this.writable = writable;
        }

        private Object readResolve() {
            Connection end = new Connection(new Transfers.Remote(hub, id), readable, writable);
            try {
                end.channel();
            } catch (IOException | RuntimeException e) {
                // not reachable now: the first send or receive raises
            }
            return end;
        }
    }

    /** {@code <multiprocessing.connection.Connection object at 0x…>}. */
    @Override
    public String toString() {
        return "<multiprocessing.connection.Connection object at " + Py.addressOf(this) + ">";
    }

    static Tuple request(String kind, Object... rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = kind;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return Tuple.of(all);
    }
}
