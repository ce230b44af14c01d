package dev.pyconcurrent.multiprocessing.managers;

/**
 * CPython's {@code AcquirerProxy} ({@code manager.Lock()}, {@code RLock()},
 * {@code Semaphore(n)}, {@code BoundedSemaphore(n)}): the lock lives in the server, owned by the
 * server thread that serves this thread of this process. {@code with lock:} is
 * {@code try (var held = lock.enter())}.
 */
public class AcquirerProxy extends BaseProxy implements AutoCloseable {
    private static final long serialVersionUID = 1L;

    protected AcquirerProxy() {}

    /** {@code acquire()}. */
    public boolean acquire() {
        return callmethod("acquire");
    }

    /** {@code acquire(blocking)}. */
    public boolean acquire(boolean blocking) {
        return callmethod("acquire", blocking);
    }

    /** {@code acquire(blocking, timeout)}. */
    public boolean acquire(boolean blocking, double timeout) {
        return callmethod("acquire", blocking, timeout);
    }

    /** {@code acquire(timeout=t)}. */
    public boolean acquire(double timeout) {
        return acquire(true, timeout);
    }

    /** {@code release()}: the referent's error (RuntimeError {@code release unlocked lock}…) raised here. */
    public void release() {
        callmethod("release");
    }

    /** {@code __enter__}: acquires; the block's end releases. */
    public AcquirerProxy enter() {
        acquire();
        return this;
    }

    /** {@code __exit__}: releases. */
    @Override
    public void close() {
        release();
    }
}
