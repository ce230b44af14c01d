package dev.pyconcurrent.multiprocessing.synchronize;

/**
 * {@code multiprocessing.Lock}: a non-recursive lock shared by threads and processes (a
 * {@link SemLock} of value 1). Any thread or process may release it; releasing it unlocked
 * raises {@code ValueError: semaphore or lock released too many times}.
 */
public class Lock extends SemLock {
    private static final long serialVersionUID = 1L;

    public Lock() {
        super(SEMAPHORE, 1, 1);
    }

    @Override
    public Lock enter() {
        acquire();
        return this;
    }

    /** {@code <Lock(owner=None)>}, {@code owner=MainProcess}, {@code owner=MainProcess|Thread-1}, {@code owner=SomeOtherThread}… */
    @Override
    public String toString() {
        return "<Lock(owner=" + ownerName() + ")>";
    }
}
