package dev.pyconcurrent.kernel;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import javax.management.NotificationEmitter;

/**
 * Keeps a cell that fills the heap from wedging the kernel. Data a cell keeps reachable (a
 * variable holding it) cannot be collected: once it fills the heap, any thread's allocation fails,
 * and ZeroMQ's own I/O thread dies of the {@code OutOfMemoryError} (no request is read again) or
 * the cell that would free the data cannot be compiled. Two defences:
 * <ul>
 *   <li>a <em>watchdog</em> thread looks at the tenured generation after every collection (which
 *       is when promotion makes it grow) and every {@value #POLL_MS} ms while a cell runs (arrays too
 *       large for the young generation go straight to the tenured one); it sleeps while the kernel
 *       is idle. Past the cell's mark ({@value #STOP_AT_PERCENT}% of the maximum, less on a
 *       small heap, more when kept data already holds that much: {@link #rearm}) the cell is stopped as by an interrupt
 *       and ends with {@code MemoryError}, leaving the rest of the heap to the kernel and to the
 *       next cell: at once if the cell itself added {@value #CELL_GROWTH_PERCENT}% of the maximum
 *       (the next young collection could promote more than is left), else only if the generation
 *       is still past the mark after a full collection (so garbage does not count);</li>
 *   <li>a <em>reserve</em> of {@value #RESERVE_BYTES} bytes the kernel holds and lets go when
 *       memory runs out anyway (one huge allocation, or the watchdog too late), so the reply can
 *       still be built and sent; it is taken again after a cell once memory allows.</li>
 * </ul>
 */
final class MemoryGuard {
    static final int STOP_AT_PERCENT = 80;
    /** The {@code evalue} of a cell the watchdog stopped. */
    static final String STOPPED = "the cell's data nearly filled the heap; the kernel stopped it";
    /** Growth of the tenured generation during one cell that marks the cell as what filled it. */
    static final int CELL_GROWTH_PERCENT = 25;
    static final int RESERVE_BYTES = 16 << 20;
    /**
     * Between collections: the tenured generation grows then only by arrays of more than half
     * the young generation, one at a time. (It was 5 ms, before collections woke the watchdog: 200
     * wake-ups a second took the CPU from the cell on a loaded machine.)
     */
    static final long POLL_MS = 20;

    private static final List<MemoryPoolMXBean> TENURED = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP && p.getUsage().getMax() > 0)
            .filter(p -> p.getName().contains("Old") || p.getName().contains("Tenured"))
            .toList();
    private static final long MAX = TENURED.stream().mapToLong(p -> p.getUsage().getMax()).sum();
    /** What the young generation can hold: data a cell made since the last young collection, which the next one promotes. */
    private static final long YOUNG = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP && !TENURED.contains(p) && p.getUsage().getMax() > 0)
            .mapToLong(p -> p.getUsage().getMax()).sum();
    /**
     * The first mark: {@value #STOP_AT_PERCENT}% of the tenured generation, lower when what is left
     * above it could not take a full young generation (a small heap with the kernel's large young
     * generation), but never below half.
     */
    private static final long FIRST_MARK = Math.max(MAX / 2, Math.min(MAX / 100 * STOP_AT_PERCENT, MAX - YOUNG));

    private static volatile byte[] reserve;
    private static volatile long usedAtCellStart;
    private static volatile long mark = FIRST_MARK;
    private static volatile java.lang.Thread watchdog;
    /** Set by {@link #rearm}: the watchdog measures the cell's start before it looks again. */
    private static volatile boolean rearmed;

    private MemoryGuard() {}

    /** Takes the reserve and starts the watchdog, which calls {@code stop} while {@code cellRunning} and the heap is past the mark. */
    static void install(BooleanSupplier cellRunning, Runnable stop) {
        retake();
        if (TENURED.isEmpty()) return;   // a collector without a tenured generation: the reserve only
        watchdog = Kernel.daemon(() -> {
            while (!java.lang.Thread.currentThread().isInterrupted()) {
                if (rearmed) {
                    rearmed = false;
                    measureCellStart();
                }
                if (!cellRunning.getAsBoolean()) {
                    LockSupport.park();   // until the next cell (rearm)
                    continue;
                }
                LockSupport.parkNanos(POLL_MS * 1_000_000L);   // or until a collection ends
                if (rearmed) continue;   // a new cell: its mark first
                if (cellRunning.getAsBoolean() && pastMark() && (grewDuringCell() || pastMarkAfterCollection())) {
                    release();
                    stop.run();
                }
            }
        }, "pyconcurrent-memory-watchdog");
        watchdog.start();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter e) e.addNotificationListener((n, handback) -> LockSupport.unpark(watchdog), null, null);
        }
    }

    private static boolean pastMarkAfterCollection() {
        System.gc();
        return pastMark();
    }

    /**
     * A cell is about to run: the watchdog sets its mark before it looks again (reading the
     * pools takes ~50 µs, which its core pays instead of the cell's start).
     */
    static void rearm() {
        java.lang.Thread w = watchdog;
        if (w == null) {
            measureCellStart();
            return;
        }
        rearmed = true;
        LockSupport.unpark(w);
    }

    /**
     * The mark for the cell that starts: the first mark, or, when data kept from earlier cells
     * already holds more, halfway from what is used to the maximum.
     */
    private static void measureCellStart() {
        long used = used();
        usedAtCellStart = used;
        mark = Math.max(FIRST_MARK, used + (MAX - used) / 2);
    }

    private static long used() {
        long used = 0;
        for (MemoryPoolMXBean pool : TENURED) used += pool.getUsage().getUsed();
        return used;
    }

    private static boolean pastMark() {
        return used() >= mark;
    }

    private static boolean grewDuringCell() {
        return used() - usedAtCellStart >= MAX / 100 * CELL_GROWTH_PERCENT;
    }

    /** Lets go of the reserve (memory ran out). */
    static void release() {
        reserve = null;
    }

    /** Takes the reserve again if it was let go and memory allows. */
    static void retake() {
        if (reserve != null || used() >= FIRST_MARK) return;
        try {
            reserve = new byte[RESERVE_BYTES];
        } catch (OutOfMemoryError e) {
            // still full: try again after the next cell
        }
    }
}
