package dev.pyconcurrent.multiprocessing.dummy.connection;

import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.queue.Queue;

/**
 * Python's {@code multiprocessing.dummy.connection.Listener}: its {@link #address()} is a
 * {@code queue.Queue} of {@code backlog} places on which {@link Connections#Client} puts the
 * queues of a new connection; {@link #accept()} takes them.
 */
public class Listener implements AutoCloseable {
    private volatile Queue<Tuple> backlog;

    /** {@code Listener()}. */
    public Listener() {
        this(null, null, 1);
    }

    /** {@code Listener(address, family, backlog)}: address and family are ignored, as in CPython. */
    public Listener(Object address, String family, int backlog) {
        this.backlog = new Queue<>(backlog);
    }

    /** {@code accept()}: waits for a client. */
    public Connection accept() {
        Tuple ends = backlog.get();
        return new Connection((Channel) ends.get(0), (Channel) ends.get(1));
    }

    /** {@code close()}: the address becomes {@code None}. */
    @Override
    public void close() {
        backlog = null;
    }

    /** {@code address}: the backlog queue, {@code None} once closed. */
    public Queue<Tuple> address() {
        return backlog;
    }

    /** {@code with Listener() as l:}. */
    public Listener enter() {
        return this;
    }
}
