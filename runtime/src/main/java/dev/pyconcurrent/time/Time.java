package dev.pyconcurrent.time;

import dev.pyconcurrent.builtins.KeyboardInterrupt;
import dev.pyconcurrent.builtins.OverflowError;
import dev.pyconcurrent.builtins.ValueError;

/**
 * Python's {@code time} module, the parts concurrent code uses: {@code sleep}, the wall clock
 * {@code time}, and the monotonic clocks {@code monotonic} and {@code perf_counter} (both
 * {@link System#nanoTime()} here, which Linux backs with {@code CLOCK_MONOTONIC}), each with
 * its {@code _ns} form. Also the timeout arithmetic every blocking call shares.
 */
public final class Time {
    private Time() {}

    private static final long ORIGIN = System.nanoTime();

    /** Python's {@code time.sleep(secs)}; an interrupt ends it with {@link KeyboardInterrupt}. */
    public static void sleep(double seconds) {
        if (Double.isNaN(seconds)) throw new ValueError("Invalid value NaN (not a number)");
        if (seconds < 0) throw new ValueError("sleep length must be non-negative");
        long deadline = System.nanoTime() + toNanos(seconds);
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

    /**
     * A timeout in seconds as nanoseconds, saturating at {@code Long.MAX_VALUE} (about 292
     * years, beyond any {@code TIMEOUT_MAX}). Callers validate sign and range first, each with
     * its own CPython message.
     */
    public static long toNanos(double seconds) {
        if (seconds >= Long.MAX_VALUE / 1e9) return Long.MAX_VALUE;
        return (long) Math.ceil(seconds * 1e9);
    }

    /** CPython's check for timeouts passed to C: beyond {@code time_t} raises OverflowError. */
    public static void checkTimeoutRange(double seconds, double max) {
        if (seconds > max) throw new OverflowError("timestamp out of range for platform time_t");
    }
}
