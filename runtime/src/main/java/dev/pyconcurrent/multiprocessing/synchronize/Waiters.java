package dev.pyconcurrent.multiprocessing.synchronize;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The threads of this process waiting on one shared segment, and an event count the releasers
 * bump ({@link #ring()}): directly when they are in this process, through the {@link Doorbell}
 * when they are in another. A waiter reads {@link #rings()} before its last look at the shared
 * state and parks only while the count is unchanged, so a ring between the two is not lost.
 * The count is guarded by the doorbell's lock, where the waiting happens.
 */
final class Waiters {
    /** Weak: a segment no object of this process uses any more needs no entry. */
    private static final Map<String, Ref> BY_SEGMENT = new ConcurrentHashMap<>();
    private static final ReferenceQueue<Waiters> COLLECTED = new ReferenceQueue<>();

    /** Rings so far; guarded by {@link Doorbell#LOCK}. */
    long rings;

    private Waiters() {}

    private static final class Ref extends WeakReference<Waiters> {
        final String segment;

        Ref(String segment, Waiters w) {
            super(w, COLLECTED);
            this.segment = segment;
        }
    }

    /** The waiters of {@code segment} in this process; the caller keeps them alive. */
    static Waiters of(String segment) {
        for (Reference<?> r; (r = COLLECTED.poll()) != null; ) BY_SEGMENT.remove(((Ref) r).segment, r);
        while (true) {
            Ref ref = BY_SEGMENT.get(segment);
            Waiters w = ref == null ? null : ref.get();
            if (w != null) return w;
            Waiters fresh = new Waiters();
            Ref mine = new Ref(segment, fresh);
            if (ref == null ? BY_SEGMENT.putIfAbsent(segment, mine) == null : BY_SEGMENT.replace(segment, ref, mine)) return fresh;
        }
    }

    /** Rings the waiters of {@code segment} in this process, if any object here still uses it. */
    static void ring(String segment) {
        Ref ref = BY_SEGMENT.get(segment);
        Waiters w = ref == null ? null : ref.get();
        if (w != null) w.ring();
    }

    long rings() {
        Doorbell.LOCK.lock();
        try {
            return rings;
        } finally {
            Doorbell.LOCK.unlock();
        }
    }

    void ring() {
        Doorbell.ring(this);
    }

    /**
     * Waits until a ring after {@code seen}, or at most {@code nanos} ({@code < 0}: no limit).
     * An interrupt raises {@link dev.pyconcurrent.builtins.KeyboardInterrupt}.
     */
    void await(long seen, long nanos) {
        Doorbell.await(this, seen, nanos);
    }
}
