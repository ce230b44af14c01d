package dev.pyconcurrent.kernel;

import dev.pyconcurrent.kernel.client.ExecuteResult;
import dev.pyconcurrent.kernel.client.KernelClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * Kernel figures (not a test): start → first kernel_info_reply, start → first cell done,
 * trivial execute p50/p95 over 200 cells, kernel RSS after 500 cells.
 * Run: {@code java -cp <test classpath> dev.pyconcurrent.kernel.KernelBenchmark [kernel.jar] [jvm args…]}.
 */
public final class KernelBenchmark {
    public static void main(String[] args) throws Exception {
        KernelClient.Options o = KernelClient.options();
        if (args.length > 0) o.jar(Path.of(args[0]));
        if (args.length > 1) o.jvmArgs(java.util.List.of(args).subList(1, args.length).stream().filter(a -> !a.equals("-")).toList());
        long t0 = System.nanoTime();
        try (KernelClient k = KernelClient.start(o)) {
            long ready = System.nanoTime();
            k.execute("1", Duration.ofSeconds(60));
            long firstCell = System.nanoTime();
            System.out.printf("start -> kernel_info_reply: %d ms%n", (ready - t0) / 1_000_000);
            System.out.printf("start -> first cell done:   %d ms%n", (firstCell - t0) / 1_000_000);
            for (int i = 0; i < 50; i++) k.execute("1 + " + i, Duration.ofSeconds(30));
            long[] lat = new long[200];
            for (int i = 0; i < lat.length; i++) {
                long s = System.nanoTime();
                ExecuteResult r = k.execute("1 + 1", Duration.ofSeconds(30));
                lat[i] = System.nanoTime() - s;
                if (!r.ok()) throw new AssertionError(r);
            }
            Arrays.sort(lat);
            System.out.printf("trivial execute: p50 %.1f ms, p95 %.1f ms%n", lat[100] / 1e6, lat[189] / 1e6);
            long[] print = new long[200];
            for (int i = 0; i < print.length; i++) {
                long s = System.nanoTime();
                k.execute("Py.print(\"x\")", Duration.ofSeconds(30));
                print[i] = System.nanoTime() - s;
            }
            Arrays.sort(print);
            System.out.printf("print cell:      p50 %.1f ms, p95 %.1f ms%n", print[100] / 1e6, print[189] / 1e6);
            for (int i = 0; i < 500 - 451; i++) k.execute("int v" + i + " = " + i + ";", Duration.ofSeconds(30));
            long pid = k.process().pid();
            String status = java.nio.file.Files.readString(Path.of("/proc/" + pid + "/status"));
            String rss = status.lines().filter(l -> l.startsWith("VmRSS")).findFirst().orElse("?");
            System.out.println("after 500 cells: " + rss.replaceAll("\\s+", " "));
        }
    }
}
