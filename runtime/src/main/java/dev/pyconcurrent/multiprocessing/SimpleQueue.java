package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.builtins.OSError;

/**
 * {@code multiprocessing.SimpleQueue()}: an unbounded queue with only {@code put}, {@code get},
 * {@code empty} and {@code close}; after {@code close()} they raise
 * {@code OSError: handle is closed}, as CPython's (its pipe is closed).
 */
public class SimpleQueue<E> extends SharedQueue<E> {
    private static final long serialVersionUID = 1L;

    public SimpleQueue() {
        super(0);
    }

    SimpleQueue(int maxsize, String owner, long id) {
        super(maxsize, owner, id);
    }

    public void put(E item) {
        checkClosed();
        doPut(item, true, -1);
    }

    public E get() {
        checkClosed();
        return doGet(true, -1);
    }

    public boolean empty() {
        checkClosed();
        return doEmpty();
    }

    public void close() {
        closed = true;
        closeSockets();
    }

    private void checkClosed() {
        if (closed) throw new OSError("handle is closed");
    }
}
