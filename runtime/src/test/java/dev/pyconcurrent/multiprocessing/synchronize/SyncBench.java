package dev.pyconcurrent.multiprocessing.synchronize;

import dev.pyconcurrent.multiprocessing.testing.ChildJvm;
import dev.pyconcurrent.testing.CPython;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Measurements, not a test (numbers go to the report and docs/deviations/multiprocessing-shared.adoc):
 * uncontended Lock/RLock acquire+release, the CPU a waiter blocked for 2 s burns, and the hand-off
 * latency between two JVMs (semaphore ping-pong, timed after 50 000 warm-up rounds), then the same
 * three in python3.13 in the same run.
 * Run: {@code java -cp <test+main classes+deps> dev.pyconcurrent.multiprocessing.synchronize.SyncBench}.
 */
public final class SyncBench {
    private SyncBench() {}

    static final String PYTHON = """
            import multiprocessing as mp, threading, time, resource
            def uncontended(lock, n=2_000_000):
                a, r = lock.acquire, lock.release
                t = time.perf_counter_ns()
                for _ in range(n):
                    a(); r()
                return (time.perf_counter_ns() - t) / n
            def cpu():
                u = resource.getrusage(resource.RUSAGE_SELF)
                return u.ru_utime + u.ru_stime
            def pong(a, b, n):
                for _ in range(n):
                    a.acquire(); b.release()
            if __name__ == "__main__":
                print("python Lock acquire+release ns: %.1f" % min(uncontended(mp.Lock()) for _ in range(3)))
                print("python RLock acquire+release ns: %.1f" % min(uncontended(mp.RLock()) for _ in range(3)))
                lock = mp.Lock(); lock.acquire()
                c = cpu(); lock.acquire(timeout=2); print("python waiter blocked 2 s, process CPU ms: %.1f" % ((cpu() - c) * 1000))
                a, b, n = mp.Semaphore(0), mp.Semaphore(0), 20000
                p = mp.Process(target=pong, args=(a, b, n)); p.start()
                a.release(); b.acquire()
                t = time.perf_counter_ns()
                for _ in range(n - 1):
                    a.release(); b.acquire()
                print("python cross-process hand-off us (round trip / 2): %.1f" % ((time.perf_counter_ns() - t) / (n - 1) / 2 / 1000))
                p.join()
            """;

    public static void main(String[] args) throws Exception {
        System.out.printf("java Lock acquire+release ns: %.1f%n", best(new Lock()));
        System.out.printf("java RLock acquire+release ns: %.1f%n", best(new RLock()));
        waiterCpu(0.1, "first wait of the process (starts the doorbell)");
        waiterCpu(2.0, "later");
        handOff();
        Process py = new ProcessBuilder(CPython.executable(), "-c", PYTHON).inheritIO().start();
        py.waitFor();
        System.exit(0);
    }

    private static double best(SemLock lock) {
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 8; round++) {
            int n = 20_000_000;
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                lock.acquire();
                lock.release();
            }
            best = Math.min(best, (System.nanoTime() - t) / (double) n);
        }
        return best;
    }

    private static void waiterCpu(double seconds, String which) throws Exception {
        Lock lock = new Lock();
        lock.acquire();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] threadCpu = new long[1];
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long processBefore = os.getProcessCpuTime();
        Thread waiter = new Thread(() -> {
            long before = mx.getCurrentThreadCpuTime();
            lock.acquire(seconds);
            threadCpu[0] = mx.getCurrentThreadCpuTime() - before;
        });
        waiter.start();
        waiter.join();
        System.out.printf("java waiter blocked %s s, %s: waiter thread CPU ms: %.2f, process CPU ms: %.1f%n",
                seconds, which, threadCpu[0] / 1e6, (os.getProcessCpuTime() - processBefore) / 1e6);
    }

    private static void handOff() throws Exception {
        Semaphore a = new Semaphore(0), b = new Semaphore(0);
        int n = 100_000, warm = 50_000;
        try (ChildJvm child = new ChildJvm(SyncBenchChild.class, a, b, String.valueOf(n))) {
            long t = 0;
            for (int i = 0; i < n; i++) {
                if (i == warm) t = System.nanoTime(); // both JVMs' slow paths compiled by now
                a.release();
                b.acquire();
            }
            System.out.printf("java cross-JVM hand-off us (round trip / 2, after %d warm-up rounds): %.1f%n",
                    warm, (System.nanoTime() - t) / (double) (n - warm) / 2 / 1000);
            child.expect("done");
        }
    }
}
