package dev.pyconcurrent.multiprocessing.managers;

/**
 * What {@code manager.Queue()} and {@code manager.JoinableQueue()} return: CPython's
 * {@code AutoProxy[Queue]} over a {@code queue.Queue} in the server, here with the queue's
 * methods typed. {@code queue.Empty}/{@code queue.Full} are raised here as the server's queue
 * raised them.
 */
public class QueueProxy<E> extends BaseProxy {
    private static final long serialVersionUID = 1L;

    protected QueueProxy() {}

    @Override
    String typeName() {
        return "AutoProxy[" + token().typeid() + "]";
    }

    /** {@code put(item)}. */
    public void put(E item) {
        callmethod("put", item);
    }

    /** {@code put(item, block)}. */
    public void put(E item, boolean block) {
        callmethod("put", item, block);
    }

    /** {@code put(item, block, timeout)}. */
    public void put(E item, boolean block, double timeout) {
        callmethod("put", item, block, timeout);
    }

    /** {@code put_nowait(item)}. */
    public void putNowait(E item) {
        callmethod("putNowait", item);
    }

    /** {@code get()}. */
    public E get() {
        return callmethod("get");
    }

    /** {@code get(block)}. */
    public E get(boolean block) {
        return callmethod("get", block);
    }

    /** {@code get(block, timeout)}: {@code queue.Empty} when nothing came. */
    public E get(boolean block, double timeout) {
        return callmethod("get", block, timeout);
    }

    /** {@code get_nowait()}. */
    public E getNowait() {
        return callmethod("getNowait");
    }

    /** {@code qsize()}. */
    public int qsize() {
        return callmethod("qsize");
    }

    /** {@code empty()}. */
    public boolean empty() {
        return callmethod("empty");
    }

    /** {@code full()}. */
    public boolean full() {
        return callmethod("full");
    }

    /** {@code task_done()}: ValueError {@code task_done() called too many times}. */
    public void taskDone() {
        callmethod("taskDone");
    }

    /** {@code join()}: until every item put has been marked done. */
    public void join() {
        callmethod("join");
    }
}
