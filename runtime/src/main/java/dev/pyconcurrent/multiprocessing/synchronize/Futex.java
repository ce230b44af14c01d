package dev.pyconcurrent.multiprocessing.synchronize;

import dev.pyconcurrent.os.NativeAccess;
import java.nio.ByteBuffer;

/**
 * Linux futexes on a 32-bit word of a shared mapping ({@code FUTEX_WAIT}/{@code FUTEX_WAKE},
 * shared, not {@code _PRIVATE}: the kernel keys them by the page, so every process mapping the
 * segment meets on the same word). A waiter sleeps in the kernel until a releaser wakes the word:
 * no CPU while blocked, one system call per hand-off instead of the {@link Doorbell}'s socket
 * round.
 *
 * <p>Needs the FFM API of JDK 22+ (DESIGN §3): the implementation is
 * {@code META-INF/versions/22/.../LinuxFutex.class} of the multi-release jar, loaded by name and
 * used only when the JVM grants this code native access ({@code --enable-native-access}), so
 * that no restricted-method warning reaches the user's stderr; {@code -Dpyconcurrent.ffm=false}
 * turns it off. Elsewhere (JDK 17) {@link SemLock} parks on the {@link Doorbell}.
 */
abstract class Futex {
    /** The futexes, or null where they cannot be used. */
    static final Futex NATIVE = NativeAccess.load(java.lang.invoke.MethodHandles.lookup(),
            "dev.pyconcurrent.multiprocessing.synchronize.LinuxFutex", Futex.class, Futex::usable);

    /** The address of the 32-bit word at {@code offset} of a direct (mapped) buffer, valid while the buffer is. */
    abstract long address(ByteBuffer mapped, int offset);

    /**
     * Sleeps while the word at {@code address} holds {@code expected}, until woken, at most
     * {@code nanos} ({@code < 0}: no limit). Returns at once if the word differs; may return
     * spuriously. An interrupt raises {@link dev.pyconcurrent.builtins.KeyboardInterrupt}.
     */
    abstract void await(long address, int expected, long nanos);

    /** Wakes every process's waiters on the word at {@code address}. */
    abstract void wakeAll(long address);

    /** Linux on x86-64, and the system call links. */
    abstract boolean usable();
}
