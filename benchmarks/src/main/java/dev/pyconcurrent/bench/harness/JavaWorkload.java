package dev.pyconcurrent.bench.harness;

import dev.pyconcurrent.builtins.Callable1;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.multiprocessing.Context;
import dev.pyconcurrent.multiprocessing.Multiprocessing;
import dev.pyconcurrent.multiprocessing.Process;
import dev.pyconcurrent.multiprocessing.connection.Connection;
import dev.pyconcurrent.futures.Executor;
import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.ProcessPoolExecutor;
import dev.pyconcurrent.multiprocessing.pool.Pool;
import dev.pyconcurrent.futures.ThreadPoolExecutor;
import dev.pyconcurrent.queue.Queue;
import dev.pyconcurrent.queue.SimpleQueue;
import dev.pyconcurrent.sched.Scheduler;
import dev.pyconcurrent.subprocess.Popen;
import dev.pyconcurrent.subprocess.Subprocess;
import dev.pyconcurrent.threading.Lock;
import dev.pyconcurrent.threading.Thread;
import dev.pyconcurrent.time.Time;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Java side of the cross-language harness: each workload of {@code src/main/python/*.py},
 * written once against pyconcurrent, with the same timing protocol as {@code _bench.py}.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.pyconcurrent.bench.harness.JavaWorkload NAME SIZE
 * WARMUP RUNS}. Prints one JSON line per run: {@code {"warmup": bool, "seconds": s, "result": n}}.
 * Exit status 3 means the workload has no pyconcurrent implementation on this branch yet.
 */
public final class JavaWorkload {
    /** Exit status for "this workload's module is not available". */
    public static final int UNAVAILABLE = 3;

    private JavaWorkload() {}

    /** Runs workload {@code name} once at {@code size}; returns its result, or null if unknown. */
    public static Long run(String name, int size) {
        return switch (name) {
            case "queue_pc" -> queueProducerConsumer(size);
            case "simplequeue_pc" -> simpleQueueProducerConsumer(size);
            case "lock" -> lock(size);
            case "executor" -> executor(size);
            case "sched_default" -> sched(size, true);
            case "sched_noop" -> sched(size, false);
            case "subprocess_true" -> subprocessTrue(size);
            case "subprocess_communicate" -> subprocessCommunicate(size);
            case "mp_start_spawn" -> processStartJoin(size, "spawn");
            case "mp_start_forkserver" -> processStartJoin(size, "forkserver");
            case "mp_pipe_bytes" -> pipeRoundTrips(size, "bytes");
            case "mp_pipe_objects" -> pipeRoundTrips(size, "objects");
            case "mp_queue" -> queueToChild(size);
            case "mp_manager_dict" -> managerDict(size);
            case "mp_manager_start" -> managerStart(size);
            case "mp_pool_map1" -> poolMap(size, 1);
            case "mp_pool_map" -> poolMap(size, 0);
            case "mp_pool_apply" -> poolApply(size);
            case "mp_ppe_submit" -> executorSubmit(size);
            case "mp_ppe_map100" -> executorMap(size, 100);
            default -> null;
        };
    }

    /** {@code queue_pc.py Queue}: Queue(maxsize=1000), one producer thread, the caller consumes. */
    static long queueProducerConsumer(int n) {
        Queue<Integer> q = new Queue<>(1000);
        Thread producer = new Thread(() -> {
            for (int i = 0; i < n; i++) q.put(i);
        });
        producer.start();
        long total = 0;
        for (int i = 0; i < n; i++) total += q.get();
        producer.join();
        return total;
    }

    /** {@code queue_pc.py SimpleQueue}: SimpleQueue(), one producer thread, the caller consumes. */
    static long simpleQueueProducerConsumer(int n) {
        SimpleQueue<Integer> q = new SimpleQueue<>();
        Thread producer = new Thread(() -> {
            for (int i = 0; i < n; i++) q.put(i);
        });
        producer.start();
        long total = 0;
        for (int i = 0; i < n; i++) total += q.get();
        producer.join();
        return total;
    }

    /** {@code lock.py}: n uncontended acquire()/release() pairs around a counter increment. */
    static long lock(int n) {
        Lock lock = new Lock();
        long count = 0;
        for (int i = 0; i < n; i++) {
            lock.acquire();
            count++;
            lock.release();
        }
        return count;
    }

    static Integer task(Integer i) {
        return i;
    }

    /** {@code executor.py}: ThreadPoolExecutor() submits n trivial tasks, then collects every result. */
    static long executor(int n) {
        try (ThreadPoolExecutor executor = new ThreadPoolExecutor()) {
            List<Future<Integer>> futures = new ArrayList<>(n);
            Callable1<Integer, Integer> task = JavaWorkload::task;
            for (int i = 0; i < n; i++) futures.add(executor.submit(task, i));
            long total = 0;
            for (Future<Integer> f : futures) total += f.result();
            return total;
        }
    }

    /** {@code sched_events.py}: n zero-delay events, then run(). */
    static long sched(int n, boolean defaultDelay) {
        Scheduler s = defaultDelay ? new Scheduler() : new Scheduler(Time::monotonic, seconds -> {});
        long[] count = {0};
        for (int i = 0; i < n; i++) s.enter(0, 1, () -> count[0]++);
        s.run();
        return count[0];
    }

    /** {@code subprocess_true.py}: subprocess.run(["true"]) n times; how many exited 0. */
    static long subprocessTrue(int n) {
        long ok = 0;
        List<String> args = List.of("true");
        for (int i = 0; i < n; i++) {
            if (Subprocess.run(args).returncode() == 0) ok++;
        }
        return ok;
    }

    /** {@code subprocess_communicate.py}: n × Popen(head -c 1000000 /dev/zero, stdout=PIPE).communicate(); bytes read. */
    static long subprocessCommunicate(int n) {
        long total = 0;
        List<String> args = List.of("head", "-c", "1000000", "/dev/zero");
        for (int i = 0; i < n; i++) {
            Popen p = new Popen(args, Popen.options().stdout(Subprocess.PIPE));
            total += ((byte[]) p.communicate().get(0)).length;
        }
        return total;
    }

    /**
     * The JVM's warm-up: at least {@code warmup} runs and at least {@code -Dbench.warmupSeconds}
     * (default 0) of them, so that the JIT has compiled the hot path before the measured runs
     * start, however slow the machine's start-up is (JMH warms up by time for the same reason).
     * {@code start} is when the first run began, or with {@code -Dbench.warmupAfterFirst=true}
     * when it ended: a workload whose first run starts worker JVMs ({@link Workload#workers})
     * warms them up for that long (their JIT starts with them), as {@code _bench.py} does for CPython's.
     */
    static boolean warmingUp(int done, int warmup, long start) {
        double seconds = Double.parseDouble(System.getProperty("bench.warmupSeconds", "0"));
        return done < warmup || System.nanoTime() - start < seconds * 1e9;
    }

    static void noop() {
        // the child's whole work
    }

    /** {@code mp_start.py}: Process(target=noop).start(); join() n times; how many exited 0. */
    static long processStartJoin(int n, String method) {
        Context ctx = Multiprocessing.getContext(method);
        long ok = 0;
        for (int i = 0; i < n; i++) {
            Process p = ctx.Process(JavaWorkload::noop);
            p.start();
            p.join();
            if (p.exitcode() == 0) ok++;
        }
        return ok;
    }

    private static Connection echoChild;

    /** {@code mp_pipe.py}'s child: echoes batches of byte messages or objects. */
    static void echo(Connection conn) {
        while (true) {
            String kind = (String) conn.recv();
            int n = (Integer) conn.recv();
            for (int i = 0; i < n; i++) {
                if (kind.equals("bytes")) conn.sendBytes(conn.recvBytes());
                else conn.send(conn.recv());
            }
        }
    }

    /** {@code mp_pipe.py}: n round trips to a spawn child started once; how many replies were right. */
    static long pipeRoundTrips(int n, String kind) {
        if (echoChild == null) {
            Context spawn = Multiprocessing.getContext("spawn");
            Connection[] ab = spawn.Pipe();
            spawn.Process(JavaWorkload::echo, ab[1]).daemon(true).start();
            echoChild = ab[0];
        }
        Connection conn = echoChild;
        conn.send(kind);
        conn.send(n);
        long ok = 0;
        byte[] payload = new byte[24];
        for (int i = 0; i < n; i++) {
            if (kind.equals("bytes")) {
                conn.sendBytes(payload);
                if (java.util.Arrays.equals(conn.recvBytes(), payload)) ok++;
            } else {
                Tuple message = Tuple.of("ping", i, 1.5);
                conn.send(message);
                if (message.equals(conn.recv())) ok++;
            }
        }
        return ok;
    }

    private static dev.pyconcurrent.multiprocessing.Queue<Object> items, counts;

    /** {@code mp_queue.py}'s child: gets each batch and reports its size. */
    static void drain(dev.pyconcurrent.multiprocessing.Queue<Object> items, dev.pyconcurrent.multiprocessing.Queue<Object> counts) {
        while (true) {
            int n = (Integer) items.get();
            for (int i = 0; i < n; i++) items.get();
            counts.put(n);
        }
    }

    /** {@code mp_queue.py}: n ("item", i) tuples put for a spawn child started once; the child's count. */
    static long queueToChild(int n) {
        if (items == null) {
            Context spawn = Multiprocessing.getContext("spawn");
            items = spawn.Queue();
            counts = spawn.Queue();
            spawn.Process(JavaWorkload::drain, items, counts).daemon(true).start();
        }
        items.put(n);
        for (int i = 0; i < n; i++) items.put(Tuple.of("item", i));
        return (Integer) counts.get();
    }

    private static Pool pool;

    static Integer sq(Integer x) {
        return x * x;
    }

    /** How many of {@code results} are {@code i * i}, i their index. */
    static long squares(Iterable<Integer> results) {
        long ok = 0;
        int i = 0;
        for (Integer r : results) {
            if (r == (long) i * i) ok++;
            i++;
        }
        return ok;
    }

    /** The {@code mp_pool.py} pool: 2 spawn workers, started once (in the warm-up run) and reused. */
    static Pool pool() {
        if (pool == null) pool = new Pool(Pool.options().processes(2).context(Multiprocessing.getContext("spawn")));
        return pool;
    }

    /** {@code mp_pool.py map1 / map}: pool.map(sq, range(n), chunksize) (0: the default chunksize). */
    static long poolMap(int n, int chunksize) {
        List<Integer> xs = range(n);
        return squares(chunksize == 0 ? pool().map(JavaWorkload::sq, xs) : pool().map(JavaWorkload::sq, xs, chunksize));
    }

    /** {@code mp_pool.py apply}: n pool.apply(sq, (i,)) round trips. */
    static long poolApply(int n) {
        List<Integer> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) results.add(pool().apply(JavaWorkload::sq, i));
        return squares(results);
    }

    static List<Integer> range(int n) {
        List<Integer> xs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) xs.add(i);
        return xs;
    }

    private static ProcessPoolExecutor processExecutor;

    /** The {@code mp_ppe.py} executor: 2 spawn workers, started once (in the warm-up run) and reused. */
    static ProcessPoolExecutor processExecutor() {
        if (processExecutor == null) processExecutor = new ProcessPoolExecutor(2, Multiprocessing.getContext("spawn"));
        return processExecutor;
    }

    /** {@code mp_ppe.py submit}: n submit(sq, i), then every result(). */
    static long executorSubmit(int n) {
        List<Future<Integer>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) futures.add(processExecutor().submit(JavaWorkload::sq, i));
        List<Integer> results = new ArrayList<>(n);
        for (Future<Integer> f : futures) results.add(f.result());
        return squares(results);
    }

    /** {@code mp_ppe.py map100}: list(map(sq, range(n), chunksize=100)). */
    static long executorMap(int n, int chunksize) {
        return squares(processExecutor().map(JavaWorkload::sq, range(n), Executor.mapOptions().chunksize(chunksize)));
    }

    public static void main(String[] args) {
        String name = args[0];
        int size = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        int runs = Integer.parseInt(args[3]);
        boolean afterFirst = Boolean.getBoolean("bench.warmupAfterFirst");
        long start = System.nanoTime();
        int warmed = 0;
        for (int measured = 0; measured < runs; ) {
            boolean warming = warmingUp(warmed, warmup, start);
            long t0 = System.nanoTime();
            Long result = run(name, size);
            long t1 = System.nanoTime();
            double seconds = (t1 - t0) / 1e9;
            if (afterFirst && warmed + measured == 0) start = t1;
            if (result == null) {
                System.err.println("no pyconcurrent implementation of workload " + name);
                System.exit(UNAVAILABLE);
            }
            System.out.printf(Locale.ROOT, "{\"warmup\": %b, \"seconds\": %.9f, \"result\": %d}%n",
                    warming, seconds, result);
            System.out.flush();
            if (warming) warmed++;
            else measured++;
        }
        System.exit(0);
    }

    private static java.util.Map<String, Object> managerDict;

    /** {@code mp_manager.py dict}: n {@code d["k"] = i} on a Manager's dict (the manager started once); the last value. */
    static long managerDict(int n) {
        if (managerDict == null) managerDict = Multiprocessing.Manager().dict();
        java.util.Map<String, Object> d = managerDict;
        for (int i = 0; i < n; i++) d.put("k", i);
        return (Integer) d.get("k");
    }

    /** {@code mp_manager.py start}: n times Manager() then shutdown(); how many started. */
    static long managerStart(int n) {
        long started = 0;
        for (int i = 0; i < n; i++) {
            dev.pyconcurrent.multiprocessing.managers.SyncManager m = Multiprocessing.Manager();
            if (m.address() != null) started++;
            m.shutdown();
        }
        return started;
    }
}
