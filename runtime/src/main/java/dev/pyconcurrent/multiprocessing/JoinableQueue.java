package dev.pyconcurrent.multiprocessing;

/**
 * {@code multiprocessing.JoinableQueue(maxsize=0)}: a {@link Queue} whose consumers call
 * {@link #taskDone()} for each item, so that {@link #join()} can wait until all were processed,
 * in any process. {@code ValueError: task_done() called too many times}.
 */
public class JoinableQueue<E> extends Queue<E> {
    private static final long serialVersionUID = 1L;

    public JoinableQueue() {
        this(0);
    }

    public JoinableQueue(int maxsize) {
        super(maxsize);
    }

    JoinableQueue(int maxsize, String owner, long id) {
        super(maxsize, owner, id);
    }

    /** {@code task_done()}. */
    public void taskDone() {
        doTaskDone();
    }

    /** {@code join()}: until every item put was marked done. */
    public void join() {
        doJoin();
    }
}
