package dev.pyconcurrent.multiprocessing.synchronize;

/**
 * {@code multiprocessing.Semaphore(value=1)}: a counting semaphore shared by threads and
 * processes; a negative value raises {@code OSError: [Errno 22] Invalid argument}.
 */
public class Semaphore extends SemLock {
    private static final long serialVersionUID = 1L;

    public Semaphore() {
        this(1);
    }

    public Semaphore(int value) {
        super(SEMAPHORE, value, SEM_VALUE_MAX);
    }

    Semaphore(int value, int maxvalue) {
        super(SEMAPHORE, value, maxvalue);
    }

    @Override
    public Semaphore enter() {
        acquire();
        return this;
    }

    /** {@code get_value()}. */
    public int getValue() {
        return value();
    }

    /** {@code <Semaphore(value=2)>}. */
    @Override
    public String toString() {
        return "<Semaphore(value=" + value() + ")>";
    }
}
