package dev.pyconcurrent.maven.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.maven.TestNotebooks;
import dev.pyconcurrent.maven.compare.Normalizer;
import dev.pyconcurrent.maven.notebook.Notebook;
import dev.pyconcurrent.maven.notebook.Outputs;
import dev.pyconcurrent.maven.record.Recorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter over the real pyconcurrent kernel (a kernel JVM started through the kernel module's client). */
class PyconcurrentKernelTest {
    @TempDir
    Path dir;

    private static Kernel.Factory factory() throws Kernel.KernelException {
        return KernelFactories.load(Map.of(), PyconcurrentKernelTest.class.getClassLoader());
    }

    @Test
    void executesCellsInOneNamespaceAndTimesOutWithAThreadDump() throws Exception {
        try (Kernel k = factory().start(dir)) {
            Outputs printed = k.execute("int x = 41;\nPy.print(\"hello\", x + 1);", 30).outputs();
            assertEquals("hello 42\n", printed.stdout());
            assertNull(printed.ename());
            Outputs raised = k.execute("throw new ValueError(\"bad value: \" + x);", 30).outputs();
            assertEquals("ValueError", raised.ename());
            assertEquals("bad value: 41", raised.evalue());
            Kernel.Execution hung = k.execute("new java.util.concurrent.CountDownLatch(1).await();", 1);
            assertTrue(hung.timedOut());
            String dump = k.threadDump();
            assertTrue(dump.contains("java.lang.Thread.State"), dump);
            assertTrue(dump.contains("CountDownLatch.await"), dump);
            assertFalse(dump.contains("\"Reference Handler\""), "JVM-internal threads are left out: " + dump);
            k.interrupt();
            assertEquals("still here\n", k.execute("Py.print(\"still here\");", 30).outputs().stdout());
        }
    }

    @Test
    void endToEndRecordThenCheck() throws Exception {
        Path p = dir.resolve("e2e.ipynb");
        Files.writeString(p, """
                {"cells": [
                 {"cell_type": "code", "execution_count": null, "id": "a", "metadata": {"pyconcurrent": {"python": "print('hello', 6 * 7)"}}, "outputs": [], "source": "Py.print(\\"hello\\", 6 * 7);"},
                 {"cell_type": "code", "execution_count": null, "id": "b", "metadata": {"pyconcurrent": {"python": "x = 41"}}, "outputs": [], "source": "int x = 41;"},
                 {"cell_type": "code", "execution_count": null, "id": "c", "metadata": {"pyconcurrent": {"python": "import sys\\nprint(x + 1)\\nprint('warning', file=sys.stderr)"}}, "outputs": [], "source": "Py.print(x + 1);\\nPy.printErr(\\"warning\\");"},
                 {"cell_type": "code", "execution_count": null, "id": "d", "metadata": {"tags": ["raises-exception"], "pyconcurrent": {"python": "raise ValueError(f'bad value: {x}')"}}, "outputs": [], "source": "throw new ValueError(\\"bad value: \\" + x);"},
                 {"cell_type": "code", "execution_count": null, "id": "e", "metadata": {"pyconcurrent": {"python": "print(object())"}}, "outputs": [], "source": "Py.print(\\"<object object at \\" + Py.addressOf(new Object()) + \\">\\");"}
                ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
                """);
        Notebook nb = Notebook.read(p);
        Normalizer normalizer = Normalizer.chain("b", Normalizer.builtIns());
        assertEquals(List.of(), new Recorder(TestNotebooks.python(), 120, normalizer).record(nb).problems());
        List<NotebookResult> results = new CheckRun(factory(), x -> normalizer, 30, 1, false).run(List.of(nb), r -> { });
        NotebookResult r = results.get(0);
        r.cells().stream().filter(CellResult::failed).forEach(c -> System.err.println(c.report()));
        assertEquals("5 passed, 0 failed, 0 skipped", CheckRun.closingLine(results));
        assertFalse(r.cells().stream().anyMatch(CellResult::failed));
    }

    @Test
    void theKernelClassPathLeavesThePluginsRenderingDependenciesOut() throws Exception {
        Path repo = dir.resolve("repo");
        java.net.URL[] urls = {
            repo.resolve("dev/pyconcurrent/pyconcurrent-kernel/0.1.0/pyconcurrent-kernel-0.1.0.jar").toUri().toURL(),
            repo.resolve("org/zeromq/jeromq/0.6.0/jeromq-0.6.0.jar").toUri().toURL(),
            repo.resolve("org/jruby/jruby-base/9.4.8.0/jruby-base-9.4.8.0.jar").toUri().toURL(),
            repo.resolve("com/fasterxml/jackson/core/jackson-core/2.22.3/jackson-core-2.22.3.jar").toUri().toURL()};
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(urls, null)) {
            String cp = PyconcurrentKernel.kernelClassPath(loader, "/extra/classes");
            assertEquals(String.join(java.io.File.pathSeparator,
                    repo.resolve("dev/pyconcurrent/pyconcurrent-kernel/0.1.0/pyconcurrent-kernel-0.1.0.jar").toString(),
                    repo.resolve("org/zeromq/jeromq/0.6.0/jeromq-0.6.0.jar").toString(), "/extra/classes"), cp);
        }
    }
}
