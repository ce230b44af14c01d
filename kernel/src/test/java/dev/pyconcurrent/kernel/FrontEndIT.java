package dev.pyconcurrent.kernel;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shaded kernel jar, installed as a kernelspec, driven by Debian's real front ends
 * (jupyter_client, nbclient, jupyter kernelspec / console) under /usr/bin/python3.
 * Skipped, with the apt-get line, when those packages are missing.
 */
@Timeout(600)
class FrontEndIT {
    static final String APT = "apt-get install -y python3-jupyter-client python3-nbclient jupyter-client jupyter-console";
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static Path prefix;
    static Path jupyterPath;

    @BeforeAll
    static void install() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3; install the front ends with: " + APT);
        Result probe = run(List.of(PYTHON.toString(), "-c", "import jupyter_client, nbclient, nbformat"), null, 60);
        Assumptions.assumeTrue(probe.code == 0, "jupyter_client/nbclient missing; install with: " + APT + "\n" + probe.output);
        prefix = Files.createTempDirectory("pyconcurrent-kernelspec-");
        String jar = System.getProperty("pyconcurrent.kernel.jar");
        Result inst = run(List.of(javaExe(), "-jar", jar, "install", "--prefix", prefix.toString()), null, 60);
        assertEquals(0, inst.code, inst.output);
        // a small heap for the test that fills it
        Result small = run(List.of(javaExe(), "-jar", jar, "install", "--prefix", prefix.toString(), "--name", "pyconcurrent-small",
                "--jvm-arg", "-Xmx512m"), null, 60);
        assertEquals(0, small.code, small.output);
        jupyterPath = prefix.resolve("share/jupyter");
        Path spec = jupyterPath.resolve("kernels/pyconcurrent");
        assertTrue(Files.readString(spec.resolve("kernel.json")).contains(spec.resolve("pyconcurrent-kernel.jar").toString()),
                "the kernelspec runs its own copy of the jar");
    }

    @Test
    void installHelpPrintsUsage() throws Exception {
        Result help = run(List.of(javaExe(), "-jar", System.getProperty("pyconcurrent.kernel.jar"), "install", "--help"), null, 60);
        assertEquals(0, help.code, help.output);
        assertTrue(help.output.startsWith("usage: java -jar pyconcurrent-kernel.jar"), help.output);
        assertTrue(help.output.contains("--cds"), help.output);
    }

    static String javaExe() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    void kernelspecIsListed() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/jupyter-kernelspec")),
                "no jupyter-kernelspec command; install with: " + APT);
        Result r = run(List.of("/usr/bin/jupyter", "kernelspec", "list"), jupyterPath, 60);
        assertEquals(0, r.code, r.output);
        assertTrue(r.output.contains("pyconcurrent"), r.output);
    }

    @Test
    void jupyterClientAndNbclient() throws Exception {
        Path script = Path.of(System.getProperty("pyconcurrent.kernel.it"), "frontends_it.py");
        Result r = run(List.of(PYTHON.toString(), "-Xfrozen_modules=off", script.toString()), jupyterPath, 480);
        System.out.println(r.output);
        assertEquals(0, r.code, r.output);
    }

    @Test
    void jupyterConsole() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/jupyter-console")), "no jupyter-console; install with: " + APT);
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/jupyter", "console", "--kernel=pyconcurrent", "--simple-prompt",
                "--ZMQTerminalInteractiveShell.kernel_timeout=60")
                .redirectErrorStream(true);
        pb.environment().put("JUPYTER_PATH", jupyterPath.toString());
        Process p = pb.start();
        p.getOutputStream().write("Py.print(6 * 7)\nexit\n".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
        assertTrue(out.contains("42"), out);
        assertFalse(out.contains("WARNING"), "no JDK warnings from the kernel's stderr: " + out);
    }

    record Result(int code, String output) {}

    static Result run(List<String> cmd, Path jupyterPath, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true);
        if (jupyterPath != null) pb.environment().put("JUPYTER_PATH", jupyterPath.toString());
        pb.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        Path log = Files.createTempFile("pyconcurrent-it-", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        return new Result(done ? p.exitValue() : -1, out);
    }
}
