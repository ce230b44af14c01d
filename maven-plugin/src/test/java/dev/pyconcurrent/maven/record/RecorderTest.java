package dev.pyconcurrent.maven.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.maven.TestNotebooks;
import dev.pyconcurrent.maven.compare.Normalizer;
import dev.pyconcurrent.maven.notebook.Cell;
import dev.pyconcurrent.maven.notebook.Notebook;
import dev.pyconcurrent.maven.notebook.Outputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records the demo notebook with the real python3.13. */
class RecorderTest {
    @TempDir
    Path dir;

    private static Cell cell(Notebook nb, String id) {
        return nb.cells().stream().filter(c -> id.equals(c.id())).findFirst().orElseThrow();
    }

    @Test
    void eachTwinIsShownCollapsedBeforeItsCellAndReRecordingKeepsTheViews() throws Exception {
        Notebook nb = TestNotebooks.read(TestNotebooks.demo(dir));
        recorder().record(nb);
        List<String> order = nb.cells().stream().map(c -> c.id() + (c.isTwinView() ? " view" : "")).toList();
        assertEquals(List.of("intro", "hello-py view", "hello", "state-py view", "state", "value-py view", "value", "errors",
                "raises-py view", "raises", "stderr-py view", "stderr", "obj-py view", "obj", "sorted-py view", "sorted",
                "new314-py view", "new314"), order);
        assertEquals("<details><summary>Python twin</summary>\n\n```python\nimport sys\nprint(\"careful\", file=sys.stderr)\n"
                + "print(\"done\")\n```\n\n</details>", cell(nb, "stderr-py").source());
        assertEquals("Demo notebook", nb.title(), "a view is not the title");
        String once = nb.text();
        assertFalse(nb.syncTwinViews(), "in sync");
        // a twin edited in the metadata: its view follows on the next record; a twin removed: its view goes
        Notebook edited = Notebook.parse(nb.path(), once.replace("\"python\": \"print(x + 1)\"", "\"python\": \"print(x + 2)\"")
                .replace("\"python\": \"x = 41\"", "\"python\": null"));
        assertTrue(edited.syncTwinViews());
        assertTrue(cell(edited, "value-py").source().contains("print(x + 2)"), cell(edited, "value-py").source());
        assertTrue(edited.cells().stream().noneMatch(c -> "state-py".equals(c.id())), "no twin, no view");
        String rendered = dev.pyconcurrent.maven.render.NotebookRenderer.toAsciiDoc(nb);
        assertFalse(rendered.contains("Python twin"), "the site shows twins beside the Java, not as views");
        ReferenceVerifier.Result without = new ReferenceVerifier(recorder()).verify(TestNotebooks.read(TestNotebooks.demo(Files.createTempDirectory(dir, "v"))));
        assertTrue(without.problems().contains("demo.ipynb: the Markdown cells showing the Python twins are out of date"), without.problems().toString());
    }

    /**
     * Under PYTHONUNBUFFERED (set on this machine kind) print() wrote its text and its end in two
     * writes, so lines of processes printing at once interleaved mid-line. The driver turns it off
     * for itself and for the processes a twin starts.
     */
    @Test
    void twinsPrintWholeLinesUnderPythonUnbuffered() throws Exception {
        Path driver = dir.resolve("record_driver.py");
        try (var in = Recorder.class.getResourceAsStream("/dev/pyconcurrent/maven/record_driver.py")) {
            Files.copy(in, driver);
        }
        Path cells = dir.resolve("cells.json");
        Path results = dir.resolve("results.json");
        Files.writeString(cells, "[{\"index\": 0, \"source\": \"import os, subprocess, sys\\n"
                + "print(sys.stdout.write_through, os.environ.get('PYTHONUNBUFFERED'))\\n"
                + "subprocess.run([sys.executable, '-c', 'import sys; print(sys.stdout.write_through)'])\"}]");
        ProcessBuilder pb = new ProcessBuilder(TestNotebooks.python(), driver.toString(), cells.toString(), results.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile());
        pb.environment().put("PYTHONUNBUFFERED", "1");
        Process p = pb.start();
        try {
            assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "the driver did not finish");
        } finally {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), () -> readQuietly(dir.resolve("log.txt")));
        String json = Files.readString(results);
        assertTrue(json.contains("\"stdout\": \"False None\\nFalse\\n\""), json);
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private Recorder recorder() {
        return new Recorder(TestNotebooks.python(), 120, Normalizer.chain("built-ins", Normalizer.builtIns()));
    }

    @Test
    void recordsEachTwinsOutputsInOneProcess() throws Exception {
        Path p = TestNotebooks.demo(dir);
        Notebook nb = TestNotebooks.read(p);
        Recorder.Result r = recorder().record(nb);
        assertEquals(List.of(), r.problems());
        assertTrue(r.pythonVersion().startsWith("3.13"), r.pythonVersion());
        assertEquals(r.pythonVersion(), nb.recordedWith());
        assertEquals("hello 2\n", cell(nb, "hello").outputs().stdout());
        assertEquals("42\n", cell(nb, "value").outputs().stdout(), "shared namespace: x from an earlier cell");
        Outputs raised = cell(nb, "raises").outputs();
        assertEquals("ValueError", raised.ename());
        assertEquals("bad value: 41", raised.evalue());
        assertEquals("Traceback (most recent call last):\n", raised.traceback().get(0));
        assertTrue(raised.traceback().get(1).startsWith("  File \"<cell 9>\", line 1"), raised.traceback().toString());
        Outputs both = cell(nb, "stderr").outputs();
        assertEquals("done\n", both.stdout());
        assertEquals("careful\n", both.stderr());
        assertTrue(cell(nb, "obj").outputs().stdout().startsWith("<object object at 0x"));
        assertEquals("from the docs\n", cell(nb, "new314").outputs().stdout(), "python-3.14 cells keep their outputs");
        assertNull(cell(nb, "state").outputs().result());
    }

    @Test
    void reRecordingAnUnchangedNotebookIsByteIdentical() throws Exception {
        Path p = TestNotebooks.demo(dir);
        Notebook nb = TestNotebooks.read(p);
        recorder().record(nb);
        nb.write(p);
        String first = Files.readString(p);
        Notebook again = TestNotebooks.read(p);
        recorder().record(again);
        // the object's address differs between runs; the stored one is kept because it normalizes equal
        assertEquals(first, again.text());
    }

    @Test
    void capturesChildProcessOutputFinalExpressionsAndUntaggedErrors() throws Exception {
        Path p = dir.resolve("x.ipynb");
        Files.writeString(p, """
                {"cells": [
                 {"cell_type": "code", "id": "a", "metadata": {"pyconcurrent": {"python": "import subprocess, sys\\nprint('before', flush=True)\\nsubprocess.run([sys.executable, '-c', 'print(\\"child\\")'])\\n6 * 7"}}, "outputs": [], "source": "", "execution_count": null},
                 {"cell_type": "code", "id": "b", "metadata": {"pyconcurrent": {"python": "1 / 0"}}, "outputs": [], "source": "", "execution_count": null},
                 {"cell_type": "code", "id": "c", "metadata": {"tags": ["raises-exception"], "pyconcurrent": {"python": "pass"}}, "outputs": [], "source": "", "execution_count": null},
                 {"cell_type": "code", "id": "d", "metadata": {"tags": ["python-3.14"], "pyconcurrent": {"python": "pass"}}, "outputs": [], "source": "", "execution_count": null}
                ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
                """);
        Notebook nb = Notebook.read(p);
        Recorder.Result r = recorder().record(nb);
        assertEquals("before\nchild\n", cell(nb, "a").outputs().stdout(), nb.text());
        assertEquals("42", cell(nb, "a").outputs().result());
        assertEquals("ZeroDivisionError", cell(nb, "b").outputs().ename());
        assertEquals(3, r.problems().size(), r.problems().toString());
        assertEquals(List.of(
                "x.ipynb cell[7] (id d) is tagged python-3.14 but its metadata.pyconcurrent.expected_from does not say where its expected output comes from",
                "x.ipynb cell[3] (id b) raised ZeroDivisionError: division by zero in CPython but is not tagged raises-exception",
                "x.ipynb cell[5] (id c) is tagged raises-exception but raised nothing in CPython"), r.problems());
    }

    /** As in Jupyter, what a cell defines belongs to {@code __main__}: a process pool's workers find it by name. */
    @Test
    void cellsRunInTheMainModuleSoTheirFunctionsPickle() throws Exception {
        Path p = dir.resolve("main.ipynb");
        Files.writeString(p, """
                {"cells": [
                 {"cell_type": "code", "id": "a", "metadata": {"pyconcurrent": {"python": "def square(x):\\n    return x * x"}}, "outputs": [], "source": "", "execution_count": null},
                 {"cell_type": "code", "id": "b", "metadata": {"pyconcurrent": {"python": "import pickle, sys\\nprint(pickle.loads(pickle.dumps(square)) is square, sys.modules['__main__'].square is square, __name__)\\nfrom concurrent.futures import ProcessPoolExecutor\\nwith ProcessPoolExecutor(1) as pool:\\n    print(pool.submit(square, 7).result())"}}, "outputs": [], "source": "", "execution_count": null}
                ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
                """);
        Notebook nb = Notebook.read(p);
        assertEquals(List.of(), recorder().record(nb).problems());
        assertEquals("True True __main__\n49\n", cell(nb, "b").outputs().stdout());
    }

    @Test
    void missingTwinsJavaOnlyCellsAndCellsThatRaiseOnlyInJava() throws Exception {
        Path p = dir.resolve("sides.ipynb");
        Files.writeString(p, """
                {"cells": [
                 {"cell_type": "code", "id": "no-twin", "metadata": {}, "outputs": [], "source": "int a = 1;", "execution_count": null},
                 {"cell_type": "code", "id": "setup", "metadata": {"tags": ["java-only"]}, "outputs": [], "source": "setup();", "execution_count": null},
                 {"cell_type": "code", "id": "half", "metadata": {"tags": ["raises-exception"], "pyconcurrent": {"python": "print(-0.5)", "raises": "java", "java_error": "CompilationError"}}, "outputs": [], "source": "new Semaphore(0.5);", "execution_count": null},
                 {"cell_type": "code", "id": "both", "metadata": {"tags": ["raises-exception"], "pyconcurrent": {"python": "1 / 0", "raises": "java", "java_error": "CompilationError"}}, "outputs": [], "source": "x", "execution_count": null},
                 {"cell_type": "code", "id": "unnamed", "metadata": {"tags": ["raises-exception"], "pyconcurrent": {"python": "pass", "raises": "java"}}, "outputs": [], "source": "x", "execution_count": null}
                ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
                """);
        Notebook nb = Notebook.read(p);
        Recorder.Result r = recorder().record(nb);
        assertEquals(List.of(
                "sides.ipynb cell[0] (id no-twin): no Python twin (metadata.pyconcurrent.python)",
                "sides.ipynb cell[7] (id unnamed) raises only in Java (metadata.pyconcurrent.raises = java) but its metadata.pyconcurrent.java_error does not name the exception",
                "sides.ipynb cell[5] (id both) raised ZeroDivisionError: division by zero in CPython but says only Java raises (metadata.pyconcurrent.raises = java)"),
                r.problems());
        assertEquals(Outputs.NONE, cell(nb, "setup").outputs(), "a java-only cell has no expected output");
        assertEquals("-0.5\n", cell(nb, "half").outputs().stdout(), "the twin's output is recorded");
        assertNull(cell(nb, "half").outputs().ename());
    }

    @Test
    void verifyReferenceReportsAStaleOutputWithADiff() throws Exception {
        Path p = TestNotebooks.demo(dir);
        Notebook nb = TestNotebooks.read(p);
        recorder().record(nb);
        ReferenceVerifier verifier = new ReferenceVerifier(recorder());
        assertTrue(verifier.verify(nb).ok(), "freshly recorded is not stale");
        cell(nb, "hello").outputs(new Outputs("hello 3\n", "", null, null, null, List.of()), 1);
        cell(nb, "new314").outputs(new Outputs("edited 3.14 docs output\n", "", null, null, null, List.of()), null);
        String before = nb.text();
        ReferenceVerifier.Result r = verifier.verify(nb);
        assertEquals(before, nb.text(), "the notebook itself is not modified");
        assertEquals(1, r.stale().size(), r.stale().toString());
        assertEquals("hello", r.stale().get(0).cell().id());
        String diff = r.stale().get(0).diff();
        assertTrue(diff.contains("-hello 3\n+hello 2\n"), diff);
        assertTrue(diff.startsWith("--- demo.ipynb cell[2] (id hello) stored output\n+++ demo.ipynb cell[2] (id hello) CPython 3.13"), diff);
    }

    @Test
    void pythonFallsBackFromAnUnrunnableDefaultOnlyForTheDefault() {
        assertNotEquals(null, Python.version(TestNotebooks.python()));
        assertNull(Python.version("/nonexistent/python3.13"));
        try {
            Python.resolve("/nonexistent/python3.13");
            throw new AssertionError("expected a failure");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage().contains("/nonexistent/python3.13"));
        }
    }
}
