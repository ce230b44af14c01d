package dev.pyconcurrent.threading;

/**
 * What {@link Lock}, {@link RLock} and {@link Semaphore} share: Python's {@code acquire} forms,
 * {@code release}, and the {@code with} statement, over their synchronizer ({@link Gate}).
 * Only the timed {@code acquire(blocking, timeout)} differs between them, and it is the gate's.
 *
 * @param <A> the primitive's own type, which {@link #enter()} returns
 */
public abstract class Acquirable<A extends Acquirable<A>> implements AutoCloseable {
    /** A primitive's synchronizer, as the forms above use it. */
    interface Gate {
        /** One attempt that never blocks. */
        boolean tryOnce();

        /** Waits (parked, interruptibly: {@code KeyboardInterrupt}) until acquired. */
        void park();

        /** {@code acquire(blocking, timeout)} with the primitive's own checks and timeout rule. */
        boolean acquire(boolean blocking, double timeout);

        /** {@code release()}: one level, one unit. */
        void releaseOne();
    }

    private final Gate gate;

    Acquirable(Gate gate) {
        this.gate = gate;
    }

    /** {@code acquire()}: blocks until the lock is free (a semaphore's counter positive), takes it, returns {@code true}. */
    public boolean acquire() {
        if (!gate.tryOnce()) gate.park();
        return true;
    }

    /**
     * {@code acquire(blocking)}: with {@code false}, takes the lock only if it is free (a
     * semaphore: only if its counter is positive), and says whether it did.
     */
    public boolean acquire(boolean blocking) {
        return blocking ? acquire() : gate.tryOnce();
    }

    /** {@code acquire(timeout=t)}: {@code false} when the timeout expires first; a lock's {@code -1} waits forever. */
    public boolean acquire(double timeout) {
        return acquire(true, timeout);
    }

    /** {@code acquire(blocking, timeout)}, with CPython's argument checks for this primitive. */
    public boolean acquire(boolean blocking, double timeout) {
        return gate.acquire(blocking, timeout);
    }

    /**
     * {@code release()}: a {@link Lock} may be released by any thread ({@code RuntimeError:
     * release unlocked lock} when unlocked), an {@link RLock} one level by its owner only
     * ({@code RuntimeError: cannot release un-acquired lock}), a {@link Semaphore} adds one.
     */
    public void release() {
        gate.releaseOne();
    }

    /** {@code __enter__}: acquires (blocking) and returns this primitive for try-with-resources. */
    @SuppressWarnings("unchecked")
    public A enter() {
        acquire();
        return (A) this;
    }

    /** {@code __exit__}: releases. */
    @Override
    public void close() {
        release();
    }
}
