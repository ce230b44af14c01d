package dev.pyconcurrent.bench.jmh;

import dev.pyconcurrent.builtins.Callable1;
import dev.pyconcurrent.futures.ThreadPoolExecutor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One trivial task submitted and its result awaited (a round trip through the pool), vs
 * java.util.concurrent.ThreadPoolExecutor with the same number of workers as Python's default
 * ({@code min(32, cpu_count + 4)}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ExecutorBench {
    static final Callable1<Integer, Integer> TASK = i -> i;
    ThreadPoolExecutor py;
    java.util.concurrent.ThreadPoolExecutor juc;

    @Setup(Level.Trial)
    public void start() {
        py = new ThreadPoolExecutor();
        int workers = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
        juc = new java.util.concurrent.ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>());
    }

    @TearDown(Level.Trial)
    public void stop() {
        py.shutdown(true, false);
        juc.shutdown();
    }

    @Benchmark
    public Integer submitResult_py() {
        return py.submit(TASK, 1).result();
    }

    @Benchmark
    public Integer submitResult_jucThreadPoolExecutor() throws Exception {
        return juc.submit(() -> 1).get();
    }
}
