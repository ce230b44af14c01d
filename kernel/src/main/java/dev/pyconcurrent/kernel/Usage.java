package dev.pyconcurrent.kernel;

import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code usage_reply} (the shape of ipykernel's, which jupyter-resource-usage shows): the
 * kernel's pid, its CPU percent and memory (RSS) with every process it started counted in (a
 * multiprocessing pool's workers are the kernel's work too), the host's CPU count, CPU percent and
 * memory. Read from {@code /proc} on Linux; where it is missing, the kernel's own figures only.
 */
final class Usage {
    private long lastWallNanos = System.nanoTime();
    private long lastCpuNanos = cpuNanos();

    /** The reply content; the CPU percent is over the time since the previous request (or start-up). */
    synchronized JsonObject reply() {
        JsonObject c = Replies.ok();
        c.addProperty("hostname", hostname());
        c.addProperty("pid", ProcessHandle.current().pid());
        long wall = System.nanoTime();
        long cpu = cpuNanos();
        double percent = wall > lastWallNanos ? Math.max(0, cpu - lastCpuNanos) * 100.0 / (wall - lastWallNanos) : 0;
        lastWallNanos = wall;
        lastCpuNanos = cpu;
        c.addProperty("kernel_cpu", Math.round(percent * 10) / 10.0);
        c.addProperty("kernel_memory", processes().mapToLong(Usage::rss).sum());
        c.addProperty("cpu_count", Runtime.getRuntime().availableProcessors());
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun && sun.getCpuLoad() >= 0) {
            c.addProperty("host_cpu_percent", Math.round(sun.getCpuLoad() * 1000) / 10.0);
        }
        c.add("host_virtual_memory", hostMemory());
        return c;
    }

    private static Stream<ProcessHandle> processes() {
        return Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants());
    }

    private static long cpuNanos() {
        return processes().mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    }

    /** A process's resident set in bytes ({@code VmRSS} of {@code /proc/<pid>/status}); 0 if unknown (it ended). */
    static long rss(ProcessHandle p) {
        return kilobytes(Path.of("/proc", Long.toString(p.pid()), "status"), "VmRSS:") * 1024;
    }

    /** psutil's virtual_memory() fields that {@code /proc/meminfo} gives: total, available, used, free, percent. */
    private static JsonObject hostMemory() {
        Path meminfo = Path.of("/proc/meminfo");
        long total = kilobytes(meminfo, "MemTotal:") * 1024;
        long available = kilobytes(meminfo, "MemAvailable:") * 1024;
        JsonObject m = new JsonObject();
        m.addProperty("total", total);
        m.addProperty("available", available);
        m.addProperty("used", total - available);
        m.addProperty("free", kilobytes(meminfo, "MemFree:") * 1024);
        m.addProperty("percent", total > 0 ? Math.round((total - available) * 1000.0 / total) / 10.0 : 0);
        return m;
    }

    /** The number of a {@code Name:   123 kB} line of a /proc file; 0 if the file or line is missing. */
    private static long kilobytes(Path file, String name) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                if (line.startsWith(name)) return Long.parseLong(line.substring(name.length()).replace("kB", "").strip());
            }
        } catch (IOException | RuntimeException e) {
            // a process that ended, or no /proc
        }
        return 0;
    }

    private static String hostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env == null ? "" : env;
        }
    }
}
