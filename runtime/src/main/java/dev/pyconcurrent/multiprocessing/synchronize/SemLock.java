package dev.pyconcurrent.multiprocessing.synchronize;

import dev.pyconcurrent.builtins.AssertionError;
import dev.pyconcurrent.builtins.OSError;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.multiprocessing.sharedmemory.ResourceTracker;
import dev.pyconcurrent.multiprocessing.sharedmemory.SharedMemory;
import dev.pyconcurrent.threading.Threading;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * CPython's {@code _multiprocessing.SemLock}, the base of every lock and semaphore of this
 * package, for threads and processes alike: a counting semaphore whose state lives in a
 * shared memory segment ({@code /dev/shm/pyc_<pid>_<hex>}), so a copy deserialized in another
 * JVM is the same semaphore.
 *
 * <p>Segment layout (native byte order): a 64-bit state word at 0, the value in its low 32 bits
 * and the number of parked waiters (all processes) in its high 32 bits, so that one CAS
 * releases and tells whether anyone must be woken; the high-water mark of the waiter slots at
 * 8; how waiters sleep at 12 ({@link #FUTEX_MODE} or 0), chosen by the creating process; from 64
 * on, one 64-bit slot per waiting process ({@code pid << 32 | waiters}). Acquire and release are
 * a CAS each when uncontended. Where the creator had {@link Futex futexes} (JDK 22+ with native
 * access), a waiter counts itself in the state word and sleeps on the value's 32-bit word, and a
 * releaser that sees waiters wakes that word. Otherwise a waiter registers in its slot,
 * re-checks, and parks on its process's {@link Waiters}; a releaser that sees waiters rings their
 * processes (locally, or through each process's {@link Doorbell}). Nothing spins, nothing polls.
 *
 * <p>As in CPython, the owner ({@code _is_mine}) and recursion count are per process (per
 * object), and the creating process unlinks the segment when the object is collected or at
 * exit.
 */
public abstract class SemLock implements Serializable, AutoCloseable {
    private static final long serialVersionUID = 1L;

    static final int RECURSIVE_MUTEX = 0, SEMAPHORE = 1;
    /** {@code SEM_VALUE_MAX} on Linux. */
    public static final int SEM_VALUE_MAX = Integer.MAX_VALUE;

    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final int STATE = 0, HIGH_WATER = 8, MODE = 12, SLOTS = 64, SEGMENT_SIZE = 4096;
    /** {@link #MODE}'s value when the segment's waiters sleep on a futex. */
    private static final int FUTEX_MODE = 1;
    /** The value's half of the state word, the futex word. */
    private static final int VALUE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? STATE : STATE + 4;
    private static final int MAX_SLOTS = (SEGMENT_SIZE - SLOTS) / 8;
    private static final long ONE_WAITER = 1L << 32;
    private static final long PID = ProcessHandle.current().pid();
    private static volatile Supplier<String> processName = () -> "MainProcess";

    private final String name;
    final int kind;
    final int maxvalue;
    private transient ByteBuffer mem;
    private transient Waiters waiters;
    /** The futex word's address in this process's mapping, or 0 where the segment's waiters use the doorbells. */
    private transient long futex;
    /** This process's acquisitions not yet released (CPython's {@code count}), and the last acquirer. */
    private transient int count;
    private transient Thread owner;

    SemLock(int kind, int value, int maxvalue) {
        if (value < 0 || value > maxvalue) throw OSError.of(OSError.EINVAL, null);
        this.kind = kind;
        this.maxvalue = maxvalue;
        SharedMemory shm = ResourceTracker.createPrivate(this, SEGMENT_SIZE);
        this.name = shm.name();
        this.mem = shm.buf();
        if (Futex.NATIVE != null) INT.setVolatile(mem, MODE, FUTEX_MODE);
        LONG.setVolatile(mem, STATE, (long) value);
        attach();
    }

    /** Reattaches in the receiving process: same segment, a fresh (unowned) local view. */
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        mem = new SharedMemory(name).buf();
        attach();
    }

    /** Sets up this process's way to wait, the one the creator chose for every process. */
    private void attach() {
        if ((int) INT.getVolatile(mem, MODE) != FUTEX_MODE) {
            waiters = Waiters.of(name);
        } else if (Futex.NATIVE != null) {
            futex = Futex.NATIVE.address(mem, VALUE);
        } else {
            throw new OSError("this lock was created by a JVM whose waiters sleep on a futex (JDK 22+ with "
                    + "--enable-native-access), and this JVM cannot: start it with the same JDK and flag "
                    + "(multiprocessing's children are), or create the lock with -Dpyconcurrent.ffm=false");
        }
    }

    /**
     * Where the owner names in reprs come from ({@code <Lock(owner=MainProcess|Thread-1)>}):
     * {@code multiprocessing.current_process().name}, {@code MainProcess} until the process
     * machinery installs its own.
     */
    public static void processName(Supplier<String> currentProcessName) {
        processName = Objects.requireNonNull(currentProcessName);
    }

    // ------------------------------------------------------------------ acquire

    /** {@code acquire()}: blocks until the count is positive and takes one; {@code True}. */
    public boolean acquire() {
        return acquire(true, -1, false);
    }

    /** {@code acquire(block)}: with {@code false}, takes one only if available. */
    public boolean acquire(boolean block) {
        return acquire(block, -1, false);
    }

    /** {@code acquire(timeout=t)}: {@code false} when nothing was available within t seconds (negative: 0). */
    public boolean acquire(double timeout) {
        return acquire(true, timeout, true);
    }

    /** {@code acquire(block, timeout)}: the timeout is ignored when not blocking, as in CPython. */
    public boolean acquire(boolean block, double timeout) {
        return acquire(block, timeout, true);
    }

    private boolean acquire(boolean block, double timeout, boolean timed) {
        if (kind == RECURSIVE_MUTEX && isMine()) {
            count++;
            return true;
        }
        if (!tryAcquireShared()) {
            if (!block) return false;
            long nanos = timed ? nanos(timeout) : -1;
            if (nanos == 0 || !acquireSlow(nanos)) return false;
        }
        count++;
        owner = Thread.currentThread();
        return true;
    }

    private static long nanos(double timeout) {
        if (Double.isNaN(timeout)) throw OSError.of(OSError.EINVAL, null);
        if (timeout <= 0) return 0;
        return timeout >= Long.MAX_VALUE / 2e9 ? Long.MAX_VALUE / 2 : (long) Math.ceil(timeout * 1e9);
    }

    private boolean tryAcquireShared() {
        long s = (long) LONG.getVolatile(mem, STATE);
        while ((int) s > 0) {
            long seen = (long) LONG.compareAndExchange(mem, STATE, s, s - 1);
            if (seen == s) return true;
            s = seen;
        }
        return false;
    }

    /** Parks until taken or {@code nanos} elapsed ({@code < 0}: no limit); see the class comment. */
    private boolean acquireSlow(long nanos) {
        if (futex != 0) return acquireOnFutex(nanos);
        Doorbell.start();
        long deadline = System.nanoTime() + nanos;
        int slot = register();
        try {
            while (true) {
                long seen = waiters.rings();
                if (tryAcquireShared()) return true;
                long left = nanos < 0 ? -1 : deadline - System.nanoTime();
                if (nanos >= 0 && left <= 0) return false;
                waiters.await(seen, left);
            }
        } finally {
            unregister(slot);
        }
    }

    /** {@link #acquireSlow} where the waiters sleep on the futex word while the value is 0. */
    private boolean acquireOnFutex(long nanos) {
        long deadline = System.nanoTime() + nanos;
        int slot = register(); // the slot only tells waiting() which processes wait (see sweepDeadWaiters)
        try {
            while (true) {
                if (tryAcquireShared()) return true;
                long left = nanos < 0 ? -1 : deadline - System.nanoTime();
                if (nanos >= 0 && left <= 0) return false;
                Futex.NATIVE.await(futex, 0, left);
            }
        } finally {
            unregister(slot);
        }
    }

    /**
     * Uncounts the waiters of processes that died waiting on the futex (killed: no finally ran).
     * The doorbell mode finds them when it cannot ring them; a futex wake cannot tell, so
     * {@link #waiting()} looks. Until then a release makes one needless wake call.
     */
    private void sweepDeadWaiters() {
        int used = (int) INT.getVolatile(mem, HIGH_WATER);
        for (int i = 0; i < used; i++) {
            long s = (long) LONG.getVolatile(mem, slotOffset(i));
            int n = (int) s;
            long pid = s >>> 32;
            if (n > 0 && pid != PID && ProcessHandle.of(pid).isEmpty() && LONG.compareAndSet(mem, slotOffset(i), s, 0L)) {
                LONG.getAndAdd(mem, STATE, -ONE_WAITER * n);
            }
        }
    }

    /** Counts one waiter of this process in its slot (taking a free one if needed), then in the state word. */
    private int register() {
        int slot = ownSlot();
        if (slot < 0) slot = freeSlot();
        LONG.getAndAdd(mem, STATE, ONE_WAITER);
        return slot;
    }

    /**
     * Uncounts one waiter of this process. If a releaser cleared the slot meanwhile (it took this
     * process for dead: its doorbell was already closed at exit), it uncounted us already.
     */
    private void unregister(int slot) {
        long s = (long) LONG.getVolatile(mem, slotOffset(slot));
        while (s >>> 32 == PID && (int) s > 0) {
            long seen = (long) LONG.compareAndExchange(mem, slotOffset(slot), s, s - 1);
            if (seen == s) {
                LONG.getAndAdd(mem, STATE, -ONE_WAITER);
                return;
            }
            s = seen;
        }
    }

    private int ownSlot() {
        int used = (int) INT.getVolatile(mem, HIGH_WATER);
        for (int i = 0; i < used; i++) {
            long s = (long) LONG.getVolatile(mem, slotOffset(i));
            while (s >>> 32 == PID && (int) s > 0) {
                long seen = (long) LONG.compareAndExchange(mem, slotOffset(i), s, s + 1);
                if (seen == s) return i;
                s = seen;
            }
        }
        return -1;
    }

    private int freeSlot() {
        for (int i = 0; i < MAX_SLOTS; i++) {
            long s = (long) LONG.getVolatile(mem, slotOffset(i));
            if ((int) s == 0 && LONG.compareAndSet(mem, slotOffset(i), s, PID << 32 | 1)) {
                int used;
                while ((used = (int) INT.getVolatile(mem, HIGH_WATER)) <= i) INT.compareAndSet(mem, HIGH_WATER, used, i + 1);
                return i;
            }
        }
        throw new OSError("too many processes waiting on " + name);
    }

    private static int slotOffset(int slot) {
        return SLOTS + 8 * slot;
    }

    // ------------------------------------------------------------------ release

    /**
     * {@code release()}. A recursive lock not owned by the calling thread raises
     * {@code AssertionError}; a semaphore at its maximum {@code ValueError: semaphore or lock
     * released too many times} (checked atomically, where CPython's check races).
     */
    public void release() {
        if (kind == RECURSIVE_MUTEX) {
            if (!isMine()) throw new AssertionError("attempt to release recursive lock not owned by thread");
            if (count > 1) {
                count--;
                return;
            }
        }
        int was = count;
        Thread previous = owner;
        if (count > 0) count--;
        if (count == 0) owner = null;
        try {
            releaseShared();
        } catch (ValueError e) {
            count = was;
            owner = previous;
            throw e;
        }
    }

    private void releaseShared() {
        long s = (long) LONG.getVolatile(mem, STATE);
        while (true) {
            if ((int) s >= maxvalue) throw new ValueError("semaphore or lock released too many times");
            long seen = (long) LONG.compareAndExchange(mem, STATE, s, s + 1);
            if (seen == s) break;
            s = seen;
        }
        if (s >>> 32 == 0) return;
        if (futex != 0) Futex.NATIVE.wakeAll(futex);
        else ringWaiters();
    }

    private void ringWaiters() {
        int used = (int) INT.getVolatile(mem, HIGH_WATER);
        for (int i = 0; i < used; i++) {
            long s = (long) LONG.getVolatile(mem, slotOffset(i));
            int n = (int) s;
            if (n <= 0) continue;
            long pid = s >>> 32;
            if (pid == PID) {
                waiters.ring();
            } else if (!Doorbell.ring(pid, name) && LONG.compareAndSet(mem, slotOffset(i), s, 0L)) {
                LONG.getAndAdd(mem, STATE, -ONE_WAITER * n); // its process died waiting
            }
        }
    }

    // ------------------------------------------------------------------ state

    /** {@code _is_mine()}: held by the calling thread of this process. */
    final boolean isMine() {
        return count > 0 && owner == Thread.currentThread();
    }

    /** {@code _count()}: this process's unreleased acquisitions. */
    final int count() {
        return count;
    }

    /** {@code _get_value()}: the semaphore's current value. */
    final int value() {
        return (int) (long) LONG.getVolatile(mem, STATE);
    }

    /** Threads parked on this semaphore, in all processes. */
    final int waiting() {
        if (futex != 0) sweepDeadWaiters();
        return (int) ((long) LONG.getVolatile(mem, STATE) >>> 32);
    }

    /** Waiters sleep on a futex (else on the doorbells). */
    final boolean onFutex() {
        return futex != 0;
    }

    /** The segment holding the state (what crosses to other processes). */
    final String segment() {
        return name;
    }

    /** {@code __enter__}: acquires (blocking) and returns this for try-with-resources. */
    public SemLock enter() {
        acquire();
        return this;
    }

    /** {@code __exit__}: releases. */
    @Override
    public void close() {
        release();
    }

    /** The owner as CPython's Lock and RLock reprs name it. */
    final String ownerName() {
        if (isMine()) {
            String process = processName.get();
            String thread = Threading.currentThread().name();
            return thread.equals("MainThread") ? process : process + "|" + thread;
        }
        if (value() == 1) return "None";
        return count > 0 ? "SomeOtherThread" : "SomeOtherProcess";
    }
}
