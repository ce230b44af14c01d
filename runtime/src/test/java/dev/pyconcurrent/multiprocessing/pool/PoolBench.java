package dev.pyconcurrent.multiprocessing.pool;

import dev.pyconcurrent.testing.CPython;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Measurements, not a test: issue 13's pool workloads with a pool of 2 (map of 10 000 small
 * tasks with chunksize 1 and the default, the {@code apply} round trip, the start) on
 * {@code ThreadPool} and the process {@code Pool} (warm forkserver JVMs), then the same in
 * python3.13 ({@code ThreadPool}, {@code Pool} under fork and forkserver) in the same run;
 * medians of 7 after warm-up.
 * Run: {@code java -cp <test+main classes+deps> dev.pyconcurrent.multiprocessing.pool.PoolBench}.
 */
public final class PoolBench {
    private PoolBench() {}

    static final String PYTHON = """
            import time, statistics, multiprocessing as mp
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
            def measure(label, make):
                t = time.perf_counter_ns()
                p = make()
                p.apply(sq, (1,))
                print("python %s start + first apply ms: %.1f" % (label, (time.perf_counter_ns() - t) / 1e6))
                with p:
                    xs = range(10_000)
                    print("python %s map(sq, 1e4, chunksize=1) ms: %.1f" % (label, median(lambda: p.map(sq, xs, 1)) / 1e6))
                    print("python %s map(sq, 1e4) default chunksize ms: %.2f" % (label, median(lambda: p.map(sq, xs)) / 1e6))
                    n = 2000
                    def applies():
                        for _ in range(n):
                            p.apply(sq, (3,))
                    print("python %s apply(sq, (3,)) round trip us: %.1f" % (label, median(applies) / n / 1e3))
            if __name__ == "__main__":
                measure("ThreadPool(2)", lambda: ThreadPool(2))
                for method in ("fork", "forkserver"):
                    measure("Pool(2) " + method, lambda: mp.get_context(method).Pool(2))
            """;

    static int sq(int x) {
        return x * x;
    }

    public static void main(String[] args) throws Exception {
        measure("ThreadPool(2)", () -> new ThreadPool(2));
        measure("Pool(2) forkserver", () -> new Pool(2));
        Path script = Files.createTempFile("poolbench", ".py");
        try {
            Files.writeString(script, PYTHON);
            new ProcessBuilder(CPython.executable(), script.toString()).inheritIO().start().waitFor();
        } finally {
            Files.delete(script);
        }
        System.exit(0);
    }

    private static void measure(String label, java.util.function.Supplier<Pool> make) {
        List<Integer> xs = IntStream.range(0, 10_000).boxed().toList();
        long t0 = System.nanoTime();
        Pool p = make.get();
        p.apply(PoolBench::sq, 1);
        System.out.printf("java %s start + first apply ms: %.1f%n", label, (System.nanoTime() - t0) / 1e6);
        try (var scope = p.enter()) {
            System.out.printf("java %s map(sq, 1e4, chunksize=1) ms: %.1f%n", label, median(() -> p.map(PoolBench::sq, xs, 1)) / 1e6);
            System.out.printf("java %s map(sq, 1e4) default chunksize ms: %.2f%n", label, median(() -> p.map(PoolBench::sq, xs)) / 1e6);
            int n = 2000;
            System.out.printf("java %s apply(sq, (3,)) round trip us: %.1f%n", label, median(() -> {
                for (int i = 0; i < n; i++) p.apply(PoolBench::sq, 3);
            }) / n / 1e3);
        }
        p.join();
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
