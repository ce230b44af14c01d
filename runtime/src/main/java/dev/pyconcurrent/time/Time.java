package dev.pyconcurrent.time;

import dev.pyconcurrent.builtins.KeyboardInterrupt;
import dev.pyconcurrent.builtins.ValueError;

/**
 * Python's {@code time} module, the parts concurrent code uses: {@code sleep}, the wall clock
 * {@code time}, and the monotonic clocks {@code monotonic} and {@code perf_counter} (both
 * {@link System#nanoTime()} here, which Linux backs with {@code CLOCK_MONOTONIC}), each with
 * its {@code _ns} form. The timeout arithmetic every blocking call shares is {@link Timeout}.
 */
public final class Time {
    private Time() {}

    private static final long ORIGIN = System.nanoTime();

    /**
     * Python's {@code time.sleep(secs)}; an interrupt ends it with {@link KeyboardInterrupt}.
     * The timeout rule of {@link Timeout#nanos} first (NaN, {@code inf}, beyond about 292
     * years), then CPython's sign check.
     */
    public static void sleep(double seconds) {
        long nanos = Timeout.nanos(seconds);
        if (nanos < 0) throw new ValueError("sleep length must be non-negative");
        long deadline = System.nanoTime() + nanos;
        try {
            for (long left; (left = deadline - System.nanoTime()) > 0; ) {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            }
        } catch (InterruptedException e) {
            throw KeyboardInterrupt.interrupted(e);
        }
    }

    /** Seconds since the epoch as a float, Python's {@code time.time()}. */
    public static double time() {
        return timeNs() / 1e9;
    }

    public static long timeNs() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Python's {@code time.monotonic()}: seconds on a clock that never goes back. */
    public static double monotonic() {
        return monotonicNs() / 1e9;
    }

    public static long monotonicNs() {
        return System.nanoTime() - ORIGIN;
    }

    /** Python's {@code time.perf_counter()}: the highest-resolution monotonic clock. */
    public static double perfCounter() {
        return monotonic();
    }

    public static long perfCounterNs() {
        return monotonicNs();
    }
}
