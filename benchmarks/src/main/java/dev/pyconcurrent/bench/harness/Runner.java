package dev.pyconcurrent.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one side of a workload in a fresh process and collects its measured runs. */
public final class Runner {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The measured (non-warm-up) runs of one side; {@code available} false if it has no implementation. */
    public record Side(String label, boolean available, double[] seconds, long result, boolean agree) {
        public double median() {
            double[] s = seconds.clone();
            Arrays.sort(s);
            int n = s.length;
            return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        }

        public double min() {
            return Arrays.stream(seconds).min().orElse(Double.NaN);
        }

        public double max() {
            return Arrays.stream(seconds).max().orElse(Double.NaN);
        }

        /** The runs of several processes of one side as one side (their results must agree). */
        static Side merge(List<Side> parts) {
            Side first = parts.get(0);
            if (!first.available()) return first;
            double[] all = parts.stream().flatMapToDouble(p -> Arrays.stream(p.seconds())).toArray();
            boolean agree = parts.stream().allMatch(p -> p.agree() && p.result() == first.result());
            return new Side(first.label(), true, all, first.result(), agree);
        }

        static Side unavailable(String label) {
            return new Side(label, false, new double[0], 0, true);
        }
    }

    private Runner() {}

    /** The CPython binary for {@code version} ("3.11", "3.13"): the real one, never a pyenv shim. */
    public static Path python(String version) {
        String prop = System.getProperty("bench.python" + version.replace(".", ""));
        if (prop != null) return Paths.get(prop);
        File versions = new File(System.getProperty("user.home"), ".pyenv/versions");
        File[] dirs = versions.listFiles((d, n) -> n.startsWith(version + "."));
        if (dirs != null && dirs.length > 0) {
            Arrays.sort(dirs, Comparator.comparing(File::getName));
            Path p = dirs[dirs.length - 1].toPath().resolve("bin/python" + version);
            if (Files.isExecutable(p)) return p;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Paths.get(dir, "python" + version);
            if (Files.isExecutable(p) && !dir.contains(".pyenv/shims")) return p;
        }
        return null;
    }

    /** Where the workload scripts are: -Dbench.pythonDir, else next to the jar, else the working tree. */
    public static Path pythonDir() {
        String prop = System.getProperty("bench.pythonDir");
        if (prop != null) return Paths.get(prop);
        try {
            Path jar = Paths.get(Runner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path p = jar.getParent().getParent().resolve("src/main/python");
            if (Files.isDirectory(p)) return p;
        } catch (Exception ignored) {
            // fall through
        }
        return Paths.get("benchmarks/src/main/python");
    }

    private static List<String> pin(Workload w, List<String> cmd) {
        if (!w.pinned() || !Files.isExecutable(Paths.get("/usr/bin/taskset"))) return cmd;
        List<String> pinned = new ArrayList<>(List.of("/usr/bin/taskset", "-c", "1"));
        pinned.addAll(cmd);
        return pinned;
    }

    /**
     * Runs {@code w}'s Python script under {@code python}; for a workload with {@linkplain Workload#workers
     * workers}, the warm-up goes on until {@code warmupSeconds} after the first run, as on the JVM side.
     */
    public static Side python(String label, Path python, Workload w, int size, int warmup, int runs,
                              double warmupSeconds) throws IOException, InterruptedException {
        if (python == null) return Side.unavailable(label);
        List<String> cmd = new ArrayList<>(List.of(python.toString(), pythonDir().resolve(w.script()).toString(),
                "" + size, "" + warmup, "" + runs));
        if (w.variant() != null) cmd.add(w.variant());
        Map<String, String> env = w.workers() ? Map.of("BENCH_WARMUP_SECONDS_AFTER_FIRST", "" + warmupSeconds) : Map.of();
        return collect(label, pin(w, cmd), env);
    }

    /**
     * Runs {@code w} in a fresh JVM against pyconcurrent, warming it up for at least
     * {@code warmupSeconds} (after the first run for a workload with {@linkplain Workload#workers workers};
     * see {@link JavaWorkload#warmingUp}); unavailable if the workload's JDK is not installed.
     */
    public static Side java(Workload w, int size, int warmup, int runs, double warmupSeconds)
            throws IOException, InterruptedException {
        Path java = java(w.jdk());
        if (java == null) return Side.unavailable("pyconcurrent");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Dbench.warmupSeconds=" + warmupSeconds,
                "-Dbench.warmupAfterFirst=" + w.workers()));
        cmd.addAll(w.jvmArgs());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
                JavaWorkload.class.getName(), w.name(), "" + size, "" + warmup, "" + runs));
        return collect("pyconcurrent", pin(w, cmd), Map.of());
    }

    /**
     * The {@code java} of JDK {@code release}: the harness's own for 0, else {@code -Dbench.java<release>},
     * else {@code /usr/lib/jvm/*-<release>-*}/bin/java (Temurin's and Debian's names); null if none.
     */
    public static Path java(int release) {
        if (release == 0) return Paths.get(System.getProperty("java.home"), "bin", "java");
        String prop = System.getProperty("bench.java" + release);
        if (prop != null) return Paths.get(prop);
        File[] homes = new File("/usr/lib/jvm").listFiles((d, n) -> n.contains("-" + release + "-"));
        if (homes == null) return null;
        Arrays.sort(homes, Comparator.comparing(File::getName));
        for (File home : homes) {
            Path p = home.toPath().resolve("bin/java");
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    /** The JDK a side ran on, for the report: "17.0.15" for the harness's own, else what {@code java -version} says. */
    public static String javaVersion(int release) throws IOException, InterruptedException {
        if (release == 0) return System.getProperty("java.version");
        Path java = java(release);
        if (java == null) return "JDK " + release + " not installed";
        Process p = new ProcessBuilder(java.toString(), "-XshowSettings:properties", "-version").redirectErrorStream(true).start();
        String version = "" + release;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.trim().startsWith("java.version = ")) version = line.trim().substring("java.version = ".length());
            }
        }
        p.waitFor();
        return version;
    }

    private static Side collect(String label, List<String> cmd, Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder b = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        b.environment().putAll(env);
        Process p = b.start();
        List<Double> seconds = new ArrayList<>();
        List<Long> results = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                JsonNode n = JSON.readTree(line);
                results.add(n.get("result").asLong());
                if (!n.get("warmup").asBoolean()) seconds.add(n.get("seconds").asDouble());
            }
        }
        if (!p.waitFor(1, TimeUnit.HOURS)) p.destroyForcibly();
        int rc = p.exitValue();
        if (rc == JavaWorkload.UNAVAILABLE) return Side.unavailable(label);
        if (rc != 0 || results.isEmpty()) throw new IOException(label + " failed (exit " + rc + "): "
                + String.join(" ", cmd.subList(Math.max(0, cmd.size() - 5), cmd.size())));
        boolean agree = results.stream().distinct().count() == 1;
        return new Side(label, true, seconds.stream().mapToDouble(Double::doubleValue).toArray(), results.get(0), agree);
    }
}
