package dev.pyconcurrent.queue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Python's {@code queue.LifoQueue}: a {@link Queue} that returns the most recently added item first. */
public class LifoQueue<E> extends Queue<E> {
    private Object[] stack;  // assigned by _init, called from the super constructor: no initializer
    private int size;

    public LifoQueue() {
        super();
    }

    public LifoQueue(int maxsize) {
        super(maxsize);
    }

    @Override
    protected void _init(int maxsize) {
        stack = new Object[16];
    }

    @Override
    protected int _qsize() {
        return size;
    }

    @Override
    protected void _put(E item) {
        if (size == stack.length) stack = Arrays.copyOf(stack, size << 1);
        stack[size++] = item;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected E _get() {
        E item = (E) stack[--size];
        stack[size] = null;
        return item;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected List<E> _queue() {
        return new ArrayList<>((List<E>) Arrays.asList(Arrays.copyOf(stack, size)));
    }
}
