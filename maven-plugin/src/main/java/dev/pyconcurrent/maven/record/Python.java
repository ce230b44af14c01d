package dev.pyconcurrent.maven.record;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Finds the CPython that records expected outputs. */
public final class Python {
    public static final String DEFAULT = "python3.13";

    private Python() {}

    /**
     * {@code configured} if it runs; else, for the default {@code python3.13}, the newest
     * {@code ~/.pyenv/versions/3.13*}{@code /bin/python3.13} that runs.
     *
     * @throws IllegalStateException naming every candidate tried
     */
    public static String resolve(String configured) {
        List<String> candidates = new ArrayList<>();
        String wanted = configured == null || configured.isBlank() ? DEFAULT : configured.trim();
        candidates.add(wanted);
        if (wanted.equals(DEFAULT)) {
            Path pyenv = Path.of(System.getProperty("user.home"), ".pyenv", "versions");
            if (Files.isDirectory(pyenv)) {
                try (Stream<Path> versions = Files.list(pyenv)) {
                    versions.filter(v -> v.getFileName().toString().startsWith("3.13"))
                            .map(v -> v.resolve("bin/python3.13").toString())
                            .sorted((a, b) -> b.compareTo(a))
                            .forEach(candidates::add);
                } catch (IOException ignored) {
                    // no readable pyenv: only the PATH candidate
                }
            }
        }
        for (String c : candidates) {
            if (version(c) != null) return c;
        }
        throw new IllegalStateException("no runnable " + wanted + ": tried " + candidates
                + " (set -Dpyconcurrent.python=/path/to/python3.13)");
    }

    /** {@code 3.13.0} for a runnable interpreter, null if it does not run. */
    public static String version(String executable) {
        try {
            Process p = new ProcessBuilder(executable, "-c", "import sys; print(sys.version.split()[0])")
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
