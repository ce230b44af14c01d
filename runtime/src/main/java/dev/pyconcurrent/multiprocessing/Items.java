package dev.pyconcurrent.multiprocessing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A queue's items in the JVM that owns it (serialized, as CPython's pipe holds pickles), with one
 * addition to {@code queue.Queue}: {@link #putBack}, for the items a {@link Feed} returns unread.
 * Each item keeps the number of its put, and the queue gives them out in that order: items
 * given back by several feeds, in any order, go back to their places (a consumer's sentinel
 * given back by another feed must not overtake the items before it).
 */
final class Items extends dev.pyconcurrent.queue.Queue<Items.Item> {
    /** One serialized item and the number of its put. */
    static final class Item {
        final byte[] bytes;
        long seq;

        Item(byte[] bytes) {
            this.bytes = bytes;
        }

        Item(byte[] bytes, long seq) {
            this.bytes = bytes;
            this.seq = seq;
        }
    }

    private PriorityQueue<Item> heap; // assigned by _init, called from the super constructor: no initializer
    private long puts;

    Items(int maxsize) {
        super(maxsize);
    }

    /** Puts {@code returned} back in their places. Not a new put: the unfinished-task count (JoinableQueue) has them already. */
    void putBack(List<Item> returned) {
        if (returned.isEmpty()) return;
        mutex.lock();
        try {
            heap.addAll(returned);
            notEmpty.signalAll();
        } finally {
            mutex.unlock();
        }
    }

    @Override
    protected void _init(int maxsize) {
        heap = new PriorityQueue<>(Comparator.comparingLong((Item i) -> i.seq));
    }

    @Override
    protected int _qsize() {
        return heap.size();
    }

    @Override
    protected void _put(Item item) {
        item.seq = ++puts;
        heap.add(item);
    }

    @Override
    protected Item _get() {
        return heap.poll();
    }

    @Override
    protected List<Item> _queue() {
        List<Item> all = new ArrayList<>(heap);
        all.sort(Comparator.comparingLong((Item i) -> i.seq));
        return all;
    }
}
