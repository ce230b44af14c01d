package dev.pyconcurrent.bench.jmh;

import dev.pyconcurrent.queue.Empty;
import dev.pyconcurrent.queue.Full;
import dev.pyconcurrent.queue.Queue;
import dev.pyconcurrent.queue.SimpleQueue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Control;

/**
 * Queue(1000) put/get across threads (SPSC: 1 producer + 1 consumer; MPMC: 2 + 2) vs
 * ArrayBlockingQueue(1000) and LinkedBlockingQueue(1000); SimpleQueue put+get vs
 * LinkedTransferQueue on one thread. Scores are per put (or get) operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class QueueBench {
    static final Integer ITEM = 42;
    static final double TIMEOUT = 0.01;

    @State(Scope.Group)
    public static class Queues {
        final Queue<Integer> py = new Queue<>(1000);
        final ArrayBlockingQueue<Integer> abq = new ArrayBlockingQueue<>(1000);
        final LinkedBlockingQueue<Integer> lbq = new LinkedBlockingQueue<>(1000);
    }

    @State(Scope.Thread)
    public static class Unbounded {
        final SimpleQueue<Integer> py = new SimpleQueue<>();
        final LinkedTransferQueue<Integer> ltq = new LinkedTransferQueue<>();
    }

    static void put(Queue<Integer> q, Control c) {
        while (!c.stopMeasurement) {
            try {
                q.put(ITEM, true, TIMEOUT);
                return;
            } catch (Full e) {
                // timed out: check whether the iteration ended
            }
        }
    }

    static Integer get(Queue<Integer> q, Control c) {
        while (!c.stopMeasurement) {
            try {
                return q.get(true, TIMEOUT);
            } catch (Empty e) {
                // timed out: check whether the iteration ended
            }
        }
        return null;
    }

    static void put(BlockingQueue<Integer> q, Control c) throws InterruptedException {
        while (!c.stopMeasurement) {
            if (q.offer(ITEM, 10, TimeUnit.MILLISECONDS)) return;
        }
    }

    static Integer get(BlockingQueue<Integer> q, Control c) throws InterruptedException {
        while (!c.stopMeasurement) {
            Integer x = q.poll(10, TimeUnit.MILLISECONDS);
            if (x != null) return x;
        }
        return null;
    }

    @Benchmark @Group("spsc_py") @GroupThreads(1)
    public void spscPut_py(Queues q, Control c) {
        put(q.py, c);
    }

    @Benchmark @Group("spsc_py") @GroupThreads(1)
    public Integer spscGet_py(Queues q, Control c) {
        return get(q.py, c);
    }

    @Benchmark @Group("spsc_jucArrayBlockingQueue") @GroupThreads(1)
    public void spscPut_abq(Queues q, Control c) throws InterruptedException {
        put(q.abq, c);
    }

    @Benchmark @Group("spsc_jucArrayBlockingQueue") @GroupThreads(1)
    public Integer spscGet_abq(Queues q, Control c) throws InterruptedException {
        return get(q.abq, c);
    }

    @Benchmark @Group("spsc_jucLinkedBlockingQueue") @GroupThreads(1)
    public void spscPut_lbq(Queues q, Control c) throws InterruptedException {
        put(q.lbq, c);
    }

    @Benchmark @Group("spsc_jucLinkedBlockingQueue") @GroupThreads(1)
    public Integer spscGet_lbq(Queues q, Control c) throws InterruptedException {
        return get(q.lbq, c);
    }

    @Benchmark @Group("mpmc_py") @GroupThreads(2)
    public void mpmcPut_py(Queues q, Control c) {
        put(q.py, c);
    }

    @Benchmark @Group("mpmc_py") @GroupThreads(2)
    public Integer mpmcGet_py(Queues q, Control c) {
        return get(q.py, c);
    }

    @Benchmark @Group("mpmc_jucArrayBlockingQueue") @GroupThreads(2)
    public void mpmcPut_abq(Queues q, Control c) throws InterruptedException {
        put(q.abq, c);
    }

    @Benchmark @Group("mpmc_jucArrayBlockingQueue") @GroupThreads(2)
    public Integer mpmcGet_abq(Queues q, Control c) throws InterruptedException {
        return get(q.abq, c);
    }

    @Benchmark @Group("mpmc_jucLinkedBlockingQueue") @GroupThreads(2)
    public void mpmcPut_lbq(Queues q, Control c) throws InterruptedException {
        put(q.lbq, c);
    }

    @Benchmark @Group("mpmc_jucLinkedBlockingQueue") @GroupThreads(2)
    public Integer mpmcGet_lbq(Queues q, Control c) throws InterruptedException {
        return get(q.lbq, c);
    }

    @Benchmark
    public Integer simpleQueuePutGet_py(Unbounded q) {
        q.py.put(ITEM);
        return q.py.get();
    }

    @Benchmark
    public Integer simpleQueuePutGet_jucLinkedTransferQueue(Unbounded q) throws InterruptedException {
        q.ltq.put(ITEM);
        return q.ltq.take();
    }
}
