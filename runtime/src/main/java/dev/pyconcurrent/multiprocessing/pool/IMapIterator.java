package dev.pyconcurrent.multiprocessing.pool;

import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.StopIteration;
import dev.pyconcurrent.multiprocessing.TimeoutError;
import dev.pyconcurrent.threading.Condition;
import dev.pyconcurrent.threading.Lock;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Python's {@code multiprocessing.pool.IMapIterator}: the results of {@link Pool#imap}, lazily,
 * in order; a task's exception is raised by the {@code next} that reaches it, and the
 * iteration goes on after it. With a chunk size above 1 each answer is a chunk, handed out
 * item by item, and a chunk's exception ends the iteration (CPython wraps the iterator in a
 * generator for that; here it is the same object, so {@link #next(double)} works there too).
 */
public class IMapIterator<R> implements Iterator<R>, Iterable<R>, Pool.Job {
    private final long job = Pool.nextJob();
    private final Pool.Cache cache;
    private final boolean chunked;
    final Condition cond = new Condition(new Lock());
    final ArrayDeque<Object[]> items = new ArrayDeque<>();
    int index;
    private Integer length;
    private final Map<Integer, Object[]> unsorted = new HashMap<>();
    /** The rest of the chunk being handed out. */
    private Iterator<?> chunk;
    /** A chunk raised: the generator CPython returns for chunks is finished. */
    private boolean finished;

    IMapIterator(Pool pool, boolean chunked) {
        this.cache = pool.cache;
        this.chunked = chunked;
        cache.put(job, this);
    }

    long job() {
        return job;
    }

    /** This iterator itself (one pass). */
    @Override
    public Iterator<R> iterator() {
        return this;
    }

    /** Whether another result comes: waits until it is there, or the results have ended. */
    @Override
    public boolean hasNext() {
        if (finished) return false;
        if (chunk != null && chunk.hasNext()) return true;
        cond.acquire();
        try {
            while (true) {
                if (!items.isEmpty()) {
                    if (!chunked || !(boolean) items.peekFirst()[0]) return true;
                    chunk = ((List<?>) items.pollFirst()[1]).iterator();
                    if (chunk.hasNext()) return true;
                    continue;
                }
                if (ended()) return false;
                cond.await();
            }
        } finally {
            cond.release();
        }
    }

    /** {@code next(it)}: the next result ({@link NoSuchElementException} at the end, as a Java iterator). */
    @Override
    public R next() {
        if (!hasNext()) throw new NoSuchElementException();
        return take();
    }

    /**
     * {@code next(timeout)}: the next result, {@code multiprocessing.TimeoutError} if none came
     * within {@code timeout} seconds, {@code StopIteration} at the end.
     */
    public R next(double timeout) {
        if (finished) throw new StopIteration();
        if (chunk != null && chunk.hasNext()) return take();
        cond.acquire();
        try {
            if (items.isEmpty()) {
                if (ended()) throw new StopIteration();
                cond.await(timeout);
                if (items.isEmpty()) {
                    if (ended()) throw new StopIteration();
                    throw new TimeoutError();
                }
            }
        } finally {
            cond.release();
        }
        if (!hasNext()) throw new StopIteration();
        return take();
    }

    @SuppressWarnings("unchecked")
    private R take() {
        if (chunk != null && chunk.hasNext()) return (R) chunk.next();
        Object[] item;
        cond.acquire();
        try {
            item = items.pollFirst();
        } finally {
            cond.release();
        }
        if ((boolean) item[0]) return (R) item[1];
        finished = chunked;
        throw Py.rethrow((Throwable) item[1]);
    }

    /** All results are in: the length is known and reached. */
    boolean ended() {
        return length != null && index == length;
    }

    /** CPython's {@code del self._cache[self._job]}. */
    void leaveCache() {
        cache.remove(job);
    }

    /** CPython's {@code IMapIterator._set}: results are handed out in task order. */
    @Override
    public void set(int i, boolean success, Object value) {
        cond.acquire();
        try {
            if (index == i) {
                items.addLast(new Object[] {success, value});
                index++;
                while (unsorted.containsKey(index)) items.addLast(unsorted.remove(index++));
                cond.signal();
            } else {
                unsorted.put(i, new Object[] {success, value});
            }
            if (ended()) leaveCache();
        } finally {
            cond.release();
        }
    }

    /** CPython's {@code _set_length}: the task handler has sent every task. */
    void setLength(int n) {
        cond.acquire();
        try {
            length = n;
            if (ended()) {
                cond.signal();
                leaveCache();
            }
        } finally {
            cond.release();
        }
    }

    /** {@code <multiprocessing.pool.IMapIterator object at 0x…>}. */
    @Override
    public String toString() {
        return "<multiprocessing.pool." + getClass().getSimpleName() + " object at " + Py.addressOf(this) + ">";
    }
}
