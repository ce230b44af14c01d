package dev.pyconcurrent.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check goal's wiring: kernel provider, reports, closing line, build failure. */
class CheckMojoTest {
    @TempDir
    Path dir;

    private final RecordingLog log = new RecordingLog();

    private static String cell(String id, String java, String tags, String stdout) {
        return "{\"cell_type\": \"code\", \"execution_count\": null, \"id\": \"" + id + "\", \"metadata\": {\"pyconcurrent\": {\"python\": \"x\"}, \"tags\": ["
                + (tags.isEmpty() ? "" : "\"" + tags + "\"") + "]}, \"outputs\": ["
                + (stdout == null ? "" : "{\"name\": \"stdout\", \"output_type\": \"stream\", \"text\": \"" + stdout + "\\n\"}")
                + "], \"source\": \"" + java + "\"}";
    }

    private CheckMojo mojo(String... cells) throws Exception {
        Files.writeString(dir.resolve("nb.ipynb"), "{\"cells\": [" + String.join(",", cells) + "], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}");
        CheckMojo m = new CheckMojo();
        m.notebooks = dir.toFile();
        m.reportsDirectory = dir.resolve("target/pyconcurrent-reports").toFile();
        m.timeout = 5;
        m.parallel = 1;
        m.kernel = Map.of("provider", "echo");
        m.setLog(log);
        return m;
    }

    private static String stdoutOf(ThrowingRunnable r) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, "UTF-8"));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString("UTF-8");
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void passingNotebookWritesReportsAndTheClosingLine() throws Exception {
        CheckMojo m = mojo(cell("a", "print:hi", "", "hi"), cell("b", "anything", "skip-check", "x"));
        String out = stdoutOf(m::execute);
        assertTrue(out.contains("1 passed, 0 failed, 1 skipped\n"), out);
        assertTrue(Files.exists(dir.resolve("target/pyconcurrent-reports/TEST-notebooks.nb.xml")));
        assertEquals("notebooks: 1 passed / 0 failed / 1 skipped (cells of 1 notebook(s))\n",
                Files.readString(dir.resolve("target/pyconcurrent-reports/summary-check.txt")), "the build summary's line");
        assertEquals(List.of(), log.at("error"));
    }

    @Test
    void aMalformedNotebookFailsAloneTheOthersStillRun() throws Exception {
        CheckMojo m = mojo(cell("a", "print:hi", "", "hi"));
        Files.writeString(dir.resolve("broken.ipynb"), "{\"cells\": [\n  {\"cell_type\": \"code\"\n");
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> {
            String out = stdoutOf(m::execute);
            assertTrue(out.contains("1 passed, 0 failed, 0 skipped, 1 notebook(s) could not be read\n"), out);
        });
        assertEquals("1 notebook(s) could not be read:\n  notebook broken.ipynb: not valid JSON at line 3, column 1", e.getMessage());
        assertTrue(Files.exists(dir.resolve("target/pyconcurrent-reports/TEST-notebooks.nb.xml")), "the readable notebook was checked");
        assertEquals(List.of("notebook broken.ipynb: not valid JSON at line 3, column 1"), log.at("error"));
        String report = Files.readString(dir.resolve("target/pyconcurrent-reports/TEST-notebooks.broken.xml"));
        assertTrue(report.contains("tests=\"1\" errors=\"1\" skipped=\"0\" failures=\"0\"")
                && report.contains("<error message=\"notebook broken.ipynb: not valid JSON at line 3, column 1\""), report);
    }

    @Test
    void noMatchingNotebookFailsTheCheck() throws Exception {
        CheckMojo m = mojo(cell("a", "print:hi", "", "hi"));
        m.includes = List.of("typo.ipynb");
        MojoFailureException e = assertThrows(MojoFailureException.class, m::execute);
        assertTrue(e.getMessage().startsWith("No notebooks match typo.ipynb in "), e.getMessage());
        m.failIfNoNotebooks = false;
        m.execute();
        assertTrue(log.at("info").stream().anyMatch(l -> l.startsWith("No notebooks match typo.ipynb in ")), log.lines.toString());
    }

    @Test
    void failingCellsFailTheBuildByName() throws Exception {
        CheckMojo m = mojo(cell("a", "print:2", "", "1"), cell("b", "raise:ValueError:x", "raises-exception", null), cell("c", "hang", "", null));
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> stdoutOf(m::execute));
        assertEquals("""
                3 notebook cell(s) failed:
                  nb.ipynb cell[0] (id a): stdout differs
                  nb.ipynb cell[1] (id b): tagged raises-exception but the recorded output has no exception (re-record the notebook); raised ValueError: x
                  nb.ipynb cell[2] (id c): timed out after 5 s""", e.getMessage());
    }

    @Test
    void skipAndMissingKernel() throws Exception {
        CheckMojo m = mojo(cell("a", "print:2", "", "1"));
        m.skip = true;
        m.execute();
        m.skip = false;
        m.kernel = Map.of("provider", "nope");
        MojoExecutionException e = assertThrows(MojoExecutionException.class, m::execute);
        assertTrue(e.getMessage().startsWith("no kernel provider named nope (found: echo"), e.getMessage());
    }
}
