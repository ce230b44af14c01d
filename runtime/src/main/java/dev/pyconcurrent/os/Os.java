package dev.pyconcurrent.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Python's {@code os} module, the process facts concurrent code asks for: {@code getpid},
 * {@code getppid}, {@code cpu_count} (CPUs online in the system) and
 * {@code process_cpu_count} (CPUs this process may run on, CPython 3.13), read from Linux's
 * {@code /sys} and {@code /proc} as CPython's system calls would report them.
 */
public final class Os {
    private Os() {}

    public static long getpid() {
        return ProcessHandle.current().pid();
    }

    /** Python's {@code os.getppid()}; 0 when the parent is unknown. */
    public static long getppid() {
        return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L);
    }

    /** Python's {@code os.cpu_count()}: the CPUs online ({@code sysconf(_SC_NPROCESSORS_ONLN)}). */
    public static int cpuCount() {
        Integer n = countCpuList(read(Path.of("/sys/devices/system/cpu/online")));
        return n != null ? n : Runtime.getRuntime().availableProcessors();
    }

    /** Python's {@code os.process_cpu_count()}: the CPUs in this process's affinity mask. */
    public static int processCpuCount() {
        String status = read(Path.of("/proc/self/status"));
        if (status != null) {
            for (String line : status.split("\n")) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    Integer n = countCpuList(line.substring(line.indexOf(':') + 1));
                    if (n != null) return n;
                }
            }
        }
        return cpuCount();
    }

    /** Counts a Linux cpu list such as {@code 0-3,8,10-11}. */
    static Integer countCpuList(String list) {
        if (list == null || list.isBlank()) return null;
        int count = 0;
        for (String part : List.of(list.trim().split(","))) {
            String[] range = part.split("-");
            try {
                int lo = Integer.parseInt(range[0].trim());
                int hi = range.length > 1 ? Integer.parseInt(range[1].trim()) : lo;
                count += hi - lo + 1;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return count;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
