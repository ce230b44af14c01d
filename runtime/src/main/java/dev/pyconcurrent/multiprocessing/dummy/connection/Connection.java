package dev.pyconcurrent.multiprocessing.dummy.connection;

import dev.pyconcurrent.builtins.Py;

/**
 * Python's {@code multiprocessing.dummy.connection.Connection}: two thread queues, one per
 * direction. {@code send}/{@code sendBytes} put, {@code recv}/{@code recvBytes} get (objects
 * are passed as they are, not copied); {@link #close()} does nothing, as in CPython.
 */
public class Connection implements AutoCloseable {
    private final Channel in;
    private final Channel out;

    Connection(Channel in, Channel out) {
        this.in = in;
        this.out = out;
    }

    /** {@code send(obj)}. */
    public void send(Object obj) {
        out.put(obj);
    }

    /** {@code recv()}: waits for the next object. */
    public Object recv() {
        return in.get();
    }

    /** {@code send_bytes(buf)}: the same queue as {@link #send}. */
    public void sendBytes(byte[] buf) {
        out.put(buf);
    }

    /** {@code recv_bytes()}. */
    public byte[] recvBytes() {
        return (byte[]) in.get();
    }

    /** {@code poll()}: whether something can be received now. */
    public boolean poll() {
        return poll(0.0);
    }

    /** {@code poll(timeout)}. */
    public boolean poll(double timeout) {
        return in.poll(timeout);
    }

    /** {@code close()}: nothing to release. */
    @Override
    public void close() {}

    /** {@code with conn:}. */
    public Connection enter() {
        return this;
    }

    /** {@code <multiprocessing.dummy.connection.Connection object at 0x…>}. */
    @Override
    public String toString() {
        return "<multiprocessing.dummy.connection.Connection object at " + Py.addressOf(this) + ">";
    }
}
