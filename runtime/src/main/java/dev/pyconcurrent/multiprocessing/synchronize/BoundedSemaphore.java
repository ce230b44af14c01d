package dev.pyconcurrent.multiprocessing.synchronize;

/**
 * {@code multiprocessing.BoundedSemaphore(value=1)}: a {@link Semaphore} that may not be released
 * above its initial value ({@code ValueError: semaphore or lock released too many times}).
 */
public class BoundedSemaphore extends Semaphore {
    private static final long serialVersionUID = 1L;

    public BoundedSemaphore() {
        this(1);
    }

    public BoundedSemaphore(int value) {
        super(value, value);
    }

    @Override
    public BoundedSemaphore enter() {
        acquire();
        return this;
    }

    /** {@code <BoundedSemaphore(value=2, maxvalue=2)>}. */
    @Override
    public String toString() {
        return "<BoundedSemaphore(value=" + getValue() + ", maxvalue=" + maxvalue + ")>";
    }
}
