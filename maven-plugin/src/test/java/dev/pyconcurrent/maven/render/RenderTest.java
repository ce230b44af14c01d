package dev.pyconcurrent.maven.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.maven.TestNotebooks;
import dev.pyconcurrent.maven.compare.Normalizer;
import dev.pyconcurrent.maven.notebook.Notebook;
import dev.pyconcurrent.maven.record.Recorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderTest {
    @TempDir
    Path dir;

    @Test
    void notebookToAsciiDocThenHtmlWithAnIndex() throws Exception {
        Notebook nb = TestNotebooks.read(TestNotebooks.demo(dir));
        new Recorder(TestNotebooks.python(), 120, Normalizer.chain("b", Normalizer.builtIns())).record(nb);
        String adoc = NotebookRenderer.toAsciiDoc(nb);
        assertTrue(adoc.startsWith("= Demo notebook\n"), adoc);
        assertFalse(adoc.contains("== Demo notebook"), "the title heading is not repeated");
        assertTrue(adoc.contains("== Errors"), adoc);
        assertTrue(adoc.contains("¦\n[source,python,indent=0]\n----\n print(\"hello\", 1 + 1)\n----\n¦\n[source,java,indent=0]\n----\n Py.print(\"hello\", 1 + 1);\n----\n|===\n"), adoc);
        assertTrue(adoc.contains(".Output\n[.cell-stdout]\n....\nhello 2\n....\n"), adoc);
        assertTrue(adoc.contains(".Raises\n[.cell-exception]\n....\nTraceback (most recent call last):\n  File \"<cell 9>\""), adoc);
        assertTrue(adoc.contains(".Standard error\n[.cell-stderr]\n....\ncareful\n....\n"), adoc);
        assertTrue(adoc.contains("NOTE: Python 3.14 API; the expected output is CPython 3.14 docs, queue.Queue.shutdown."), adoc);

        // kept under target/ to be looked at (e.g. in a browser)
        Path out = Files.createDirectories(Path.of("target", "render-test"));
        Path a = out.resolve("demo.adoc");
        Files.writeString(a, adoc);
        Path index = out.resolve("index.adoc");
        Files.writeString(index, NotebookRenderer.index("Tutorials", List.of(nb)));
        HtmlConverter.tutorialStyles(out);
        try (HtmlConverter html = new HtmlConverter()) {
            html.convert(a, out.resolve("demo.html"), Map.of(), SiteChrome.nav("index.html", null, null, null, null));
            html.convert(index, out.resolve("index.html"), Map.of(), SiteChrome.nav("index.html", null, null, null, null));
        }
        String page = Files.readString(out.resolve("demo.html"));
        assertTrue(page.contains("<title>Demo notebook</title>"), page);
        assertTrue(page.contains("<table id=\"cell-hello\" class=\"tableblock frame-none grid-cols stretch twin\">"), page);
        assertTrue(page.contains("<code data-lang=\"python\"><span class=\"k\">print</span>"), "highlighted by rouge");
        assertTrue(page.contains("<code data-lang=\"java\"><span class=\"nc\">Py</span>"), "highlighted by rouge");
        assertTrue(page.contains("<pre>hello 2</pre>"), page);
        assertTrue(page.contains("table.twin"), "the docinfo stylesheet is included");
        assertTrue(page.contains("href=\"other.html\""), "links between notebooks point at the rendered pages");
        String indexPage = Files.readString(out.resolve("index.html"));
        assertTrue(indexPage.contains("<a href=\"demo.html\">Demo notebook</a>"), indexPage);
    }

    @Test
    void cellsWhoseOutputIsNotComparedAreMarkedWithTheReason() throws Exception {
        Path ipynb = dir.resolve("marks.ipynb");
        Files.writeString(ipynb, """
                {"cells": [
                 {"cell_type": "code", "execution_count": null, "id": "checked", "outputs": [], "metadata": {"pyconcurrent": {"python": "print(1)"}}, "source": "Py.print(1);"},
                 {"cell_type": "code", "execution_count": null, "id": "skipped", "outputs": [], "metadata": {"tags": ["skip-check"], "pyconcurrent": {"python": "x", "skip_reason": "the JVM has no trace events"}}, "source": "x"},
                 {"cell_type": "code", "execution_count": null, "id": "java-raises", "outputs": [], "metadata": {"tags": ["raises-exception"], "pyconcurrent": {"python": "x", "raises": "java", "java_error": "CompilationError"}}, "source": "x"},
                 {"cell_type": "code", "execution_count": null, "id": "ignored", "outputs": [], "metadata": {"tags": ["ignore-output"], "pyconcurrent": {"python": "x"}}, "source": "x"},
                 {"cell_type": "code", "execution_count": null, "id": "setup", "outputs": [], "metadata": {"tags": ["java-only"]}, "source": "x"}
                ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
                """);
        List<String> marks = NotebookRenderer.toAsciiDoc(TestNotebooks.read(ipynb)).lines()
                .filter(l -> l.startsWith("*Not checked against CPython*: ")).toList();
        assertEquals(List.of(
                "*Not checked against CPython*: not run by the check: the JVM has no trace events.",
                "*Not checked against CPython*: the Java cell raises CompilationError instead.",
                "*Not checked against CPython*: output not compared.",
                "*Not checked against CPython*: Java only, no Python twin."), marks);
    }

    @Test
    void javaCommentsSurviveTheTwinTable() throws Exception {
        Path ipynb = dir.resolve("comments.ipynb");
        Files.writeString(ipynb, """
                {"cells": [{"cell_type": "code", "execution_count": null, "id": "c", "outputs": [],
                  "metadata": {"pyconcurrent": {"python": "# a Python comment\\nprint(1)"}},
                  "source": ["// a Java comment\\n", "Py.print(1);"]}],
                 "metadata": {"kernelspec": {"display_name": "Java (pyconcurrent)", "language": "java", "name": "pyconcurrent"}},
                 "nbformat": 4, "nbformat_minor": 5}
                """);
        Notebook nb = TestNotebooks.read(ipynb);
        Path a = dir.resolve("comments.adoc");
        Files.writeString(a, NotebookRenderer.toAsciiDoc(nb));
        try (HtmlConverter html = new HtmlConverter()) {
            html.convert(a, dir.resolve("comments.html"), Map.of(), "");
        }
        String page = Files.readString(dir.resolve("comments.html"));
        assertTrue(page.contains("// a Java comment"), page);
        assertTrue(page.contains("# a Python comment"), page);
    }
}
