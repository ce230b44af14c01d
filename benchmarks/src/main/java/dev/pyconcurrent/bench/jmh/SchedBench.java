package dev.pyconcurrent.bench.jmh;

import dev.pyconcurrent.sched.Scheduler;
import dev.pyconcurrent.time.Time;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * sched throughput: 100 000 zero-delay events entered then run, with the default delayfunc
 * ({@code time.sleep}, called with 0 after every event as CPython does) and with a no-op one.
 * Score: time per 100 000 events.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SchedBench {
    static final int EVENTS = 100_000;
    long count;

    long run(Scheduler s) {
        for (int i = 0; i < EVENTS; i++) s.enter(0, 1, () -> count++);
        s.run();
        return count;
    }

    @Benchmark
    public long sched100kDefaultDelay_py() {
        return run(new Scheduler());
    }

    @Benchmark
    public long sched100kNoopDelay_py() {
        return run(new Scheduler(Time::monotonic, seconds -> { }));
    }
}
