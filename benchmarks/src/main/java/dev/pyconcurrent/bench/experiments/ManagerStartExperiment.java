package dev.pyconcurrent.bench.experiments;

import dev.pyconcurrent.bench.harness.Runner;
import dev.pyconcurrent.multiprocessing.Multiprocessing;
import dev.pyconcurrent.multiprocessing.managers.SyncManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Evidence for the Manager start target of issue 13 ("{@code Manager()} start within twice
 * CPython spawn's, using a warm JVM"): {@code Manager()} start alone, each time with forkserver's
 * pool given 3 s to refill first, against CPython 3.13's {@code get_context("spawn").Manager()}
 * measured the same way right after, in this session. The {@code mp_manager_start} workload times
 * back-to-back start+shutdown instead, where the pool's refill (a cold JVM each) sets the pace.
 * {@code java -cp benchmarks/target/benchmarks.jar dev.pyconcurrent.bench.experiments.ManagerStartExperiment [n]}.
 */
public final class ManagerStartExperiment {
    private ManagerStartExperiment() {}

    private static final String PYTHON = String.join("\n",
            "import multiprocessing as mp, sys, time",
            "if __name__ == '__main__':",
            "    for _ in range(int(sys.argv[1])):",
            "        time.sleep(3)",
            "        t0 = time.perf_counter(); m = mp.get_context('spawn').Manager(); t1 = time.perf_counter()",
            "        m.shutdown()",
            "        print((t1 - t0) * 1e3, flush=True)");

    public static void main(String[] args) throws IOException, InterruptedException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Multiprocessing.getContext("forkserver");
        List<Double> jvm = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Thread.sleep(3000); // the pool refills
            long t0 = System.nanoTime();
            SyncManager m = Multiprocessing.Manager();
            jvm.add((System.nanoTime() - t0) / 1e6);
            m.shutdown();
        }
        java.lang.Process p = new ProcessBuilder(Runner.python("3.13").toString(), "-c", PYTHON, "" + n).redirectErrorStream(true).start();
        List<Double> python = new ArrayList<>();
        for (String line : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) python.add(Double.parseDouble(line.trim()));
        }
        p.waitFor();
        System.out.printf(Locale.ROOT, "Manager() start, median of %d: pyconcurrent (warm JVM) %.1f ms %s; CPython 3.13 spawn %.1f ms %s; load %s%n",
                n, median(jvm), jvm, median(python), python, new String(Files.readAllBytes(Path.of("/proc/loadavg")), StandardCharsets.US_ASCII).trim());
        System.exit(0);
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
