package dev.pyconcurrent.time;

import dev.pyconcurrent.builtins.OverflowError;
import dev.pyconcurrent.builtins.ValueError;

/**
 * The runtime's one timeout rule: how every blocking call turns Python's float seconds into
 * nanoseconds to wait, as CPython 3.13 does. CPython converts a timeout to its int64-nanosecond
 * {@code PyTime_t} (rounding away from zero): NaN raises {@code ValueError: Invalid value NaN
 * (not a number)}, anything outside ±2<sup>63</sup> ns (about ±292 years: {@code inf},
 * {@code 1e10}, {@code 1e300}) raises {@code OverflowError: timestamp out of range for platform
 * time_t}. What an API checks before that conversion, and whether it is reached at all, comes
 * from the API's own Python code, in three shapes:
 * <ul>
 * <li>{@link #nanos}: C functions that convert the number as given ({@code time.sleep},
 *     {@code Lock.acquire}, {@code Thread.join} after its {@code max(timeout, 0)};
 *     {@code SimpleQueue.get} rounding with {@link #ceilingNanos}), each adding its own sign
 *     check;
 * <li>{@link #waitNanos}: {@code Condition.wait}'s {@code if timeout > 0:} guard, so that a
 *     timeout ≤ 0 or NaN does not wait ({@code Event.wait}, {@code Future.result},
 *     {@code futures.wait});
 * <li>{@link #remainingNanos}: Python loops that recompute {@code endtime - now} and give up
 *     when it is ≤ 0 ({@code Condition.wait_for}, {@code Barrier.wait}, {@code Semaphore.acquire},
 *     {@code Queue.get/put}, {@code as_completed}): NaN never expires there (CPython spins
 *     until woken; here the wait simply has no timeout).
 * </ul>
 * {@code subprocess} has two more, from how its Python code waits: {@link #pollNanos} and
 * {@link #selectNanos}.
 */
public final class Timeout {
    private Timeout() {}

    /** A wait without a timeout, in the nanosecond results below (about 292 years). */
    public static final long FOREVER = Long.MAX_VALUE;

    /** 2<sup>63</sup>: the first nanosecond count outside {@code PyTime_t}. */
    private static final double PYTIME_LIMIT = 0x1p63;

    /**
     * CPython's {@code _PyTime_FromSecondsObject(timeout, _PyTime_ROUND_TIMEOUT)} for a float:
     * the signed nanoseconds, rounded away from zero (so {@code -1e-10} is negative).
     *
     * @throws ValueError for NaN
     * @throws OverflowError outside the int64 nanosecond range
     */
    public static long nanos(double seconds) {
        double ns = seconds * 1e9;
        return convert(seconds, ns >= 0 ? Math.ceil(ns) : Math.floor(ns));
    }

    /** As {@link #nanos} with {@code _PyTime_ROUND_CEILING}, the rounding {@code SimpleQueue.get} uses ({@code -1e-10} is 0). */
    public static long ceilingNanos(double seconds) {
        return convert(seconds, Math.ceil(seconds * 1e9));
    }

    private static long convert(double seconds, double ns) {
        if (Double.isNaN(seconds)) throw new ValueError("Invalid value NaN (not a number)");
        if (!(ns >= -PYTIME_LIMIT && ns < PYTIME_LIMIT)) {
            throw new OverflowError("timestamp out of range for platform time_t");
        }
        return (long) ns;
    }

    /** {@code Condition.wait(timeout)}'s rule: 0 (do not wait) for a timeout ≤ 0 or NaN, else {@link #nanos}. */
    public static long waitNanos(double seconds) {
        return seconds > 0 ? nanos(seconds) : 0;
    }

    /**
     * A deadline loop's next wait for {@code remaining = endtime - now} seconds: {@link #FOREVER}
     * for NaN, 0 (expired) for ≤ 0, else {@link #nanos} (OverflowError beyond its range).
     */
    public static long remainingNanos(double remaining) {
        return Double.isNaN(remaining) ? FOREVER : waitNanos(remaining);
    }

    /**
     * {@code Popen.wait(timeout)}'s rule: CPython polls the child with
     * {@code time.sleep(min(delay, remaining, .05))}, never converting the whole timeout, so
     * NaN, {@code inf} and any huge timeout wait for the child ({@link #FOREVER}); ≤ 0 does not
     * wait.
     */
    public static long pollNanos(double remaining) {
        if (Double.isNaN(remaining) || remaining * 1e9 >= PYTIME_LIMIT) return FOREVER;
        return remaining > 0 ? (long) Math.ceil(remaining * 1e9) : 0;
    }

    /**
     * {@code Popen.communicate(timeout)}'s rule while a pipe is open: CPython waits on the pipes
     * with {@code selectors.PollSelector.select(remaining)}, which rounds up to whole
     * milliseconds ({@code math.ceil(remaining * 1e3)}) for {@code poll()}: its nanoseconds, 0
     * for ≤ 0.
     *
     * @throws ValueError {@code cannot convert float NaN to integer}
     * @throws OverflowError {@code cannot convert float infinity to integer}; {@code timestamp
     *         too large to convert to C PyTime_t} beyond int64 nanoseconds; {@code timeout is too
     *         large} beyond a C {@code int} of milliseconds (about 24.8 days)
     */
    public static long selectNanos(double remaining) {
        if (remaining <= 0) return 0;
        if (Double.isNaN(remaining)) throw new ValueError("cannot convert float NaN to integer");
        if (Double.isInfinite(remaining)) throw new OverflowError("cannot convert float infinity to integer");
        double ms = Math.ceil(remaining * 1e3);
        if (ms > Long.MAX_VALUE / 1_000_000) throw new OverflowError("timestamp too large to convert to C PyTime_t");
        if (ms > Integer.MAX_VALUE) throw new OverflowError("timeout is too large");
        return (long) ms * 1_000_000;
    }
}
