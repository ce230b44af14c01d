package dev.pyconcurrent.multiprocessing.pool;

import dev.pyconcurrent.testing.CPython;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Measurements, not a test: the process {@code Pool(2)} (warm forkserver JVMs) on issue 13's
 * workloads (map of 10 000 small tasks with chunksize 1 and the default, the {@code apply}
 * round trip, the pool's start), then python3.13's {@code Pool(2)} (fork and forkserver) in the
 * same run; medians of 7 after warm-up.
 * Run: {@code java -cp <test+main classes+deps> dev.pyconcurrent.multiprocessing.pool.PoolBench}.
 */
public final class PoolBench {
    private PoolBench() {}

    static final String PYTHON = """
            import time, statistics, multiprocessing as mp
            def sq(x):
                return x * x
            def median(fn, runs=7, warm=3):
                for _ in range(warm):
                    fn()
                ts = []
                for _ in range(runs):
                    t = time.perf_counter_ns(); fn(); ts.append(time.perf_counter_ns() - t)
                return statistics.median(ts)
            if __name__ == "__main__":
                for method in ("fork", "forkserver"):
                    ctx = mp.get_context(method)
                    with ctx.Pool(2) as p:
                        xs = range(10_000)
                        print("python %s Pool(2).map(sq, 1e4, chunksize=1) ms: %.1f" % (method, median(lambda: p.map(sq, xs, 1)) / 1e6))
                        print("python %s Pool(2).map(sq, 1e4) default chunksize ms: %.2f" % (method, median(lambda: p.map(sq, xs)) / 1e6))
                        n = 2000
                        def applies():
                            for _ in range(n):
                                p.apply(sq, (3,))
                        print("python %s Pool(2).apply(sq, (3,)) round trip us: %.1f" % (method, median(applies) / n / 1e3))
            """;

    static int sq(int x) {
        return x * x;
    }

    public static void main(String[] args) throws Exception {
        List<Integer> xs = IntStream.range(0, 10_000).boxed().toList();
        long t0 = System.nanoTime();
        Pool p = new Pool(2);
        p.apply(PoolBench::sq, 1);
        System.out.printf("java Pool(2) start + first apply ms: %.1f%n", (System.nanoTime() - t0) / 1e6);
        try (var scope = p.enter()) {
            System.out.printf("java Pool(2).map(sq, 1e4, chunksize=1) ms: %.1f%n", median(() -> p.map(PoolBench::sq, xs, 1)) / 1e6);
            System.out.printf("java Pool(2).map(sq, 1e4) default chunksize ms: %.2f%n", median(() -> p.map(PoolBench::sq, xs)) / 1e6);
            int n = 2000;
            System.out.printf("java Pool(2).apply(sq, (3,)) round trip us: %.1f%n", median(() -> {
                for (int i = 0; i < n; i++) p.apply(PoolBench::sq, 3);
            }) / n / 1e3);
        }
        p.join();
        Process py = new ProcessBuilder(CPython.executable(), "-c", PYTHON).inheritIO().start();
        py.waitFor();
        System.exit(0);
    }

    private static double median(Runnable body) {
        for (int i = 0; i < 3; i++) body.run();
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
