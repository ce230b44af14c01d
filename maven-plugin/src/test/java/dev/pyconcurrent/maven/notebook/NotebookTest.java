package dev.pyconcurrent.maven.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.maven.TestNotebooks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookTest {
    @TempDir
    Path dir;

    @Test
    void readsCellsTwinsTagsAndMetadata() {
        Notebook nb = TestNotebooks.read(TestNotebooks.demo(dir));
        assertEquals("demo", nb.name());
        assertEquals("Demo notebook", nb.title());
        assertEquals("pyconcurrent", nb.kernelName());
        assertEquals(10, nb.cells().size());
        assertEquals(8, nb.codeCells().size());
        Cell hello = nb.cells().get(1);
        assertEquals("hello", hello.id());
        assertEquals("cell[1] (id hello)", hello.label());
        assertEquals("Py.print(\"hello\", 1 + 1);", hello.source());
        assertEquals("print(\"hello\", 1 + 1)", hello.python());
        Cell raises = nb.cells().get(5);
        assertTrue(raises.hasTag(Cell.RAISES_EXCEPTION));
        Cell new314 = nb.cells().get(9);
        assertTrue(new314.isPython314());
        assertEquals("CPython 3.14 docs, queue.Queue.shutdown", new314.expectedFrom());
        assertEquals("from the docs\n", new314.outputs().stdout());
        assertNull(nb.recordedWith());
    }

    @Test
    void writingIsCanonicalAndStable() throws Exception {
        Path p = TestNotebooks.demo(dir);
        Notebook nb = TestNotebooks.read(p);
        // the fixture was written by Python's json.dumps(sort_keys=True, indent=1, ensure_ascii=False)
        assertEquals(Files.readString(p), nb.text());
        assertEquals(nb.text(), Notebook.parse(p, nb.text()).text());
    }

    @Test
    void outputsRoundTripInNbformatShape() {
        Notebook nb = TestNotebooks.read(TestNotebooks.demo(dir));
        Cell cell = nb.cells().get(1);
        Outputs o = new Outputs("a\nb\n", "warn\n", "42", "ValueError", "bad", List.of("Traceback (most recent call last):\n", "ValueError: bad\n"));
        cell.outputs(o, 3);
        Outputs back = Notebook.parse(nb.path(), nb.text()).cells().get(1).outputs();
        assertTrue(back.sameAs(o));
        assertEquals(o.traceback(), back.traceback());
        String text = nb.text();
        assertTrue(text.contains("\"text\": [\n      \"a\\n\",\n      \"b\\n\"\n     ]"), text);
        assertTrue(text.contains("\"execution_count\": 3"));
    }

    @Test
    void canonicalJsonMatchesPythonsJsonDumps() throws Exception {
        String json = "{\"b\": [1, 2.5, 1e-7, 100.0, true, null, \"é\\u0001\\t\\\"\\\\/\"], \"a\": {}, \"c\": [], \"d\": {\"z\": 1, \"y\": \"\\u2028x\"}}";
        String python = TestNotebooks.runPython(
                "import json,sys; sys.stdout.write(json.dumps(json.load(sys.stdin), sort_keys=True, indent=1, ensure_ascii=False) + '\\n')", json);
        assertEquals(python, NbJson.write(NbJson.parse(json)));
    }

    @Test
    void rejectsWhatIsNotANotebook() {
        assertThrows(IllegalArgumentException.class, () -> Notebook.parse(Path.of("x.ipynb"), "[1]"));
        assertThrows(IllegalArgumentException.class, () -> Notebook.parse(Path.of("x.ipynb"), "{\"cells\": [], \"nbformat\": 3}"));
        assertThrows(IllegalArgumentException.class, () -> Notebook.parse(Path.of("x.ipynb"), "{not json"));
        assertFalse(NbJson.text(null).length() > 0);
    }
}
