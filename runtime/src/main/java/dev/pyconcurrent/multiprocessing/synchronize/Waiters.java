package dev.pyconcurrent.multiprocessing.synchronize;

import dev.pyconcurrent.builtins.KeyboardInterrupt;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The threads of this process parked on one shared segment, and an event count the releasers
 * bump ({@link #ring()}): directly when they are in this process, through the {@link Doorbell}
 * when they are in another. A waiter reads {@link #rings()} before its last look at the shared
 * state and parks only while the count is unchanged, so a ring between the two is not lost.
 */
final class Waiters {
    private static final Map<String, Waiters> BY_SEGMENT = new ConcurrentHashMap<>();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition rung = lock.newCondition();
    private long rings;

    private Waiters() {}

    static Waiters of(String segment) {
        return BY_SEGMENT.computeIfAbsent(segment, s -> new Waiters());
    }

    long rings() {
        lock.lock();
        try {
            return rings;
        } finally {
            lock.unlock();
        }
    }

    void ring() {
        lock.lock();
        try {
            rings++;
            rung.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Parks until a ring after {@code seen}, or at most {@code nanos} ({@code < 0}: no limit).
     * An interrupt raises {@link KeyboardInterrupt}.
     */
    void await(long seen, long nanos) {
        lock.lock();
        try {
            while (rings == seen) {
                if (nanos < 0) {
                    rung.await();
                } else {
                    if (nanos == 0) return;
                    nanos = Math.max(rung.awaitNanos(nanos), 0);
                }
            }
        } catch (InterruptedException e) {
            throw KeyboardInterrupt.interrupted(e);
        } finally {
            lock.unlock();
        }
    }
}
