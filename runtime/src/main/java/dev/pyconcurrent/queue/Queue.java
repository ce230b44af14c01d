package dev.pyconcurrent.queue;

import dev.pyconcurrent.builtins.KeyboardInterrupt;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.time.Timeout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Python's {@code queue.Queue}: a FIFO queue for many producers and consumers, bounded by
 * {@code maxsize} ({@code maxsize <= 0}: unbounded), with task accounting
 * ({@link #taskDone()} / {@link #join()}) and 3.13's {@link #shutdown(boolean) shutdown}.
 *
 * <p>Built as CPython's {@code Lib/queue.py} is: one mutex shared by the three conditions
 * {@code not_empty}, {@code not_full} and {@code all_tasks_done}, here a
 * {@link ReentrantLock} and its {@link Condition}s (as {@code ArrayBlockingQueue} is), with the
 * same checks in the same order, so every call raises what CPython raises. The storage is a
 * growable ring buffer; {@link LifoQueue} and {@link PriorityQueue} replace it through the same
 * four hooks Python subclasses override ({@code _init}, {@code _qsize}, {@code _put},
 * {@code _get}), called with the mutex held. {@code None} ({@code null}) is a valid item.
 *
 * <p>Python's {@code put(item, timeout=t)} is {@code put(item, true, t)}; its {@code None}
 * timeout is the overload without one. A blocking call interrupted in Java raises
 * {@link KeyboardInterrupt}.
 *
 * @param <E> the items' type ({@code queue.Queue[E]})
 */
public class Queue<E> {
    private final int maxsize;
    /** Python's {@code mutex}: held whenever the queue is mutating; shared by the three conditions. */
    protected final ReentrantLock mutex = new ReentrantLock();
    /** Python's {@code not_empty}: signalled when an item is added. */
    protected final Condition notEmpty = mutex.newCondition();
    /** Python's {@code not_full}: signalled when an item is removed. */
    protected final Condition notFull = mutex.newCondition();
    /** Python's {@code all_tasks_done}: signalled when the unfinished tasks drop to zero. */
    protected final Condition allTasksDone = mutex.newCondition();
    private int unfinishedTasks;
    private volatile boolean isShutdown;

    // The FIFO ring buffer of the base class (subclasses replace it through the hooks).
    private Object[] ring;
    private int head;
    private int count;

    /** {@code Queue()}: unbounded. */
    public Queue() {
        this(0);
    }

    /** {@code Queue(maxsize)}: at most {@code maxsize} items; {@code maxsize <= 0} means unbounded. */
    public Queue(int maxsize) {
        this.maxsize = maxsize;
        _init(maxsize);
    }

    // ------------------------------------------------------------------ task accounting

    /**
     * Indicates that a formerly enqueued task is complete: {@code join()} resumes once every
     * item put has been matched by a {@code taskDone()}.
     *
     * @throws ValueError {@code task_done() called too many times}
     */
    public void taskDone() {
        final ReentrantLock lock = mutex;
        lock.lock();
        try {
            int unfinished = unfinishedTasks - 1;
            if (unfinished <= 0) {
                if (unfinished < 0) throw new ValueError("task_done() called too many times");
                allTasksDone.signalAll();
            }
            unfinishedTasks = unfinished;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Blocks until every item put has been gotten and processed ({@link #taskDone()}), or the
     * queue is shut down immediately. As in CPython there is no timeout; an interrupt raises
     * {@link KeyboardInterrupt}.
     */
    public void join() {
        final ReentrantLock lock = mutex;
        try {
            lock.lockInterruptibly();
            try {
                while (unfinishedTasks != 0) allTasksDone.await();
            } finally {
                lock.unlock();
            }
        } catch (InterruptedException e) {
            throw KeyboardInterrupt.interrupted(e);
        }
    }

    // ------------------------------------------------------------------ size

    /** The approximate number of items (another thread may change it at once). */
    public int qsize() {
        final ReentrantLock lock = mutex;
        lock.lock();
        try {
            return _qsize();
        } finally {
            lock.unlock();
        }
    }

    /** {@code True} if the queue is empty (not reliable, as in Python). */
    public boolean empty() {
        return qsize() == 0;
    }

    /** {@code True} if the queue is bounded and holds {@code maxsize} items or more (not reliable). */
    public boolean full() {
        return maxsize > 0 && qsize() >= maxsize;
    }

    /** Python's {@code maxsize} attribute (read-only here). */
    public int maxsize() {
        return maxsize;
    }

    /** Python's {@code unfinished_tasks}: items put and not yet matched by {@code taskDone()}. */
    public int unfinishedTasks() {
        final ReentrantLock lock = mutex;
        lock.lock();
        try {
            return unfinishedTasks;
        } finally {
            lock.unlock();
        }
    }

    /** Python's {@code is_shutdown} attribute (3.13). */
    public boolean isShutdown() {
        return isShutdown;
    }

    /**
     * Python's {@code queue} attribute: the items in storage order (FIFO order for
     * {@code Queue}, bottom to top for {@code LifoQueue}, heap order for {@code PriorityQueue}),
     * as a snapshot copy rather than the live container.
     */
    public List<E> queue() {
        final ReentrantLock lock = mutex;
        lock.lock();
        try {
            return _queue();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ put

    /** {@code put(item)}: blocks while the queue is full. */
    public void put(E item) {
        put(item, true, false, 0);
    }

    /** {@code put(item, block)}: without blocking, raises {@link Full} if the queue is full. */
    public void put(E item, boolean block) {
        put(item, block, false, 0);
    }

    /**
     * {@code put(item, block, timeout)}: blocks at most {@code timeout} seconds, then raises
     * {@link Full}; the timeout is ignored when {@code block} is false.
     *
     * @throws ValueError {@code 'timeout' must be a non-negative number} (bounded queue, blocking)
     * @throws ShutDown if the queue is shut down, also while blocked
     */
    public void put(E item, boolean block, double timeout) {
        put(item, block, true, timeout);
    }

    /** {@code put_nowait(item)} = {@code put(item, false)}. */
    public void putNowait(E item) {
        put(item, false, false, 0);
    }

    private void put(E item, boolean block, boolean timed, double timeout) {
        final ReentrantLock lock = mutex;
        try {
            if (block) lock.lockInterruptibly();
            else lock.lock();
            try {
                if (isShutdown) throw new ShutDown();
                if (maxsize > 0) {
                    if (!block) {
                        if (_qsize() >= maxsize) throw new Full();
                    } else if (!timed) {
                        while (_qsize() >= maxsize) {
                            notFull.await();
                            if (isShutdown) throw new ShutDown();
                        }
                    } else if (timeout < 0) {
                        throw new ValueError("'timeout' must be a non-negative number");
                    } else {
                        // converted only when the call must wait: CPython's loop computes the remaining time inside
                        long nanos = _qsize() >= maxsize ? Timeout.remainingNanos(timeout) : 0;
                        while (_qsize() >= maxsize) {
                            if (nanos <= 0) throw new Full();
                            nanos = notFull.awaitNanos(nanos);
                            if (isShutdown) throw new ShutDown();
                        }
                    }
                }
                _put(item);
                unfinishedTasks++;
                notEmpty.signal();
            } finally {
                lock.unlock();
            }
        } catch (InterruptedException e) {
            throw KeyboardInterrupt.interrupted(e);
        }
    }

    // ------------------------------------------------------------------ get

    /** {@code get()}: removes and returns an item, blocking while the queue is empty. */
    public E get() {
        return get(true, false, 0);
    }

    /** {@code get(block)}: without blocking, raises {@link Empty} if the queue is empty. */
    public E get(boolean block) {
        return get(block, false, 0);
    }

    /**
     * {@code get(block, timeout)}: blocks at most {@code timeout} seconds, then raises
     * {@link Empty}; the timeout is ignored when {@code block} is false.
     *
     * @throws ValueError {@code 'timeout' must be a non-negative number} (blocking)
     * @throws ShutDown if the queue is shut down and empty, or shut down immediately
     */
    public E get(boolean block, double timeout) {
        return get(block, true, timeout);
    }

    /** {@code get_nowait()} = {@code get(false)}. */
    public E getNowait() {
        return get(false, false, 0);
    }

    private E get(boolean block, boolean timed, double timeout) {
        final ReentrantLock lock = mutex;
        try {
            if (block) lock.lockInterruptibly();
            else lock.lock();
            try {
                if (isShutdown && _qsize() == 0) throw new ShutDown();
                if (!block) {
                    if (_qsize() == 0) throw new Empty();
                } else if (!timed) {
                    while (_qsize() == 0) {
                        notEmpty.await();
                        if (isShutdown && _qsize() == 0) throw new ShutDown();
                    }
                } else if (timeout < 0) {
                    throw new ValueError("'timeout' must be a non-negative number");
                } else {
                    long nanos = _qsize() == 0 ? Timeout.remainingNanos(timeout) : 0;
                    while (_qsize() == 0) {
                        if (nanos <= 0) throw new Empty();
                        nanos = notEmpty.awaitNanos(nanos);
                        if (isShutdown && _qsize() == 0) throw new ShutDown();
                    }
                }
                E item = _get();
                notFull.signal();
                return item;
            } finally {
                lock.unlock();
            }
        } catch (InterruptedException e) {
            throw KeyboardInterrupt.interrupted(e);
        }
    }

    // ------------------------------------------------------------------ shutdown

    /** {@code shutdown()} = {@code shutdown(false)}. */
    public void shutdown() {
        shutdown(false);
    }

    /**
     * Shuts the queue down (3.13): puts raise {@link ShutDown} from now on, gets once the queue
     * is empty; every blocked putter and getter wakes up to re-check. With {@code immediate},
     * the remaining items are discarded, each counting as a finished task, and gets raise
     * at once; blocked {@code join()} callers are released.
     */
    public void shutdown(boolean immediate) {
        final ReentrantLock lock = mutex;
        lock.lock();
        try {
            isShutdown = true;
            if (immediate) {
                while (_qsize() != 0) {
                    _get();
                    if (unfinishedTasks > 0) unfinishedTasks--;
                }
                allTasksDone.signalAll();
            }
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ storage hooks

    /**
     * Python's {@code _init(maxsize)}: creates the storage. Called from the constructor, so an
     * overriding subclass must not give the fields it assigns here an initializer.
     */
    protected void _init(int maxsize) {
        int capacity = 16;
        while (capacity < maxsize && capacity < 1024) capacity <<= 1;
        ring = new Object[capacity];
    }

    /** Python's {@code _qsize()}, called with the mutex held. */
    protected int _qsize() {
        return count;
    }

    /** Python's {@code _put(item)}, called with the mutex held. */
    protected void _put(E item) {
        Object[] r = ring;
        if (count == r.length) r = grow();
        r[(head + count) & (r.length - 1)] = item;
        count++;
    }

    /** Python's {@code _get()}, called with the mutex held and the queue not empty. */
    @SuppressWarnings("unchecked")
    protected E _get() {
        Object[] r = ring;
        int h = head;
        E item = (E) r[h];
        r[h] = null;
        head = (h + 1) & (r.length - 1);
        count--;
        return item;
    }

    /** The items in storage order, a copy; called with the mutex held. */
    @SuppressWarnings("unchecked")
    protected List<E> _queue() {
        List<E> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) items.add((E) ring[(head + i) & (ring.length - 1)]);
        return items;
    }

    private Object[] grow() {
        Object[] old = ring;
        Object[] bigger = new Object[old.length << 1];
        for (int i = 0; i < count; i++) bigger[i] = old[(head + i) & (old.length - 1)];
        head = 0;
        return ring = bigger;
    }

    // ------------------------------------------------------------------ helpers

    /** {@code <queue.Queue object at 0x…>}, with the class's own name for the subclasses. */
    @Override
    public String toString() {
        Class<?> c = getClass();
        boolean own = c == Queue.class || c == LifoQueue.class || c == PriorityQueue.class;
        String name = own ? "queue." + c.getSimpleName() : c.getName();
        return "<" + name + " object at " + Py.addressOf(this) + ">";
    }
}
