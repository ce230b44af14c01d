package dev.pyconcurrent.kernel;

import dev.pyconcurrent.kernel.client.ExecuteResult;
import dev.pyconcurrent.kernel.client.KernelClient;
import dev.pyconcurrent.kernel.client.KernelCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a trivial cell's time goes, stage by stage (a diagnostic, not a test): runs a kernel with
 * {@code PYCONCURRENT_KERNEL_TRACE} ({@link CellTrace}) and the benchmark's reference JShell side by
 * side, cells alternating as in {@link KernelBenchmark}, and prints the p50 of every stage's share
 * over a window of cells, with the client's side (send → the kernel's receipt, the idle sent →
 * the client's return) on the same monotonic clock.
 * Run: {@code java -cp kernel/target/test-classes:kernel/target/pyconcurrent-kernel.jar
 * dev.pyconcurrent.kernel.KernelTraceProbe kernel.jar CELLS FROM TO [jvm args…]}.
 */
public final class KernelTraceProbe {
    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--evaluator")) {
            serveEvaluator();
            return;
        }
        Path jar = Path.of(args[0]);
        int cells = Integer.parseInt(args[1]), from = Integer.parseInt(args[2]), to = Integer.parseInt(args[3]);
        List<String> jvmArgs = List.of(args).subList(4, args.length);
        Path log = Files.createTempFile("kernel-trace-", ".log");
        List<String> flags = new ArrayList<>(KernelCommand.JVM_FLAGS);
        flags.addAll(jvmArgs);
        // options for the kernel only (a flight recording), from the environment
        String kernelOnly = System.getenv("KERNEL_JVM_ARGS");
        if (kernelOnly != null && !kernelOnly.isBlank()) flags.addAll(List.of(kernelOnly.trim().split("\\s+")));
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", "exec \"$@\" 2>>" + log, "kernel"));
        cmd.addAll(KernelCommand.ofJar(jar, flags).toList());
        KernelClient.Options o = KernelClient.options().command(cmd).environment("PYCONCURRENT_KERNEL_TRACE", "1");
        long[] send = new long[cells], done = new long[cells], ref = new long[cells], evaluator = new long[cells], echo = new long[cells];
        long[] clientCpu = new long[cells];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        try (KernelClient k = KernelClient.start(o); KernelBenchmark.Reference r = new KernelBenchmark.Reference(jvmArgs);
             KernelBenchmark.Reference ev = new KernelBenchmark.Reference(jvmArgs, KernelTraceProbe.class, "--evaluator")) {
            k.execute("1", Duration.ofSeconds(60));
            for (int i = 0; i < cells; i++) {
                long cpu = threads.getCurrentThreadCpuTime();
                send[i] = System.nanoTime();
                ExecuteResult e = k.execute(KernelBenchmark.cell(i), Duration.ofSeconds(30));
                done[i] = System.nanoTime();
                clientCpu[i] = threads.getCurrentThreadCpuTime() - cpu;
                if (!e.ok()) throw new AssertionError(e);
                ref[i] = r.eval(KernelBenchmark.cell(i));
                echo[i] = r.echo();
                evaluator[i] = ev.eval(KernelBenchmark.cell(i));
            }
        }
        List<String> lines = Files.readAllLines(log).stream().filter(l -> l.startsWith("cell trace:")).toList();
        Files.delete(log);
        // the first traced line is the warm-up cell "1"
        lines = lines.subList(lines.size() - cells, lines.size());
        Map<String, long[]> stages = new LinkedHashMap<>();
        String[] prev = {"received"};
        for (int i = from; i < to; i++) {
            String[] f = lines.get(i).substring("cell trace: received ".length()).replace(" µs", "").split("[ ;]+");
            long received = Long.parseLong(f[0]);
            add(stages, "client → kernel", i - from, to - from, (received - send[i]) / 1000);
            long last = 0;
            prev[0] = "received";
            for (int j = 2; j + 1 < f.length; j += 2) {
                if (f[j + 1].equals("-")) continue;
                long t = Long.parseLong(f[j + 1]);
                add(stages, prev[0] + " → " + f[j], i - from, to - from, t - last);
                last = t;
                prev[0] = f[j];
            }
            add(stages, "idle sent → client done", i - from, to - from, (done[i] - send[i]) / 1000 - (received - send[i]) / 1000 - last);
            add(stages, "CLIENT ROUND TRIP", i - from, to - from, (done[i] - send[i]) / 1000);
            add(stages, "kernel: received → idle sent", i - from, to - from, last);
            add(stages, "REFERENCE eval", i - from, to - from, ref[i] / 1000);
            add(stages, "ZeroMQ echo round trip alone", i - from, to - from, echo[i] / 1000);
            add(stages, "kernel's Evaluator alone, a thread a cell", i - from, to - from, evaluator[i] / 1000);
            add(stages, "kernel: thread → finished (JShell)", i - from, to - from, at(f, "finished") - at(f, "thread"));
            add(stages, "kernel − reference", i - from, to - from, (done[i] - send[i] - ref[i]) / 1000);
            add(stages, "kernel − its JShell part", i - from, to - from, last - (at(f, "finished") - at(f, "thread")));
            add(stages, "client round trip − kernel", i - from, to - from, (done[i] - send[i]) / 1000 - last);
            add(stages, "client's thread: CPU time", i - from, to - from, clientCpu[i] / 1000);
        }
        System.out.printf("cells %d–%d of %d, load %s; p50 / p90 µs%n", from + 1, to, cells, Files.readString(Path.of("/proc/loadavg")).trim());
        for (Map.Entry<String, long[]> e : stages.entrySet()) {
            long[] v = e.getValue().clone();
            Arrays.sort(v);
            System.out.printf("%-34s %8d %8d%n", e.getKey(), v[v.length / 2], v[v.length * 9 / 10]);
        }
    }

    /**
     * The kernel's own {@link Evaluator} (its completeness split, class loader with weaving and class
     * files for children, trimming) in a JVM of its own, each cell on a new thread in a new group as
     * the kernel runs it, timed from that thread's start to its outcome; no protocol around it.
     */
    private static void serveEvaluator() throws Exception {
        java.io.PrintStream answers = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        java.io.BufferedReader cells = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8));
        Path dir = Files.createTempDirectory("probe-snippets-");
        try (Evaluator ev = new Evaluator(dir, dev.pyconcurrent.os.JavaCommand.classPathOf(dev.pyconcurrent.builtins.Py.class, CellRunner.class),
                StartupImports.statements(Kernel.class.getClassLoader(), dev.pyconcurrent.builtins.Py.class), System.err)) {
            for (String code; (code = cells.readLine()) != null; ) {
                String c = code;
                long[] took = new long[1];
                java.lang.Thread t = new java.lang.Thread(new ThreadGroup("cell"), () -> {
                    long s = System.nanoTime();
                    Outcome o = ev.run(c, () -> false);
                    if (!o.ok()) throw new AssertionError(c);
                    took[0] = System.nanoTime() - s;
                }, "MainThread");
                t.start();
                t.join();
                answers.println(took[0]);
                answers.flush();
            }
        } finally {
            Kernel.deleteTree(dir);
        }
    }

    private static long at(String[] f, String stage) {
        for (int j = 2; j + 1 < f.length; j += 2) if (f[j].equals(stage)) return Long.parseLong(f[j + 1]);
        throw new IllegalArgumentException(stage);
    }

    private static void add(Map<String, long[]> m, String k, int i, int n, long v) {
        m.computeIfAbsent(k, x -> new long[n])[i] = v;
    }
}
