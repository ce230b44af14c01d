package dev.pyconcurrent.bench.jmh;

import dev.pyconcurrent.threading.Condition;
import dev.pyconcurrent.threading.Event;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Control;

/**
 * Two threads handing a turn back and forth: with two Events (set/wait/clear) vs two
 * Semaphores (release/acquire), and with one Condition and a turn variable vs ReentrantLock's
 * Condition. Scores are per half round trip (one hand-off).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PingPongBench {
    static final double TIMEOUT = 0.01;

    @State(Scope.Group)
    public static class Events {
        final Event ping = new Event();
        final Event pong = new Event();
        final Semaphore sping = new Semaphore(0);
        final Semaphore spong = new Semaphore(0);

        @Setup(Level.Iteration)
        public void reset() {
            ping.clear();
            pong.clear();
            sping.drainPermits();
            spong.drainPermits();
        }
    }

    @State(Scope.Group)
    public static class Conditions {
        final Condition cond = new Condition();
        int turn;
        final ReentrantLock lock = new ReentrantLock();
        final java.util.concurrent.locks.Condition jcond = lock.newCondition();
        int jturn;
    }

    @Benchmark @Group("eventPingPong_py") @GroupThreads(1)
    public void eventPing(Events s, Control c) {
        s.ping.set();
        while (!c.stopMeasurement) {
            if (s.pong.await(TIMEOUT)) {
                s.pong.clear();
                return;
            }
        }
    }

    @Benchmark @Group("eventPingPong_py") @GroupThreads(1)
    public void eventPong(Events s, Control c) {
        while (!c.stopMeasurement) {
            if (s.ping.await(TIMEOUT)) {
                s.ping.clear();
                s.pong.set();
                return;
            }
        }
    }

    @Benchmark @Group("eventPingPong_jucSemaphore") @GroupThreads(1)
    public void semaphorePing(Events s, Control c) throws InterruptedException {
        s.sping.release();
        while (!c.stopMeasurement) {
            if (s.spong.tryAcquire(10, TimeUnit.MILLISECONDS)) return;
        }
    }

    @Benchmark @Group("eventPingPong_jucSemaphore") @GroupThreads(1)
    public void semaphorePong(Events s, Control c) throws InterruptedException {
        while (!c.stopMeasurement) {
            if (s.sping.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                s.spong.release();
                return;
            }
        }
    }

    static void take(Conditions s, int mine, Control c) {
        try (var held = s.cond.enter()) {
            while (s.turn != mine) {
                if (c.stopMeasurement) return;
                s.cond.await(TIMEOUT);
            }
            s.turn = 1 - mine;
            s.cond.signal();
        }
    }

    static void jtake(Conditions s, int mine, Control c) throws InterruptedException {
        s.lock.lock();
        try {
            while (s.jturn != mine) {
                if (c.stopMeasurement) return;
                s.jcond.await(10, TimeUnit.MILLISECONDS);
            }
            s.jturn = 1 - mine;
            s.jcond.signal();
        } finally {
            s.lock.unlock();
        }
    }

    @Benchmark @Group("conditionPingPong_py") @GroupThreads(1)
    public void conditionPing(Conditions s, Control c) {
        take(s, 0, c);
    }

    @Benchmark @Group("conditionPingPong_py") @GroupThreads(1)
    public void conditionPong(Conditions s, Control c) {
        take(s, 1, c);
    }

    @Benchmark @Group("conditionPingPong_jucCondition") @GroupThreads(1)
    public void jconditionPing(Conditions s, Control c) throws InterruptedException {
        jtake(s, 0, c);
    }

    @Benchmark @Group("conditionPingPong_jucCondition") @GroupThreads(1)
    public void jconditionPong(Conditions s, Control c) throws InterruptedException {
        jtake(s, 1, c);
    }
}
