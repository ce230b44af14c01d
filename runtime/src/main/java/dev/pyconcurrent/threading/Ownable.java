package dev.pyconcurrent.threading;

import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/** What {@link Condition} needs of its lock: its acquire forms, CPython's {@code _is_owned} and a wait queue on the lock's synchronizer. */
interface Ownable {
    boolean acquire();

    boolean acquire(boolean blocking);

    boolean acquire(boolean blocking, double timeout);

    boolean isOwned();

    boolean locked();

    void release();

    AbstractQueuedSynchronizer.ConditionObject newConditionObject();
}
