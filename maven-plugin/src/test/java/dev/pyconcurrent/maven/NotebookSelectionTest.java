package dev.pyconcurrent.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pyconcurrent.maven.notebook.Notebook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
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
    void aBrokenNotebookIsAnErrorNamingIt() throws Exception {
        Files.writeString(dir.resolve("bad.ipynb"), "{");
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> mojo().findNotebooks());
        assertEquals(true, e.getMessage().contains("bad.ipynb"));
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
