package dev.pyconcurrent.kernel;

import dev.pyconcurrent.kernel.client.KernelClient;
import dev.pyconcurrent.kernel.client.KernelCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link StopContract} against a kernel on a JDK where {@code Thread.stop} is gone (20+):
 * the JDK named by the system property {@code pyconcurrent.test.newerJdk}, or the newest one
 * under {@code /usr/lib/jvm} (this machine's Temurin 25). Skipped, saying so, where there is none.
 */
class StopOnNewerJdkTest extends StopContract {
    static KernelClient kernel;

    @BeforeAll
    static void start() {
        Optional<Path> java = newerJava();
        Assumptions.assumeTrue(java.isPresent(), "no JDK 20+ on this machine (set -Dpyconcurrent.test.newerJdk=<java home>)");
        List<String> flags = new ArrayList<>(KernelCommand.JVM_FLAGS);
        flags.add("-Xmx512m");
        List<String> cmd = KernelCommand.ofClassPath(System.getProperty("java.class.path"), flags).java(java.get()).toList();
        kernel = KernelClient.start(KernelClient.options().command(cmd));
        String version = kernel.execute("Runtime.version().feature()", T).result();
        assertTrue(Integer.parseInt(version) >= 20, version);
    }

    @AfterAll
    static void stop() {
        if (kernel != null) kernel.close();
    }

    @Override
    KernelClient kernel() { return kernel; }

    static Optional<Path> newerJava() {
        String home = System.getProperty("pyconcurrent.test.newerJdk");
        if (home != null && !home.isBlank()) return Optional.of(Path.of(home, "bin", "java"));
        Pattern version = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);
        Path best = null;
        int bestMajor = 19;
        try (Stream<Path> homes = Files.list(Path.of("/usr/lib/jvm"))) {
            for (Path h : homes.toList()) {
                Path release = h.resolve("release");
                Path java = h.resolve("bin/java");
                if (!Files.isRegularFile(release) || !Files.isExecutable(java)) continue;
                Matcher m = version.matcher(Files.readString(release));
                if (m.find() && Integer.parseInt(m.group(1)) > bestMajor) {
                    bestMajor = Integer.parseInt(m.group(1));
                    best = java;
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(best);
    }
}
