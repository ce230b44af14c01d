package dev.pyconcurrent.queue;

import dev.pyconcurrent.builtins.KeyboardInterrupt;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.time.Timeout;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.TimeUnit;

/**
 * Python's {@code queue.SimpleQueue} (the C {@code _queue.SimpleQueue}): an unbounded FIFO
 * queue without task accounting or shutdown. {@code put} never blocks (its {@code block} and
 * {@code timeout} are accepted and ignored, as in CPython); {@code get} blocks as
 * {@link Queue#get} does.
 *
 * <p>Lock-free: a {@link LinkedTransferQueue} underneath. {@code None} ({@code null}) is a valid
 * item. {@link #qsize()} walks the nodes (O(n)); {@link #empty()} does not.
 */
public class SimpleQueue<E> {
    private static final Object NONE = new Object();
    private final LinkedTransferQueue<Object> items = new LinkedTransferQueue<>();

    /** {@code put(item)}: never blocks. */
    public void put(E item) {
        items.offer(item == null ? NONE : item);
    }

    /** {@code put(item, block)}: {@code block} is ignored, as in CPython. */
    public void put(E item, boolean block) {
        put(item);
    }

    /** {@code put(item, block, timeout)}: both ignored, as in CPython (no validation either). */
    public void put(E item, boolean block, double timeout) {
        put(item);
    }

    /** {@code put_nowait(item)}. */
    public void putNowait(E item) {
        put(item);
    }

    /** {@code get()}: blocks until an item is available. */
    public E get() {
        try {
            return unwrap(items.take());
        } catch (InterruptedException e) {
            throw KeyboardInterrupt.interrupted(e);
        }
    }

    /** {@code get(block)}: without blocking, raises {@link Empty} if the queue is empty. */
    public E get(boolean block) {
        return block ? get() : getNowait();
    }

    /**
     * {@code get(block, timeout)}: blocks at most {@code timeout} seconds, then raises
     * {@link Empty}; without {@code block} the timeout is ignored (not even validated).
     *
     * @throws ValueError {@code Invalid value NaN (not a number)}, or
     *         {@code 'timeout' must be a non-negative number}
     * @throws dev.pyconcurrent.builtins.OverflowError beyond the platform's time range
     */
    public E get(boolean block, double timeout) {
        if (!block) return getNowait();
        long nanos = Timeout.ceilingNanos(timeout);
        if (nanos < 0) throw new ValueError("'timeout' must be a non-negative number");
        try {
            Object item = items.poll(nanos, TimeUnit.NANOSECONDS);
            if (item == null) throw new Empty();
            return unwrap(item);
        } catch (InterruptedException e) {
            throw KeyboardInterrupt.interrupted(e);
        }
    }

    /** {@code get_nowait()}: raises {@link Empty} if the queue is empty. */
    public E getNowait() {
        Object item = items.poll();
        if (item == null) throw new Empty();
        return unwrap(item);
    }

    /** {@code True} if the queue is empty (not reliable, as in Python). */
    public boolean empty() {
        return items.isEmpty();
    }

    /** The approximate number of items. */
    public int qsize() {
        return items.size();
    }

    @SuppressWarnings("unchecked")
    private static <E> E unwrap(Object item) {
        return item == NONE ? null : (E) item;
    }

    /** {@code <_queue.SimpleQueue object at 0x…>}. */
    @Override
    public String toString() {
        return "<_queue.SimpleQueue object at " + Py.addressOf(this) + ">";
    }
}
