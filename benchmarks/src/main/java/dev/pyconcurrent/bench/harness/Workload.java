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
 * @param jdk       the feature release of the JDK to run pyconcurrent's side on ({@link Runner#java(int)}),
 *                  or 0 for the harness's own JVM
 * @param interleaved run the sides' measured runs in turn (one process per run, the order rotating) rather
 *                  than each side's runs back to back: for workloads that mostly wait on the OS (process
 *                  creation), whose times follow the machine's load more than the code
 * @param workers   the first run starts worker processes that the later runs reuse (a pool, a manager, an echo
 *                  child): both sides keep warming up until the warm-up time has passed <em>after</em> that first
 *                  run, so that the measured runs are those of a pool whose workers are up and warm (a worker JVM's
 *                  JIT starts when the worker does), and CPython's workers get the same time
 */
public record Workload(String name, String title, String script, String variant, int size, int tinySize,
                       boolean pinned, double target, List<String> jvmArgs, int jdk, boolean interleaved,
                       boolean workers) {

    Workload(String name, String title, String script, String variant, int size, int tinySize, boolean pinned,
             double target) {
        this(name, title, script, variant, size, tinySize, pinned, target, List.of(), 0, false, false);
    }

    /** The same workload with its sides' runs {@linkplain #interleaved interleaved}. */
    Workload interleave() {
        return new Workload(name, title, script, variant, size, tinySize, pinned, target, jvmArgs, jdk, true, workers);
    }

    /** The same workload marked as starting its {@linkplain #workers workers} in its first run. */
    Workload withWorkers() {
        return new Workload(name, title, script, variant, size, tinySize, pinned, target, jvmArgs, jdk, interleaved, true);
    }

    /** The same workload on another JVM: with extra options, on JDK {@code release} (0: the harness's). */
    Workload on(int release, String... options) {
        String where = (release == 0 ? "" : ", JDK " + release) + (options.length == 0 ? ""
                : ", " + String.join(" ", options).replace("-Djdk.lang.Process.launchMechanism=", "")
                        .replace(FFM, "FFM").replace(NO_NATIVE + " ", "ProcessBuilder ") + " launch");
        return new Workload(name, title + where, script, variant, size, tinySize, pinned, target, List.of(options), release,
                interleaved, workers);
    }

    /** A unique key: the name, plus the JDK and the value of the JVM option for a JVM variant. */
    public String key() {
        String key = jdk == 0 ? name : name + "_jdk" + jdk;
        if (jvmArgs.isEmpty()) return key;
        String last = jvmArgs.get(jvmArgs.size() - 1);
        return key + "_" + (last.equals(FFM) ? "ffm" : last.substring(last.indexOf('=') + 1).toLowerCase(java.util.Locale.ROOT));
    }

    private static final Workload SUBPROCESS_TRUE = new Workload("subprocess_true", "subprocess.run([\"true\"])",
            "subprocess_true.py", null, 200, 2, false, 1).interleave();
    private static final Workload SUBPROCESS_COMMUNICATE = new Workload("subprocess_communicate",
            "Popen + communicate() of 1 MB stdout", "subprocess_communicate.py", null, 50, 2, false, 1).interleave();
    private static final String VFORK = "-Djdk.lang.Process.launchMechanism=VFORK";
    /** Turns the runtime's native launch (JNI below JDK 22, FFM above) off: Popen uses ProcessBuilder, where VFORK applies. */
    private static final String NO_NATIVE = "-Dpyconcurrent.ffm=false";
    /** Lets the runtime use its FFM classes (JDK 22+): Popen launches with posix_spawn (docs/deviations/subprocess.adoc). */
    private static final String FFM = "--enable-native-access=ALL-UNNAMED";

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
            // The launch rows: the harness's JDK (17: the runtime's JNI posix_spawn where the build had gcc, and
            // ProcessBuilder with VFORK, one exec) and JDK 25 with the JDK's default launch (posix_spawn of
            // jspawnhelper, two execs per child), with VFORK, and the runtime's own FFM posix_spawn (one exec,
            // waitpid's exact status): what the launch mechanism costs.
            SUBPROCESS_TRUE, SUBPROCESS_TRUE.on(0, NO_NATIVE, VFORK), SUBPROCESS_TRUE.on(25), SUBPROCESS_TRUE.on(25, VFORK),
            SUBPROCESS_TRUE.on(25, FFM),
            SUBPROCESS_COMMUNICATE, SUBPROCESS_COMMUNICATE.on(25), SUBPROCESS_COMMUNICATE.on(25, FFM),
            // multiprocessing (issue 12's targets: spawn within 3x CPython's time, forkserver twice as fast, Pipe and
            // Queue on par); process creation mostly waits on the OS, so its sides' runs interleave
            new Workload("mp_start_spawn", "Process start+join, spawn", "mp_start.py", "spawn", 20, 2, false, 1 / 3.0)
                    .interleave(),
            new Workload("mp_start_forkserver", "Process start+join, forkserver", "mp_start.py", "forkserver", 20, 2,
                    false, 2).interleave(),
            new Workload("mp_pipe_bytes", "Pipe round trip to a child, 24 B send_bytes", "mp_pipe.py", "bytes",
                    10_000, 100, false, 1).withWorkers(),
            new Workload("mp_pipe_objects", "Pipe round trip to a child, send of a tuple", "mp_pipe.py", "objects",
                    10_000, 100, false, 1).withWorkers(),
            new Workload("mp_queue", "multiprocessing.Queue parent put -> child get", "mp_queue.py", null,
                    100_000, 1_000, false, 1).withWorkers(),
            // managers (issue 13): a dict proxy call on par with CPython; Manager() (a warm JVM here) within 2x CPython's spawn
            new Workload("mp_manager_dict", "Manager dict proxy call, d[\"k\"] = i", "mp_manager.py", "dict",
                    10_000, 100, false, 1).withWorkers(),
            // two starts a run: as many as forkserver's pool holds warm JVMs on 2 cores (more measure its refill)
            new Workload("mp_manager_start", "Manager() start+shutdown (spawn; here a warm JVM)", "mp_manager.py", "start",
                    2, 1, false, 0.5).interleave(),
            // Pool and ProcessPoolExecutor (issue 13's targets), 2 spawn workers started once in the first warm-up run
            new Workload("mp_pool_map1", "Pool(2).map(sq, range(n), chunksize=1)", "mp_pool.py", "map1",
                    10_000, 100, false, 1).withWorkers(),
            new Workload("mp_pool_map", "Pool(2).map(sq, range(n)), default chunksize", "mp_pool.py", "map",
                    10_000, 100, false, 0.5).withWorkers(),
            new Workload("mp_pool_apply", "Pool(2).apply(sq, (i,)) round trips", "mp_pool.py", "apply",
                    1_000, 20, false, 1).withWorkers(),
            new Workload("mp_ppe_submit", "ProcessPoolExecutor(2): submit(sq, i), then every result()", "mp_ppe.py",
                    "submit", 10_000, 100, false, 1).withWorkers(),
            new Workload("mp_ppe_map100", "ProcessPoolExecutor(2).map(sq, range(n), chunksize=100)", "mp_ppe.py",
                    "map100", 10_000, 200, false, 1).withWorkers());
}
