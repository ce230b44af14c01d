package dev.pyconcurrent.maven.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.maven.TestNotebooks;
import dev.pyconcurrent.maven.compare.Normalizer;
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
        assertEquals("hello 2\n", nb.cells().get(1).outputs().stdout());
        assertEquals("42\n", nb.cells().get(3).outputs().stdout(), "shared namespace: x from an earlier cell");
        Outputs raised = nb.cells().get(5).outputs();
        assertEquals("ValueError", raised.ename());
        assertEquals("bad value: 41", raised.evalue());
        assertEquals("Traceback (most recent call last):\n", raised.traceback().get(0));
        assertTrue(raised.traceback().get(1).startsWith("  File \"<cell 5>\", line 1"), raised.traceback().toString());
        Outputs both = nb.cells().get(6).outputs();
        assertEquals("done\n", both.stdout());
        assertEquals("careful\n", both.stderr());
        assertTrue(nb.cells().get(7).outputs().stdout().startsWith("<object object at 0x"));
        assertEquals("from the docs\n", nb.cells().get(9).outputs().stdout(), "python-3.14 cells keep their outputs");
        assertNull(nb.cells().get(2).outputs().result());
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
        assertEquals("before\nchild\n", nb.cells().get(0).outputs().stdout(), nb.text());
        assertEquals("42", nb.cells().get(0).outputs().result());
        assertEquals("ZeroDivisionError", nb.cells().get(1).outputs().ename());
        assertEquals(3, r.problems().size(), r.problems().toString());
        assertEquals(List.of(
                "x.ipynb cell[3] (id d) is tagged python-3.14 but its metadata.pyconcurrent.expected_from does not say where its expected output comes from",
                "x.ipynb cell[1] (id b) raised ZeroDivisionError: division by zero in CPython but is not tagged raises-exception",
                "x.ipynb cell[2] (id c) is tagged raises-exception but raised nothing in CPython"), r.problems());
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
                "sides.ipynb cell[4] (id unnamed) raises only in Java (metadata.pyconcurrent.raises = java) but its metadata.pyconcurrent.java_error does not name the exception",
                "sides.ipynb cell[3] (id both) raised ZeroDivisionError: division by zero in CPython but says only Java raises (metadata.pyconcurrent.raises = java)"),
                r.problems());
        assertEquals(Outputs.NONE, nb.cells().get(1).outputs(), "a java-only cell has no expected output");
        assertEquals("-0.5\n", nb.cells().get(2).outputs().stdout(), "the twin's output is recorded");
        assertNull(nb.cells().get(2).outputs().ename());
    }

    @Test
    void verifyReferenceReportsAStaleOutputWithADiff() throws Exception {
        Path p = TestNotebooks.demo(dir);
        Notebook nb = TestNotebooks.read(p);
        recorder().record(nb);
        ReferenceVerifier verifier = new ReferenceVerifier(recorder());
        assertTrue(verifier.verify(nb).ok(), "freshly recorded is not stale");
        nb.cells().get(1).outputs(new Outputs("hello 3\n", "", null, null, null, List.of()), 1);
        nb.cells().get(9).outputs(new Outputs("edited 3.14 docs output\n", "", null, null, null, List.of()), null);
        String before = nb.text();
        ReferenceVerifier.Result r = verifier.verify(nb);
        assertEquals(before, nb.text(), "the notebook itself is not modified");
        assertEquals(1, r.stale().size(), r.stale().toString());
        assertEquals("hello", r.stale().get(0).cell().id());
        String diff = r.stale().get(0).diff();
        assertTrue(diff.contains("-hello 3\n+hello 2\n"), diff);
        assertTrue(diff.startsWith("--- demo.ipynb cell[1] (id hello) stored output\n+++ demo.ipynb cell[1] (id hello) CPython 3.13"), diff);
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
