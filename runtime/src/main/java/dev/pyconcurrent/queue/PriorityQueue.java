package dev.pyconcurrent.queue;

import dev.pyconcurrent.heapq.Heapq;
import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code queue.PriorityQueue}: a {@link Queue} that returns the lowest item first,
 * by Python's ordering ({@code Py.lt}). Entries are typically {@code Py.tuple(priority, data)}.
 *
 * <p>The heap is CPython's {@code heapq} step for step ({@link Heapq}), so equal entries come
 * out in CPython's order and unorderable ones raise its {@code TypeError} ({@code '<' not
 * supported between instances of 'A' and 'B'}) with the same effect on the queue: a
 * {@code put} that fails that way has already added the item (CPython's {@code heappush}
 * appends before comparing) but counts no unfinished task and wakes no getter.
 */
public class PriorityQueue<E> extends Queue<E> {
    private ArrayList<E> heap;  // assigned by _init, called from the super constructor: no initializer

    public PriorityQueue() {
        super();
    }

    public PriorityQueue(int maxsize) {
        super(maxsize);
    }

    @Override
    protected void _init(int maxsize) {
        heap = new ArrayList<>();
    }

    @Override
    protected int _qsize() {
        return heap.size();
    }

    @Override
    protected void _put(E item) {
        Heapq.heappush(heap, item);
    }

    @Override
    protected E _get() {
        return Heapq.heappop(heap);
    }

    @Override
    protected List<E> _queue() {
        return new ArrayList<>(heap);
    }
}
