package dev.pyconcurrent.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every notebook runs top to bottom under Jupyter's "Run All": Debian's nbclient executes it on
 * the kernelspec the kernel jar installs (into a temporary prefix), stopping, as Jupyter does, at
 * a cell that raises without the {@code raises-exception} tag. No code cell may be left
 * unexecuted. Skipped, with the apt-get line, when nbclient is missing.
 */
@Timeout(900)
class RunAllIT {
    static final String APT = "apt-get install -y python3-jupyter-client python3-nbclient jupyter-client";
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path NOTEBOOKS = Path.of(System.getProperty("pyconcurrent.notebooks.dir", ".")).toAbsolutePath();
    static final Path SCRIPT = Path.of(System.getProperty("pyconcurrent.notebooks.runAll", "src/test/python/run_all.py"));
    static Path prefix;

    @BeforeAll
    static void installKernelspec() throws Exception {
        boolean frontEnd = Files.isExecutable(PYTHON)
                && run(List.of(PYTHON.toString(), "-c", "import nbclient, nbformat"), 60).code == 0;
        if (!frontEnd) System.err.println("[WARNING] RunAllIT: no nbclient under " + PYTHON + ", skipped (" + APT + ")");
        Assumptions.assumeTrue(frontEnd, "nbclient missing; install with: " + APT);
        prefix = Files.createTempDirectory("pyconcurrent-runall-");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Result r = run(List.of(java, "-jar", System.getProperty("pyconcurrent.kernel.jar"), "install", "--prefix", prefix.toString()), 60);
        assertEquals(0, r.code, r.output);
    }

    @AfterAll
    static void removeKernelspec() throws IOException {
        if (prefix == null) return;
        try (Stream<Path> all = Files.walk(prefix)) {
            for (Path p : all.sorted((a, b) -> b.compareTo(a)).toList()) Files.deleteIfExists(p);
        }
    }

    static List<String> notebooks() throws IOException {
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ipynb")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    void runAllExecutesEveryCodeCell(String notebook) throws Exception {
        Result r = run(List.of(PYTHON.toString(), "-Xfrozen_modules=off", SCRIPT.toAbsolutePath().toString(),
                NOTEBOOKS.resolve(notebook).toString()), 600);
        assertEquals(0, r.code, r.output);
        String last = r.output.lines().filter(l -> l.startsWith("{\"code_cells\"")).reduce((a, b) -> b).orElse("");
        assertTrue(!last.isEmpty(), "run_all.py printed no result:\n" + r.output);
        JsonNode result = new ObjectMapper().readTree(last);
        assertTrue(result.path("code_cells").asInt() > 0, notebook + " has code cells");
        assertTrue(result.path("stopped").isNull(), notebook + ": Run All stopped at a cell:\n" + result.path("stopped").asText());
        assertEquals("[]", result.path("unexecuted").toString(), notebook + ": code cells Run All left unexecuted");
        System.out.println("RunAllIT: " + notebook + ": all " + result.path("code_cells").asInt() + " code cells executed");
    }

    record Result(int code, String output) {}

    static Result run(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true);
        if (prefix != null) pb.environment().put("JUPYTER_PATH", prefix.resolve("share/jupyter").toString());
        pb.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        Path log = Files.createTempFile("pyconcurrent-runall-", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        return new Result(done ? p.exitValue() : -1, done ? out : "timed out after " + timeoutSeconds + " s\n" + out);
    }
}
