package dev.pyconcurrent.maven;

import dev.pyconcurrent.maven.notebook.Notebook;
import dev.pyconcurrent.maven.record.Python;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Shared test fixtures: the demo notebook, copied to a temp dir, and the python3.13 to record with. */
public final class TestNotebooks {
    private TestNotebooks() {}

    public static Path demo(Path dir) {
        try (var in = TestNotebooks.class.getResourceAsStream("/notebooks/demo.ipynb")) {
            Path target = dir.resolve("demo.ipynb");
            Files.copy(in, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Notebook read(Path p) {
        try {
            return Notebook.read(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String python() {
        return Python.resolve(System.getProperty("pyconcurrent.python", Python.DEFAULT));
    }

    /** Runs python3.13 with {@code code} and stdin {@code input}; its stdout. */
    public static String runPython(String code, String input) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(python(), "-X", "utf8", "-c", code).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (var os = p.getOutputStream()) {
            os.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException("python failed");
        return out;
    }
}
