package dev.pyconcurrent.multiprocessing.synchronize;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.pyconcurrent.builtins.KeyboardInterrupt;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.channels.spi.AbstractInterruptibleChannel;

/** {@link Futex} through {@code syscall(SYS_futex, …)} and the FFM API (JDK 22+). */
final class LinuxFutex extends Futex {
    private static final long SYS_FUTEX = 202; // x86-64
    private static final int FUTEX_WAIT = 0, FUTEX_WAKE = 1;
    @Override
    boolean usable() {
        return "amd64".equals(System.getProperty("os.arch"))
                && "Linux".equals(System.getProperty("os.name")) && Call.SYSCALL != null;
    }

    @Override
    long address(ByteBuffer mapped, int offset) {
        return MemorySegment.ofBuffer(mapped).address() + offset;
    }

    @Override
    void await(long address, int expected, long nanos) {
        Wakeup wakeup = new Wakeup(address);
        wakeup.enter();
        try (Arena arena = Arena.ofConfined()) {
            if (Thread.currentThread().isInterrupted()) throw KeyboardInterrupt.interrupted(new InterruptedException());
            MemorySegment timespec = MemorySegment.NULL;
            if (nanos >= 0) {
                timespec = arena.allocate(JAVA_LONG, 2);
                timespec.setAtIndex(JAVA_LONG, 0, nanos / 1_000_000_000L);
                timespec.setAtIndex(JAVA_LONG, 1, nanos % 1_000_000_000L);
            }
            // returns when woken, when the word differs (EAGAIN), at the timeout, or spuriously: the caller looks again
            Call.futex(address, FUTEX_WAIT, expected, timespec);
        } finally {
            wakeup.exit();
        }
        if (Thread.currentThread().isInterrupted()) throw KeyboardInterrupt.interrupted(new InterruptedException());
    }

    @Override
    void wakeAll(long address) {
        Call.futex(address, FUTEX_WAKE, Integer.MAX_VALUE, MemorySegment.NULL);
    }

    /**
     * The JDK's public hook for interrupting a thread blocked in native code: between
     * {@code begin()} and {@code end()}, {@link Thread#interrupt()} "closes" this channel. The
     * close wakes the futex until the waiter has left its wait ({@code out}), so an interrupt
     * that comes just before the waiter enters the kernel is not lost either; the waiter, its
     * interrupt flag already set, is out within microseconds. An interrupt that lands while the
     * waiter is still in {@code begin()} makes it close the channel too, blocked on the lock this
     * close holds: the loop stops then (it spun forever before, a deadlock).
     */
    private static final class Wakeup extends AbstractInterruptibleChannel {
        private final long address;
        private final Thread waiter = Thread.currentThread();
        private volatile boolean out;

        Wakeup(long address) {
            this.address = address;
        }

        void enter() {
            begin();
        }

        void exit() {
            out = true; // before end(): the interrupting thread waits for it while holding the lock end() takes
            try {
                end(true);
            } catch (java.io.IOException e) {
                // closed by the interrupt: the flag stays set, the caller raises KeyboardInterrupt
            }
        }

        @Override
        protected void implCloseChannel() {
            if (Thread.currentThread() == waiter) return; // interrupted before begin(): it will not wait
            // BLOCKED: the waiter is in begin(), closing this channel itself for the interrupt it
            // saw there, and needs the lock this close holds: it will not wait (it sees the flag)
            while (!out && waiter.getState() != Thread.State.BLOCKED) {
                Call.futex(address, FUTEX_WAKE, Integer.MAX_VALUE, MemorySegment.NULL);
                Thread.yield();
            }
        }
    }

    /** The {@code syscall} binding, made on first use (after the native access check). */
    private static final class Call {
        static final MethodHandle SYSCALL = Linker.nativeLinker().defaultLookup().find("syscall")
                .map(s -> Linker.nativeLinker().downcallHandle(s,
                        FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT),
                        Linker.Option.firstVariadicArg(1)))
                .orElse(null);

        static long futex(long address, int op, int val, MemorySegment timeout) {
            try {
                return (long) SYSCALL.invokeExact(SYS_FUTEX, address, op, val, timeout, MemorySegment.NULL, 0);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }
}
