package dev.pyconcurrent.maven.check;

import static dev.pyconcurrent.maven.check.FakeKernel.err;
import static dev.pyconcurrent.maven.check.FakeKernel.out;
import static dev.pyconcurrent.maven.check.FakeKernel.raised;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.maven.check.CellResult.Status;
import dev.pyconcurrent.maven.compare.Normalizer;
import dev.pyconcurrent.maven.notebook.Notebook;
import dev.pyconcurrent.maven.notebook.NbJson;
import dev.pyconcurrent.maven.notebook.Outputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The check logic against a scripted kernel: verdicts, tags, timeouts, reports. */
class CheckRunTest {
    @TempDir
    Path dir;

    /** A notebook whose cells are given as {java, python, tags (comma-separated), stored outputs}. */
    private Notebook notebook(String name, Object[]... cells) throws Exception {
        StringBuilder json = new StringBuilder("{\"cells\": [");
        for (int i = 0; i < cells.length; i++) {
            Object[] c = cells[i];
            String tags = (String) c[2];
            json.append(i == 0 ? "" : ",").append("{\"cell_type\": \"code\", \"execution_count\": null, \"id\": \"c").append(i)
                    .append("\", \"metadata\": {\"pyconcurrent\": {\"python\": ").append(q((String) c[1])).append(c.length > 4 ? ", \"timeout\": " + c[4] : "")
                    .append("}, \"tags\": [").append(tags.isEmpty() ? "" : "\"" + String.join("\", \"", tags.split(",")) + "\"")
                    .append("]}, \"outputs\": [], \"source\": ").append(q((String) c[0])).append("}");
        }
        json.append("], \"metadata\": {\"pyconcurrent\": {\"python_version\": \"3.13.0\"}}, \"nbformat\": 4, \"nbformat_minor\": 5}");
        Path p = dir.resolve(name + ".ipynb");
        Files.writeString(p, json);
        Notebook nb = Notebook.read(p);
        for (int i = 0; i < cells.length; i++) nb.codeCells().get(i).outputs((Outputs) cells[i][3], i + 1);
        return nb;
    }

    private static String q(String s) {
        return NbJson.write(NbJson.MAPPER.getNodeFactory().textNode(s)).trim();
    }

    private static Normalizer builtIns(Notebook nb) {
        return Normalizer.chain("built-ins", Normalizer.builtIns());
    }

    private static List<NotebookResult> run(List<Notebook> nbs, Map<String, Outputs> script, int parallel, boolean failFast,
                                           List<FakeKernel> kernels) throws InterruptedException {
        CheckRun run = new CheckRun(wd -> {
            FakeKernel k = new FakeKernel(script);
            kernels.add(k);
            return k;
        }, CheckRunTest::builtIns, 5, parallel, failFast);
        return run.run(nbs, r -> { });
    }

    @Test
    void javaSideOnlyCellsAndMissingTwins() throws Exception {
        Path p = dir.resolve("sides.ipynb");
        String raisesInJava = "\"tags\": [\"raises-exception\"], \"pyconcurrent\": {\"python\": \"print(-0.5)\", \"raises\": \"java\", \"java_error\": \"CompilationError\"}";
        Files.writeString(p, "{\"cells\": ["
                + code("no-twin", "int a = 1;", "") + ","
                + code("setup", "setup();", "\"tags\": [\"java-only\"]") + ","
                + code("setup-raises", "boom();", "\"tags\": [\"java-only\"]") + ","
                + code("half", "new Semaphore(0.5);", raisesInJava) + ","
                + code("half-compiles", "new Semaphore(1);", raisesInJava) + ","
                + code("half-other", "new Semaphore(-1);", raisesInJava)
                + "], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}");
        Notebook nb = Notebook.read(p);
        nb.codeCells().get(3).outputs(out("-0.5\n"), 1);
        var results = run(List.of(nb), Map.of(
                "setup();", out("whatever Java prints\n"),
                "boom();", raised("ValueError", "x"),
                "new Semaphore(0.5);", raised("CompilationError", "line 1: incompatible types"),
                "new Semaphore(-1);", raised("ValueError", "semaphore initial value must be >= 0")), 1, false, new ArrayList<>());
        List<String> verdicts = results.get(0).cells().stream()
                .map(c -> c.cell().id() + " " + c.status() + (c.message() == null ? "" : ": " + c.message())).toList();
        assertEquals(List.of(
                "no-twin FAILED: no Python twin (metadata.pyconcurrent.python)",
                "setup PASSED",
                "setup-raises FAILED: raised ValueError: x",
                "half PASSED",
                "half-compiles FAILED: raised nothing, expected the Java cell to raise CompilationError (metadata.pyconcurrent.java_error)",
                "half-other FAILED: raised ValueError: semaphore initial value must be >= 0, expected the Java cell to raise CompilationError (metadata.pyconcurrent.java_error)"),
                verdicts);
    }

    private static String code(String id, String java, String metadata) {
        return "{\"cell_type\": \"code\", \"execution_count\": null, \"id\": \"" + id + "\", \"metadata\": {" + metadata
                + "}, \"outputs\": [], \"source\": " + q(java) + "}";
    }

    @Test
    void matchingOutputsPassAfterNormalization() throws Exception {
        Notebook nb = notebook("ok",
                new Object[] {"Py.print(new Object());", "print(object())", "", out("<object object at 0x7f00aa>\n")},
                new Object[] {"Py.print(t);", "print(t)", "", out("<Thread(w, started 1402342)>\n")},
                new Object[] {"int x = 1;", "x = 1", "", Outputs.NONE});
        List<FakeKernel> kernels = new ArrayList<>();
        var results = run(List.of(nb), Map.of(
                "Py.print(new Object());", out("<object object at 0x1b2c>\n"),
                "Py.print(t);", out("<Thread(w, started 23)>\n")), 1, false, kernels);
        NotebookResult r = results.get(0);
        assertEquals(List.of(Status.PASSED, Status.PASSED, Status.PASSED), r.cells().stream().map(CellResult::status).toList());
        assertTrue(r.summary().startsWith("ok.ipynb: 3 passed, 0 failed, 0 skipped ("), r.summary());
        assertEquals("3 passed, 0 failed, 0 skipped", CheckRun.closingLine(results));
        assertTrue(kernels.get(0).closed);
        assertEquals("execute Py.print(new Object()); timeout=5.0", kernels.get(0).calls.get(0));
    }

    @Test
    void aChangedOutputFailsWithAUnifiedDiffAndBothSources() throws Exception {
        Notebook nb = notebook("bad", new Object[] {"Py.print(\"a\");\nPy.print(\"B\");", "print('a')\nprint('b')", "", out("a\nb\n")});
        var results = run(List.of(nb), Map.of("Py.print(\"a\");\nPy.print(\"B\");", out("a\nB\n")), 1, false, new ArrayList<>());
        CellResult c = results.get(0).cells().get(0);
        assertEquals(Status.FAILED, c.status());
        assertEquals("stdout differs", c.message());
        assertEquals("""
                bad.ipynb cell[0] (id c0): stdout differs
                  Python twin:
                    | print('a')
                    | print('b')
                  Java cell:
                    | Py.print("a");
                    | Py.print("B");
                --- bad.ipynb cell[0] (id c0) stdout expected (CPython 3.13.0)
                +++ bad.ipynb cell[0] (id c0) stdout actual (Java)
                @@ -1,2 +1,2 @@
                 a
                -b
                +B
                """, c.report());
        assertEquals("0 passed, 1 failed, 0 skipped", CheckRun.closingLine(results));
    }

    @Test
    void stdoutAndStderrAreComparedEachOnItsOwn() throws Exception {
        Notebook nb = notebook("streams",
                new Object[] {"both", "both", "", new Outputs("out\n", "err\n", null, null, null, List.of())},
                new Object[] {"swapped", "swapped", "", new Outputs("out\n", "err\n", null, null, null, List.of())});
        var results = run(List.of(nb), Map.of(
                "both", new Outputs("out\n", "err\n", null, null, null, List.of()),
                "swapped", new Outputs("err\n", "out\n", null, null, null, List.of())), 1, false, new ArrayList<>());
        assertEquals(Status.PASSED, results.get(0).cells().get(0).status());
        CellResult swapped = results.get(0).cells().get(1);
        assertEquals("stdout differs; stderr differs", swapped.message());
    }

    @Test
    void raisesExceptionPassesOnlyWithTheSameNameAndMessage() throws Exception {
        Outputs expected = raised("ValueError", "bad value: 41");
        Notebook nb = notebook("raises",
                new Object[] {"same", "same", "raises-exception", expected},
                new Object[] {"other message", "x", "raises-exception", expected},
                new Object[] {"other type", "x", "raises-exception", expected},
                new Object[] {"nothing", "x", "raises-exception", expected},
                new Object[] {"unexpected", "x", "", Outputs.NONE},
                new Object[] {"tag without reference", "x", "raises-exception", Outputs.NONE});
        Map<String, Outputs> script = new HashMap<>();
        script.put("same", raised("ValueError", "bad value: 41"));
        script.put("other message", raised("ValueError", "bad value: 42"));
        script.put("other type", raised("TypeError", "bad value: 41"));
        script.put("unexpected", raised("RuntimeError", "boom"));
        script.put("tag without reference", raised("RuntimeError", "boom"));
        List<CellResult> cells = run(List.of(nb), script, 1, false, new ArrayList<>()).get(0).cells();
        assertEquals(Status.PASSED, cells.get(0).status());
        assertEquals("raised ValueError: bad value: 42, expected ValueError: bad value: 41", cells.get(1).message());
        assertEquals("raised TypeError: bad value: 41, expected ValueError: bad value: 41", cells.get(2).message());
        assertEquals("expected ValueError: bad value: 41, the Java cell raised nothing", cells.get(3).message());
        assertEquals("raised RuntimeError: boom", cells.get(4).message());
        assertTrue(cells.get(4).report().contains("Traceback (most recent call last):"), cells.get(4).report());
        assertTrue(cells.get(5).message().startsWith("tagged raises-exception but the recorded output has no exception"));
    }

    @Test
    void tagsSkipIgnoreAndSortLines() throws Exception {
        Notebook nb = notebook("tags",
                new Object[] {"skipped", "x", "skip-check", out("whatever\n")},
                new Object[] {"ignored", "x", "ignore-output", out("12:00:01\n")},
                new Object[] {"sorted", "x", "sort-lines", out("b\na\nc\n")},
                new Object[] {"unsorted", "x", "", out("b\na\nc\n")});
        Map<String, Outputs> script = Map.of("ignored", out("13:14:15\n"), "sorted", out("c\nb\na\n"), "unsorted", out("c\nb\na\n"));
        List<FakeKernel> kernels = new ArrayList<>();
        NotebookResult r = run(List.of(nb), script, 1, false, kernels).get(0);
        assertEquals(List.of(Status.SKIPPED, Status.PASSED, Status.PASSED, Status.FAILED), r.cells().stream().map(CellResult::status).toList());
        assertEquals("tagged skip-check", r.cells().get(0).message());
        assertFalse(kernels.get(0).calls.stream().anyMatch(c -> c.startsWith("execute skipped")), "a skip-check cell is not run");
    }

    @Test
    void anUncaughtBackgroundThreadExceptionFailsTheCellEvenWhenOutputIsIgnored() throws Exception {
        String hook = "Exception in thread Thread-1 (worker):\nTraceback (most recent call last):\n  File \"x\", line 1\nValueError: boom\n";
        Notebook nb = notebook("bg",
                new Object[] {"ignored", "x", "ignore-output", Outputs.NONE},
                new Object[] {"expected", "x", "", err(hook)});
        Map<String, Outputs> script = Map.of("ignored", err(hook), "expected", err(hook.replace("File \"x\"", "File \"Worker.java\"")));
        List<CellResult> cells = run(List.of(nb), script, 1, false, new ArrayList<>()).get(0).cells();
        assertEquals("uncaught exception in a background thread: Exception in thread Thread-1 (worker):", cells.get(0).message());
        assertEquals(Status.PASSED, cells.get(1).status(), "the reference shows it: it is expected");
    }

    @Test
    void aTimeoutFailsWithTheThreadDumpInterruptsAndSkipsTheRest() throws Exception {
        Notebook nb = notebook("slow",
                new Object[] {"fine", "x", "", Outputs.NONE},
                new Object[] {"hangs", "x", "", Outputs.NONE, 0.5},
                new Object[] {"after", "x", "", Outputs.NONE});
        List<FakeKernel> kernels = new ArrayList<>();
        NotebookResult r = run(List.of(nb), Map.of("hangs", FakeKernel.HANG), 1, false, kernels).get(0);
        CellResult hung = r.cells().get(1);
        assertEquals(Status.ERROR, hung.status());
        assertEquals("timed out after 0.5 s", hung.message());
        assertTrue(hung.report().contains("Kernel threads at the timeout:\n    \"cell-1\" #20 prio=5"), hung.report());
        assertTrue(hung.report().contains("Output so far:\n    partial\n"), hung.report());
        assertEquals(Status.SKIPPED, r.cells().get(2).status());
        assertTrue(r.cells().get(2).message().startsWith("not run: the kernel was stopped after cell[1] (id c1) (timed out"));
        assertEquals(List.of("execute fine timeout=5.0", "execute hangs timeout=0.5", "threadDump", "interrupt", "close"), kernels.get(0).calls);
        assertEquals("1 passed, 1 failed, 1 skipped", CheckRun.closingLine(List.of(r)));
    }

    @Test
    void aDeadKernelOrOneThatDoesNotStartFailsTheNotebookNotTheRun() throws Exception {
        Notebook dies = notebook("dies", new Object[] {"dies", "x", "", Outputs.NONE}, new Object[] {"next", "x", "", Outputs.NONE});
        Map<String, Outputs> script = new HashMap<>();
        script.put("dies", null);
        List<CellResult> cells = run(List.of(dies), script, 1, false, new ArrayList<>()).get(0).cells();
        assertEquals("kernel failure: kernel died", cells.get(0).message());
        assertEquals(Status.SKIPPED, cells.get(1).status());

        CheckRun noKernel = new CheckRun(wd -> { throw new Kernel.KernelException("port in use"); }, CheckRunTest::builtIns, 5, 1, false);
        NotebookResult r = noKernel.run(List.of(dies), x -> { }).get(0);
        assertEquals("kernel did not start: port in use", r.cells().get(0).message());
        assertEquals(Status.SKIPPED, r.cells().get(1).status());
    }

    @Test
    void failFastStopsAtTheFirstFailingCell() throws Exception {
        Notebook a = notebook("a", new Object[] {"bad", "x", "", out("1\n")}, new Object[] {"good", "x", "", Outputs.NONE});
        Notebook b = notebook("b", new Object[] {"good", "x", "", Outputs.NONE});
        List<NotebookResult> results = run(List.of(a, b), Map.of("bad", out("2\n")), 1, true, new ArrayList<>());
        assertEquals("0 passed, 1 failed, 2 skipped", CheckRun.closingLine(results));
    }

    @Test
    void parallelRunsOneKernelPerNotebookConcurrentlyAndReportsInOrder() throws Exception {
        CountDownLatch bothStarted = new CountDownLatch(2);
        List<Notebook> nbs = List.of(notebook("n1", new Object[] {"wait", "x", "", Outputs.NONE}),
                notebook("n2", new Object[] {"wait", "x", "", Outputs.NONE}));
        List<String> order = new ArrayList<>();
        CheckRun run = new CheckRun(wd -> new FakeKernel(code -> {
            bothStarted.countDown();
            try {
                // both notebooks' cells must be running at once for this to return true
                return bothStarted.await(10, TimeUnit.SECONDS) ? Outputs.NONE : out("not parallel\n");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }), CheckRunTest::builtIns, 5, 2, false);
        List<NotebookResult> results = run.run(nbs, r -> order.add(r.notebook().name()));
        assertEquals("2 passed, 0 failed, 0 skipped", CheckRun.closingLine(results));
        assertEquals(List.of("n1", "n2"), order);
    }

    @Test
    void junitXmlInSurefiresShape() throws Exception {
        Notebook nb = notebook("report",
                new Object[] {"ok", "x", "", out("<&>\n")},
                new Object[] {"bad", "x", "", out("1\n")},
                new Object[] {"hangs", "x", "", Outputs.NONE},
                new Object[] {"never", "x", "skip-check", Outputs.NONE});
        NotebookResult r = run(List.of(nb), Map.of("ok", out("<&>\n"), "bad", out("2\u0001\n"), "hangs", FakeKernel.HANG), 1, false, new ArrayList<>()).get(0);
        Path xml = JUnitReport.write(r, dir.resolve("reports"), "notebooks.");
        assertEquals("TEST-notebooks.report.xml", xml.getFileName().toString());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        Element suite = doc.getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        assertEquals("notebooks.report", suite.getAttribute("name"));
        assertEquals("4", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("1", suite.getAttribute("errors"));
        assertEquals("1", suite.getAttribute("skipped"));
        var cases = suite.getElementsByTagName("testcase");
        assertEquals(4, cases.getLength());
        Element bad = (Element) cases.item(1);
        assertEquals("cell[1] (id c1)", bad.getAttribute("name"));
        assertEquals("notebooks.report", bad.getAttribute("classname"));
        Element failure = (Element) bad.getElementsByTagName("failure").item(0);
        assertEquals("stdout differs", failure.getAttribute("message"));
        assertTrue(failure.getTextContent().contains("+2\\x01"), failure.getTextContent());
        assertEquals("<&>\n", ((Element) cases.item(0)).getElementsByTagName("system-out").item(0).getTextContent());
        assertEquals(1, ((Element) cases.item(2)).getElementsByTagName("error").getLength());
        assertEquals("not run: the kernel was stopped after cell[2] (id c2) (timed out after 5 s)", ((Element) ((Element) cases.item(3)).getElementsByTagName("skipped").item(0)).getAttribute("message"));
    }
}
