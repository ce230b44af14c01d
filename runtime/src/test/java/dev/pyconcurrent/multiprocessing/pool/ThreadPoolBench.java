package dev.pyconcurrent.multiprocessing.pool;

import dev.pyconcurrent.testing.CPython;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Measurements, not a test: {@code ThreadPool(2)} map of 10 000 small tasks (chunksize 1 and
 * CPython's default) and the {@code apply} round trip, then the same in python3.13's
 * {@code multiprocessing.pool.ThreadPool} in the same run; medians of 7 after warm-up.
 * Run: {@code java -cp <test+main classes+deps> dev.pyconcurrent.multiprocessing.pool.ThreadPoolBench}.
 */
public final class ThreadPoolBench {
    private ThreadPoolBench() {}

    static final String PYTHON = """
            import time, statistics
            from multiprocessing.pool import ThreadPool
            def sq(x):
                return x * x
            def median(fn, runs=7, warm=3):
                for _ in range(warm):
                    fn()
                ts = []
                for _ in range(runs):
                    t = time.perf_counter_ns(); fn(); ts.append(time.perf_counter_ns() - t)
                return statistics.median(ts)
            with ThreadPool(2) as p:
                xs = range(10_000)
                print("python ThreadPool(2).map(sq, 1e4, chunksize=1) ms: %.2f" % (median(lambda: p.map(sq, xs, 1)) / 1e6))
                print("python ThreadPool(2).map(sq, 1e4) default chunksize ms: %.3f" % (median(lambda: p.map(sq, xs)) / 1e6))
                n = 2000
                def applies():
                    for _ in range(n):
                        p.apply(sq, (3,))
                print("python ThreadPool(2).apply(sq, (3,)) round trip us: %.1f" % (median(applies) / n / 1e3))
            """;

    static int sq(int x) {
        return x * x;
    }

    public static void main(String[] args) throws Exception {
        List<Integer> xs = IntStream.range(0, 10_000).boxed().toList();
        ThreadPool p = new ThreadPool(2);
        try (var scope = p.enter()) {
            System.out.printf("java ThreadPool(2).map(sq, 1e4, chunksize=1) ms: %.2f%n", median(() -> p.map(ThreadPoolBench::sq, xs, 1)) / 1e6);
            System.out.printf("java ThreadPool(2).map(sq, 1e4) default chunksize ms: %.3f%n", median(() -> p.map(ThreadPoolBench::sq, xs)) / 1e6);
            int n = 2000;
            System.out.printf("java ThreadPool(2).apply(sq, (3,)) round trip us: %.1f%n", median(() -> {
                for (int i = 0; i < n; i++) p.apply(ThreadPoolBench::sq, 3);
            }) / n / 1e3);
        }
        p.join();
        Process py = new ProcessBuilder(CPython.executable(), "-c", PYTHON).inheritIO().start();
        py.waitFor();
    }

    private static double median(Runnable body) {
        for (int i = 0; i < 10; i++) body.run();
        long[] ts = new long[7];
        for (int i = 0; i < ts.length; i++) {
            long t = System.nanoTime();
            body.run();
            ts[i] = System.nanoTime() - t;
        }
        Arrays.sort(ts);
        return ts[ts.length / 2];
    }
}
