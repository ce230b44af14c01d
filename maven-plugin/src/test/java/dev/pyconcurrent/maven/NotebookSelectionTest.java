package dev.pyconcurrent.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.maven.notebook.Notebook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which notebooks a goal takes, and which normalizers apply to each. */
class NotebookSelectionTest {
    @TempDir
    Path dir;

    private static final String EMPTY = "{\"cells\": [], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}";

    private AbstractNotebookMojo mojo() {
        AbstractNotebookMojo m = new AbstractNotebookMojo() {
            @Override
            public void execute() { }
        };
        m.notebooks = dir.toFile();
        m.setLog(new RecordingLog());
        return m;
    }

    private void touch(String rel) throws Exception {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, EMPTY);
    }

    private static List<String> names(List<Notebook> nbs) {
        return nbs.stream().map(Notebook::name).toList();
    }

    @Test
    void includesExcludesAndAlwaysExcludedDirectories() throws Exception {
        touch("threading.ipynb");
        touch("queue.ipynb");
        touch("sub/sched.ipynb");
        touch("target/copy.ipynb");
        touch(".ipynb_checkpoints/threading-checkpoint.ipynb");
        touch("sub/.ipynb_checkpoints/x.ipynb");
        AbstractNotebookMojo m = mojo();
        assertEquals(List.of("queue", "sched", "threading"), names(m.findNotebooks()));
        m.includes = List.of("*.ipynb");
        assertEquals(List.of("queue", "threading"), names(m.findNotebooks()));
        m.includes = List.of("**/*.ipynb");
        m.excludes = List.of("queue.ipynb");
        assertEquals(List.of("sched", "threading"), names(m.findNotebooks()));
    }

    @Test
    void aBrokenNotebookIsLeftOutAndNamedWithWhereItBreaks() throws Exception {
        touch("good.ipynb");
        Files.writeString(dir.resolve("bad.ipynb"), "{\n \"cells\": [\n  {\"cell_type\": \"code\",]\n}\n");
        Files.writeString(dir.resolve("old.ipynb"), "{\"cells\": [], \"nbformat\": 3}");
        AbstractNotebookMojo m = mojo();
        assertEquals(List.of("good"), names(m.findNotebooks()));
        List<String> expected = List.of("notebook bad.ipynb: not valid JSON at line 3, column 24",
                "notebook old.ipynb: nbformat 3 (4 expected)");
        assertEquals(expected, List.copyOf(m.unreadable.values()));
        assertEquals(expected, ((RecordingLog) m.getLog()).at("error"));
        MojoFailureException e = assertThrows(MojoFailureException.class, m::failOnUnreadable);
        assertEquals("2 notebook(s) could not be read:\n  " + String.join("\n  ", expected), e.getMessage());
    }

    @Test
    void noMatchingNotebookFailsUnlessAllowed() throws Exception {
        touch("threading.ipynb");
        AbstractNotebookMojo m = mojo();
        m.includes = List.of("threadng.ipynb");
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> m.noNotebooks(m.findNotebooks()));
        assertEquals("No notebooks match threadng.ipynb in " + dir.toRealPath() + " (-Dpyconcurrent.failIfNoNotebooks=false allows it)",
                e.getMessage());
        m.failIfNoNotebooks = false;
        assertTrue(m.noNotebooks(m.findNotebooks()));
        m.includes = List.of("thread*.ipynb");
        assertFalse(m.noNotebooks(m.findNotebooks()));
    }

    @Test
    void userNormalizersApplyGloballyOrPerNotebook() throws Exception {
        touch("threading.ipynb");
        touch("sub/queue.ipynb");
        AbstractNotebookMojo m = mojo();
        m.normalizers = List.of(new NormalizerRule("took \\d+ tries", "took N tries", null),
                new NormalizerRule("size=(\\d+)", "size=#", "queue.ipynb"));
        List<Notebook> nbs = m.findNotebooks();
        Notebook queue = nbs.get(0);
        Notebook threading = nbs.get(1);
        String text = "took 3 tries, size=5 at 0x7f01";
        assertEquals("took N tries, size=# at 0x…", m.normalizerFor(queue).apply(text));
        assertEquals("took N tries, size=5 at 0x…", m.normalizerFor(threading).apply(text));
    }
}
