package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.builtins.AssertionError;
import dev.pyconcurrent.builtins.OSError;
import dev.pyconcurrent.builtins.ValueError;

/**
 * {@code multiprocessing.Queue(maxsize=0)}: a FIFO queue shared by processes (pass it to a
 * {@link Process} or through another queue). {@code queue.Empty} / {@code queue.Full} as in
 * CPython; after {@link #close()}, {@code put}/{@code get} raise
 * {@code ValueError: Queue <…> is closed}. How it crosses processes: {@link SharedQueue}.
 * {@link #joinThread()} and {@link #cancelJoinThread()} keep CPython's contract, but there is no
 * feeder thread to wait for: a proxy's {@code put} has written its item to the socket when it returns.
 */
public class Queue<E> extends SharedQueue<E> {
    private static final long serialVersionUID = 1L;

    /** {@code Queue()}: unbounded. */
    public Queue() {
        this(0);
    }

    /** {@code Queue(maxsize)}: at most {@code maxsize} items (0 or less: unbounded). */
    public Queue(int maxsize) {
        super(maxsize);
    }

    Queue(int maxsize, String owner, long id) {
        super(maxsize, owner, id);
    }

    /** {@code put(obj)}: blocks while full. */
    public void put(E item) {
        put(item, true, -1);
    }

    /** {@code put(obj, block)}. */
    public void put(E item, boolean block) {
        put(item, block, -1);
    }

    /** {@code put(obj, block, timeout)}: {@code queue.Full} if no slot freed within {@code timeout} seconds. */
    public void put(E item, boolean block, double timeout) {
        checkClosed();
        doPut(item, block, timeout);
    }

    /** {@code put_nowait(obj)}. */
    public void putNowait(E item) {
        put(item, false);
    }

    /** {@code get()}: blocks until an item is there. */
    public E get() {
        return get(true, -1);
    }

    public E get(boolean block) {
        return get(block, -1);
    }

    /** {@code get(block, timeout)}: {@code queue.Empty} if none came within {@code timeout} seconds. */
    public E get(boolean block, double timeout) {
        checkClosed();
        return doGet(block, timeout);
    }

    /** {@code get_nowait()}. */
    public E getNowait() {
        return get(false);
    }

    /** {@code qsize()}: the approximate number of items. */
    public int qsize() {
        return doQsize();
    }

    /** {@code empty()}; OSError {@code handle is closed} after {@link #close()}. */
    public boolean empty() {
        if (closed) throw new OSError("handle is closed");
        return doEmpty();
    }

    /** {@code full()}. */
    public boolean full() {
        return doFull();
    }

    /** {@code close()}: this process puts and gets no more through this object. */
    public void close() {
        closed = true;
        closeSockets();
    }

    /** {@code join_thread()}: after {@link #close()}; AssertionError {@code Queue <…> not closed} before. */
    public void joinThread() {
        if (!closed) throw new AssertionError("Queue " + this + " not closed");
    }

    /** {@code cancel_join_thread()}. */
    public void cancelJoinThread() {
        // no feeder thread: nothing to detach
    }

    private void checkClosed() {
        if (closed) throw new ValueError("Queue " + this + " is closed");
    }
}
