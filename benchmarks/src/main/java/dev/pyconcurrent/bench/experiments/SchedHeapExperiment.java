package dev.pyconcurrent.bench.experiments;

import dev.pyconcurrent.sched.Scheduler;
import dev.pyconcurrent.sched.Event;
import dev.pyconcurrent.time.Time;
import dev.pyconcurrent.builtins.Action0;
import dev.pyconcurrent.builtins.Py;
import java.util.LinkedHashMap;
import java.util.PriorityQueue;

/**
 * Evidence for docs/performance.adoc (sched miss): 100 000 zero-delay events through
 * {@link Scheduler} (Heapq over {@code Py.lt}) vs the same {@link Event}s in a
 * {@code java.util.PriorityQueue} (direct {@code compareTo}) vs a heap whose keys (time,
 * sequence) live in primitive arrays. Run pinned:
 * {@code taskset -c 1 java -cp benchmarks/target/benchmarks.jar dev.pyconcurrent.bench.experiments.SchedHeapExperiment}.
 * Not a benchmark of the runtime: a measurement of what a different heap would gain.
 */
public class SchedHeapExperiment {
    static long count;
    static final int N = 100_000;
    static long a() {
        Scheduler s = new Scheduler(Time::monotonic, x -> {});
        for (int i = 0; i < N; i++) s.enter(0, 1, () -> count++);
        s.run();
        return count;
    }
    // same Events, java.util.PriorityQueue (direct compareTo), no lock
    static long b() {
        PriorityQueue<Event> q = new PriorityQueue<>();
        long seq = 0;
        for (int i = 0; i < N; i++) {
            Action0 f = () -> count++;
            q.add(new Event(Time.monotonic(), 1, seq++, f, Py.tuple(), new LinkedHashMap<>()));
        }
        while (!q.isEmpty()) { Event e = q.poll(); Time.monotonic(); try { ((Action0) e.action()).call(); } catch (Exception x) { throw new RuntimeException(x); } }
        return count;
    }
    // primitive keys: heap of indices ordered by double[] time / long[] seq
    static long c() {
        double[] t = new double[N]; long[] sq = new long[N]; Event[] ev = new Event[N]; int n = 0; long seq = 0;
        for (int i = 0; i < N; i++) {
            Action0 f = () -> count++;
            double tm = Time.monotonic();
            Event e = new Event(tm, 1, seq, f, Py.tuple(), new LinkedHashMap<>());
            int p = n++;
            while (p > 0) { int par = (p - 1) >> 1; if (t[par] < tm || (t[par] == tm && sq[par] < seq)) break; t[p] = t[par]; sq[p] = sq[par]; ev[p] = ev[par]; p = par; }
            t[p] = tm; sq[p] = seq; ev[p] = e; seq++;
        }
        while (n > 0) {
            Event top = ev[0]; n--;
            double tm = t[n]; long s2 = sq[n]; Event last = ev[n]; ev[n] = null;
            int p = 0;
            while (true) { int ch = 2 * p + 1; if (ch >= n) break; if (ch + 1 < n && (t[ch+1] < t[ch] || (t[ch+1] == t[ch] && sq[ch+1] < sq[ch]))) ch++;
                if (tm < t[ch] || (tm == t[ch] && s2 < sq[ch])) break; t[p] = t[ch]; sq[p] = sq[ch]; ev[p] = ev[ch]; p = ch; }
            if (n > 0) { t[p] = tm; sq[p] = s2; ev[p] = last; }
            Time.monotonic();
            try { ((Action0) top.action()).call(); } catch (Exception x) { throw new RuntimeException(x); }
        }
        return count;
    }
    public static void main(String[] args) {
        for (int r = 0; r < 6; r++) {
            long t0 = System.nanoTime(); a(); long t1 = System.nanoTime(); b(); long t2 = System.nanoTime(); c(); long t3 = System.nanoTime();
            System.out.printf("Scheduler %.1f ms | PriorityQueue<Event> %.1f ms | primitive-key heap %.1f ms%n", (t1-t0)/1e6, (t2-t1)/1e6, (t3-t2)/1e6);
        }
    }
}
