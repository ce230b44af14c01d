package dev.pyconcurrent.bench.harness;

import java.util.List;

/**
 * One cross-language workload: a Python script (with an optional variant argument) and the
 * {@link JavaWorkload} case of the same name.
 *
 * @param name      the {@link JavaWorkload} name
 * @param title     the table's label
 * @param script    the script under {@code src/main/python}
 * @param variant   the script's VARIANT argument, or null
 * @param size      the measured size
 * @param tinySize  the smoke test's size
 * @param pinned    run both sides on one CPU ({@code taskset -c 1}): the figure is about the code,
 *                  not about thread hand-off through the scheduler
 * @param target    the target speed-up over CPython 3.11 (CPython time / pyconcurrent time)
 * @param jvmArgs   extra options for pyconcurrent's JVM (a variant measuring a JVM setting)
 */
public record Workload(String name, String title, String script, String variant, int size, int tinySize,
                       boolean pinned, double target, List<String> jvmArgs) {

    Workload(String name, String title, String script, String variant, int size, int tinySize, boolean pinned,
             double target) {
        this(name, title, script, variant, size, tinySize, pinned, target, List.of());
    }

    /** A unique key: the name, plus the value of the JVM option for a JVM-setting variant. */
    public String key() {
        if (jvmArgs.isEmpty()) return name;
        String last = jvmArgs.get(jvmArgs.size() - 1);
        return name + "_" + last.substring(last.indexOf('=') + 1).toLowerCase(java.util.Locale.ROOT);
    }

    /** Every workload, in table order. */
    public static final List<Workload> ALL = List.of(
            new Workload("queue_pc", "queue.Queue(1000) producer→consumer", "queue_pc.py", "Queue",
                    1_000_000, 1_000, false, 10),
            new Workload("simplequeue_pc", "queue.SimpleQueue producer→consumer", "queue_pc.py", "SimpleQueue",
                    1_000_000, 1_000, false, 10),
            new Workload("lock", "Lock acquire/release", "lock.py", null, 10_000_000, 1_000, true, 10),
            new Workload("executor", "ThreadPoolExecutor submit+result", "executor.py", null,
                    100_000, 100, false, 5),
            new Workload("sched_default", "sched zero-delay events, default delayfunc", "sched_events.py",
                    "default", 100_000, 100, true, 10),
            new Workload("sched_noop", "sched zero-delay events, no-op delayfunc", "sched_events.py",
                    "noop", 100_000, 100, true, 10),
            new Workload("subprocess_true", "subprocess.run([\"true\"])", "subprocess_true.py", null,
                    200, 2, false, 1),
            // The same, with the JDK's VFORK launch mechanism: what the default (posix_spawn + jspawnhelper) costs.
            new Workload("subprocess_true", "subprocess.run([\"true\"]), JVM with VFORK launch",
                    "subprocess_true.py", null, 200, 2, false, 1,
                    List.of("-Djdk.lang.Process.launchMechanism=VFORK")),
            // multiprocessing (issue 12's targets: spawn within 3x CPython's time, forkserver twice as fast, Pipe and Queue on par)
            new Workload("mp_start_spawn", "Process start+join, spawn", "mp_start.py", "spawn", 20, 2, false, 1 / 3.0),
            new Workload("mp_start_forkserver", "Process start+join, forkserver", "mp_start.py", "forkserver", 20, 2, false, 2),
            new Workload("mp_pipe_bytes", "Pipe round trip to a child, 24 B send_bytes", "mp_pipe.py", "bytes",
                    10_000, 100, false, 1),
            new Workload("mp_pipe_objects", "Pipe round trip to a child, send of a tuple", "mp_pipe.py", "objects",
                    10_000, 100, false, 1),
            new Workload("mp_queue", "multiprocessing.Queue parent put -> child get", "mp_queue.py", null,
                    100_000, 1_000, false, 1));

    /** The multiprocessing workloads: a slot in the report until the module exists. */
    public static final List<String> PENDING = List.of(
            "Pool.map of 1e4 small tasks");
}
