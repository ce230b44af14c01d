package dev.pyconcurrent.bench.harness;

import dev.pyconcurrent.bench.harness.Runner.Side;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The cross-language comparison: each {@link Workload} under CPython 3.11, CPython 3.13 (the real
 * binaries) and pyconcurrent, back to back, then the report (see {@link Report}).
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.pyconcurrent.bench.harness.Compare
 * [--runs N] [--warmup N] [--scale F] [--only a,b] [--out DIR] [--docs DIR] [--jmh FILE,FILE]}.
 * Exits 1 if any side's result differs from the others (the harness measured the wrong thing).
 */
public final class Compare {
    /**
     * One workload's row: the three sides, and the machine it ran on ({@code machine}: JDK, load
     * average before → after the row, the page-fault cost measured at the start of the run).
     */
    public record Row(Workload workload, int size, Side py311, Side py313, Side java, String machine) {
        public Row(Workload workload, int size, Side py311, Side py313, Side java) {
            this(workload, size, py311, py313, java, "");
        }

        public boolean agree() {
            long expected = java.available() ? java.result() : py313.available() ? py313.result() : py311.result();
            for (Side s : List.of(py311, py313, java)) {
                if (s.available() && (!s.agree() || s.result() != expected)) return false;
            }
            return true;
        }
    }

    private Compare() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        int runs = 5;
        int warmup = 1;
        double scale = 1;
        List<String> only = null;
        Path out = Paths.get("benchmarks/target");
        Path docs = null;
        double jvmWarmupSeconds = 3;
        List<Path> jmh = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--jvm-warmup-seconds" -> jvmWarmupSeconds = Double.parseDouble(args[++i]);
                case "--scale" -> scale = Double.parseDouble(args[++i]);
                case "--only" -> only = List.of(args[++i].split(","));
                case "--out" -> out = Paths.get(args[++i]);
                case "--docs" -> docs = Paths.get(args[++i]);
                case "--jmh" -> { for (String f : args[++i].split(",")) jmh.add(Paths.get(f)); }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String load = loadAverage();
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path py311 = Runner.python("3.11");
        Path py313 = Runner.python("3.13");
        String pageFault = String.format(Locale.ROOT, "page fault %.1f µs", pageFaultMicros());
        System.err.printf("CPython 3.11: %s%nCPython 3.13: %s%nload average at start: %s; %s%n", py311, py313, load,
                pageFault);
        Path history = docs == null ? out.resolve("results.json") : docs.resolve("performance/results.json");
        Previous previous = Previous.read(history);
        List<Row> rows = new ArrayList<>();
        boolean ok = true;
        for (Workload w : Workload.ALL) {
            if (only != null && !only.contains(w.name()) && !only.contains(w.key())) continue;
            int size = Math.max(1, (int) Math.round(w.size() * scale));
            System.err.printf("== %s (n=%d)%n", w.key(), size);
            String before = loadAverage().split(" ")[0];
            List<Side> sides = w.interleaved() ? interleaved(w, py311, py313, size, warmup, runs, jvmWarmupSeconds)
                    : List.of(Runner.python("CPython 3.11", py311, w, size, warmup, runs, jvmWarmupSeconds),
                            Runner.python("CPython 3.13", py313, w, size, warmup, runs, jvmWarmupSeconds),
                            Runner.java(w, size, warmup, runs, jvmWarmupSeconds));
            Side a = sides.get(0);
            Side b = sides.get(1);
            Side j = sides.get(2);
            String machine = String.format(Locale.ROOT, "JDK %s, load %s→%s, %s", Runner.javaVersion(w.jdk()), before,
                    loadAverage().split(" ")[0], pageFault);
            Row row = new Row(w, size, a, b, j, machine);
            System.err.println(Report.line(row));
            if (!row.agree()) {
                System.err.println("RESULT MISMATCH in " + w.key());
                ok = false;
            }
            rows.add(row);
        }
        Report report = new Report(rows, runs, warmup, jvmWarmupSeconds, started, load, loadAverage(),
                String.join(" ", args), previous);
        String md = report.markdown(jmh);
        System.out.println(md);
        Files.createDirectories(out);
        Files.writeString(out.resolve("results.md"), md, StandardCharsets.UTF_8);
        report.chart(out.resolve("ratios.png"));
        Files.createDirectories(history.getParent());
        previous.with(rows, started).write(history);
        if (docs != null) {
            Files.createDirectories(docs.resolve("images"));
            Files.createDirectories(docs.resolve("performance"));
            Files.writeString(docs.resolve("performance/results.adoc"), report.asciidoc(jmh), StandardCharsets.UTF_8);
            Files.copy(out.resolve("ratios.png"), docs.resolve("images/ratios.png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        System.exit(ok ? 0 : 1);
    }

    /**
     * The three sides of an {@linkplain Workload#interleaved interleaved} workload: {@code runs}
     * rounds, each running every side once (a fresh process with its warm-up and one measured run),
     * the order rotating from round to round, so that every side meets the same swings of load.
     */
    static List<Side> interleaved(Workload w, Path py311, Path py313, int size, int warmup, int runs,
                                  double jvmWarmupSeconds) throws IOException, InterruptedException {
        List<List<Side>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int round = 0; round < runs; round++) {
            for (int k = 0; k < 3; k++) {
                int side = (round + k) % 3;
                parts.get(side).add(switch (side) {
                    case 0 -> Runner.python("CPython 3.11", py311, w, size, warmup, 1, jvmWarmupSeconds);
                    case 1 -> Runner.python("CPython 3.13", py313, w, size, warmup, 1, jvmWarmupSeconds);
                    default -> Runner.java(w, size, warmup, 1, jvmWarmupSeconds);
                });
            }
        }
        return parts.stream().map(Side::merge).toList();
    }

    /**
     * What a first-touch page fault costs here, in µs: the time to allocate (and so zero and fault
     * in) 64 MiB of fresh memory, per 4 KiB page; the best of three. On a machine where this is
     * high, every process start (the JVM's most of all) is slow (mp-experiments §0).
     */
    static double pageFaultMicros() {
        int bytes = 64 << 20;
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocateDirect(bytes);
            best = Math.min(best, System.nanoTime() - t0);
            b.put(0, (byte) 1);
        }
        return best / 1e3 / (bytes / 4096.0);
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Paths.get("/proc/loadavg")).trim().split("\\s+");
            return String.format(Locale.ROOT, "%s %s %s", f[0], f[1], f[2]);
        } catch (IOException e) {
            return "unknown";
        }
    }
}
