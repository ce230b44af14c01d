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
    /**
     * A thread interrupted in the tiny window between its last interrupt check and entering the
     * kernel is not woken by {@link Wakeup}; it sees the interrupt after at most this long.
     */
    private static final long SLICE_NANOS = 200_000_000L;

    @Override
    boolean usable() {
        return LinuxFutex.class.getModule().isNativeAccessEnabled() && "amd64".equals(System.getProperty("os.arch"))
                && "Linux".equals(System.getProperty("os.name")) && Call.SYSCALL != null;
    }

    @Override
    long address(ByteBuffer mapped, int offset) {
        return MemorySegment.ofBuffer(mapped).address() + offset;
    }

    @Override
    void await(long address, int expected, long nanos) {
        long deadline = System.nanoTime() + nanos;
        Wakeup wakeup = new Wakeup(address);
        wakeup.enter();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment timespec = arena.allocate(JAVA_LONG, 2);
            MemorySegment word = MemorySegment.ofAddress(address).reinterpret(4);
            while (!Thread.currentThread().isInterrupted()) {
                long left = nanos < 0 ? SLICE_NANOS : deadline - System.nanoTime();
                if (left <= 0) return;
                long slice = Math.min(SLICE_NANOS, left);
                timespec.setAtIndex(JAVA_LONG, 0, slice / 1_000_000_000L);
                timespec.setAtIndex(JAVA_LONG, 1, slice % 1_000_000_000L);
                if (Call.futex(address, FUTEX_WAIT, expected, timespec) == 0) return; // woken, or spuriously: look again
                if (word.get(JAVA_INT, 0) != expected) return; // EAGAIN: it changed before we slept
                // a slice ran out, or EINTR: check the interrupt and the deadline again
            }
        } finally {
            wakeup.exit();
        }
        throw KeyboardInterrupt.interrupted(new InterruptedException());
    }

    @Override
    void wakeAll(long address) {
        Call.futex(address, FUTEX_WAKE, Integer.MAX_VALUE, MemorySegment.NULL);
    }

    /**
     * The JDK's public hook for interrupting a thread blocked in native code: while between
     * {@code begin()} and {@code end()}, {@link Thread#interrupt()} "closes" this channel, which
     * wakes the futex so that the waiter sees its interrupt at once.
     */
    private static final class Wakeup extends AbstractInterruptibleChannel {
        private final long address;

        Wakeup(long address) {
            this.address = address;
        }

        void enter() {
            begin();
        }

        void exit() {
            try {
                end(true);
            } catch (java.io.IOException e) {
                // closed by the interrupt: the flag stays set, the caller raises KeyboardInterrupt
            }
        }

        @Override
        protected void implCloseChannel() {
            Call.futex(address, FUTEX_WAKE, Integer.MAX_VALUE, MemorySegment.NULL);
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
