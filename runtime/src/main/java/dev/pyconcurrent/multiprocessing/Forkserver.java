package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.builtins.KeyboardInterrupt;
import dev.pyconcurrent.os.Os;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The {@code forkserver} start method on the JVM: instead of a server process that forks, a pool
 * of warm child JVMs, started ahead, connected to this JVM's hub and authenticated, each waiting
 * for its process object. {@code start()} takes one (or launches a new one when none is ready)
 * and the pool refills in the background, up to {@link #size()} ({@code min(cpu_count, 4)}) warm
 * children at first. A start that finds none ready raises the pool's target by one, up to twice
 * that: back-to-back starts find a deeper pool the next time. Refills launch up to
 * {@code cpu_count} JVMs at once, not one after the other (a JVM's start is mostly one thread's
 * work), but not in the middle of a burst: while warm children remain, a refill waits until no
 * start came for {@link #QUIET_NANOS} (a JVM's start is hundreds of milliseconds of CPU, which
 * the children just started would otherwise share; docs/performance.adoc, "forkserver"). A start
 * that empties the pool lets the refills go at once. The pool starts filling when the
 * {@code forkserver} context is first asked for. Idle warm
 * children are not children of anyone: {@code active_children()} does not list them; they end
 * with this JVM (end of file on their stdin).
 */
final class Forkserver {
    private Forkserver() {}

    private static final List<Popen> WARM = new ArrayList<>();
    private static int filling;
    /** How many warm children the pool keeps: {@link #size()}, raised by starts that found none. Guarded by the class. */
    private static int target = size();
    /** The pool has been full once: a start finding it empty from then on is demand, not the first fill. Guarded by the class. */
    private static boolean primed;
    private static final ThreadPoolExecutor REFILL = refillThreads();
    /** How long the starts must pause before a refill launches while warm children remain. */
    static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** {@code System.nanoTime()} of the last start that took a warm child. Guarded by the class. */
    private static long lastTake = System.nanoTime() - QUIET_NANOS;

    static int size() {
        return Math.max(1, Math.min(Os.cpuCount(), 4));
    }

    /** Up to {@code cpu_count} launching threads, gone after a second without work. */
    private static ThreadPoolExecutor refillThreads() {
        int n = Math.max(1, Os.cpuCount());
        ThreadPoolExecutor e = new ThreadPoolExecutor(n, n, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "pyconcurrent-mp-forkserver");
            t.setDaemon(true);
            return t;
        });
        e.allowCoreThreadTimeOut(true);
        return e;
    }

    /** Starts filling the pool (idempotent). */
    static synchronized void ensureRunning() {
        while (WARM.size() + filling < target) {
            filling++;
            REFILL.execute(Forkserver::addOne);
        }
    }

    private static void addOne() {
        Popen p = null;
        try {
            awaitQuiet();
            p = Popen.launch(true);
            p.awaitConnection();
        } catch (RuntimeException | ExecutionException | InterruptedException e) {
            p = null;
        }
        synchronized (Forkserver.class) {
            filling--;
            if (p != null) WARM.add(p);
            if (WARM.size() >= target) primed = true;
            Forkserver.class.notifyAll();
        }
    }

    /** Until the starts pause ({@link #QUIET_NANOS}) or the pool has no warm child left. */
    private static synchronized void awaitQuiet() throws InterruptedException {
        while (!WARM.isEmpty()) {
            long left = lastTake + QUIET_NANOS - System.nanoTime();
            if (left <= 0) return;
            Forkserver.class.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
        }
    }

    /**
     * A warm child, connected and waiting. When none is ready but one is being started, waits for
     * that one rather than starting another JVM beside it (on few cores, starts compete); a fresh
     * one only when nothing is on its way.
     */
    static Popen take() {
        Popen p = null;
        synchronized (Forkserver.class) {
            ensureRunning();
            try {
                WARM.removeIf(w -> !w.ready());
                if (WARM.isEmpty() && primed) target = Math.min(target + 1, 2 * size()); // demand beyond the pool: deepen it
                ensureRunning();
                while (p == null) {
                    WARM.removeIf(w -> !w.ready());
                    if (!WARM.isEmpty()) {
                        p = WARM.remove(0);
                        lastTake = System.nanoTime();
                        if (WARM.isEmpty()) Forkserver.class.notifyAll(); // the refills waiting for a pause go now
                    } else if (filling > 0) Forkserver.class.wait();
                    else break;
                }
            } catch (InterruptedException e) {
                throw KeyboardInterrupt.interrupted(e);
            }
            ensureRunning();
        }
        if (p != null) return p;
        p = Popen.launch(true);
        try {
            p.awaitConnection();
        } catch (InterruptedException e) {
            throw KeyboardInterrupt.interrupted(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        return p;
    }

    /** The pids of the idle warm children (for leak checks). */
    static synchronized List<Long> idlePids() {
        List<Long> pids = new ArrayList<>();
        for (Popen p : WARM) pids.add(p.pid());
        return pids;
    }

    /** Ends the idle warm children (their connection closes: they exit) after the ones starting; the pool refills at the next use. */
    static synchronized void shutdown() throws InterruptedException {
        awaitFilled();
        for (Popen p : WARM) p.retire();
        WARM.clear();
        target = size();
        primed = false;
    }

    /** Waits until no warm child is being started (tests). */
    static synchronized void awaitFilled() throws InterruptedException {
        while (filling > 0) Forkserver.class.wait();
    }
}
