package dev.pyconcurrent.bench.jmh;

import dev.pyconcurrent.threading.Lock;
import dev.pyconcurrent.threading.RLock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/** Lock/RLock acquire+release around a counter increment, vs ReentrantLock; 1 and 2 threads. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LockBench {
    final Lock lock = new Lock();
    final RLock rlock = new RLock();
    final ReentrantLock reentrantLock = new ReentrantLock();
    long counter;

    @Benchmark
    public void lockUncontended_py() {
        lock.acquire();
        counter++;
        lock.release();
    }

    @Benchmark
    public void lockUncontended_jucReentrantLock() {
        reentrantLock.lock();
        counter++;
        reentrantLock.unlock();
    }

    @Benchmark
    public void rlockUncontended_py() {
        rlock.acquire();
        counter++;
        rlock.release();
    }

    @Benchmark
    public void rlockUncontended_jucReentrantLock() {
        lockUncontended_jucReentrantLock();
    }

    @Benchmark
    @Threads(2)
    public void lockContended_py() {
        lockUncontended_py();
    }

    @Benchmark
    @Threads(2)
    public void lockContended_jucReentrantLock() {
        lockUncontended_jucReentrantLock();
    }

    @Benchmark
    @Threads(2)
    public void rlockContended_py() {
        rlockUncontended_py();
    }

    @Benchmark
    @Threads(2)
    public void rlockContended_jucReentrantLock() {
        lockUncontended_jucReentrantLock();
    }
}
