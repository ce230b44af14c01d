package dev.pyconcurrent.multiprocessing.synchronize;

/**
 * {@code multiprocessing.RLock}: a recursive lock shared by threads and processes; only its
 * owner may release it ({@code AssertionError: attempt to release recursive lock not owned by
 * thread}).
 */
public class RLock extends SemLock {
    private static final long serialVersionUID = 1L;

    public RLock() {
        super(RECURSIVE_MUTEX, 1, 1);
    }

    @Override
    public RLock enter() {
        acquire();
        return this;
    }

    /** {@code <RLock(None, 0)>}, {@code <RLock(MainProcess, 2)>}, {@code <RLock(SomeOtherProcess, nonzero)>}… */
    @Override
    public String toString() {
        String owner = ownerName();
        Object depth = isMine() ? count() : owner.equals("None") ? 0 : "nonzero";
        return "<RLock(" + owner + ", " + depth + ")>";
    }
}
