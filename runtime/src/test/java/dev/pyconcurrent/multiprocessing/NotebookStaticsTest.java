package dev.pyconcurrent.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.multiprocessing.connection.Connection;
import dev.pyconcurrent.multiprocessing.connection.Hub;
import dev.pyconcurrent.multiprocessing.connection.Wire;
import dev.pyconcurrent.testing.NoChildLeft;
import dev.pyconcurrent.testing.NoThreadLeft;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notebook variables in a child, simulated in plain Java as the kernel lays them out: a class
 * {@code REPL.$JShell$7} in a snippet directory (not on this JVM's class path, loaded by a
 * context class loader) whose public statics were set after it loaded.
 */
@ExtendWith({NoThreadLeft.class, NoChildLeft.class})
class NotebookStaticsTest {
    @BeforeAll
    static void hub() {
        Hub.get();
    }

    /** Runs in the child: reads the wrapper's statics (the child has the snippet directory on its class path). */
    static void report(Connection c) throws Exception {
        Class<?> wrapper = Class.forName("REPL.$JShell$7");
        c.send(Tuple.of(wrapper.getField("base").get(null), wrapper.getField("label").get(null),
                wrapper.getField("lock").get(null), wrapper.getField("K").get(null),
                wrapper.getField("ctx").get(null) == Multiprocessing.getContext("spawn")));
    }

    /** Runs in the child: uses the variable that could not be sent (null here). */
    static void useLock() throws Exception {
        Class.forName("REPL.$JShell$7").getField("lock").get(null).hashCode();
    }

    @Test
    void childSeesTheNotebooksCurrentValuesAndSkippedOnesAreNamedWhenTheTargetFailsOnNull(@TempDir Path snippets, @TempDir Path memory) throws Throwable {
        // the kernel loads its classes from memory and writes them to the snippet directory only when asked (a child may need them)
        Path src = memory.resolve("src/REPL/$JShell$7.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "package REPL; public class $JShell$7 { public static int base; public static String label;"
                + " public static Object lock; public static Object conn; public static Object ctx; public static Object $3; public static final int K = 1; }");
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", memory.toString(), src.toString()));
        java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
        Wire.snippetClassWriter(() -> {
            try {
                Files.createDirectories(snippets.resolve("REPL"));
                Files.copy(memory.resolve("REPL/$JShell$7.class"), snippets.resolve("REPL/$JShell$7.class"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                written.incrementAndGet();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        ClassLoader saved = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader notebook = new URLClassLoader(new URL[] {memory.toUri().toURL()}, saved)) {
            Thread.currentThread().setContextClassLoader(notebook);
            System.setProperty(Popen.SNIPPET_CLASS_PATH, snippets.toString());
            Class<?> wrapper = Class.forName("REPL.$JShell$7", true, notebook);
            wrapper.getField("base").setInt(null, 100); // what the cell "int base = 100;" does
            wrapper.getField("label").set(null, "set by a cell");
            wrapper.getField("lock").set(null, new Object()); // does not serialize: skipped, named once
            Connection[] local = Multiprocessing.Pipe();
            wrapper.getField("conn").set(null, local[0]); // a connection is not copied (sending it would move it), silently
            wrapper.getField("ctx").set(null, Multiprocessing.getContext("spawn")); // arrives as the child's own spawn context
            wrapper.getField("$3").set(null, new Object()); // JShell's temporary of "buf.put(0, b);": skipped silently
            Connection[] ab = Multiprocessing.Pipe();
            Process p = new Process(NotebookStaticsTest::report, ab[1]);
            String err = ProcessTest.stderr(() -> {
                p.start();
                assertEquals(Tuple.of(100, "set by a cell", null, 1, true), ab[0].recv(), "the child's view");
            assertTrue(written.get() > 0, "the class files were asked for before the child needed them");
                p.join();
            });
            assertEquals(0, p.exitcode());
            assertEquals("", err, "a child that does not fail says nothing of the skipped variables");
            Process failing = new Process(NotebookStaticsTest::useLock);
            String failed = ProcessTest.stderr(() -> {
                failing.start();
                failing.join();
            });
            assertEquals(1, failing.exitcode());
            assertTrue(failed.startsWith("Process " + failing.name() + ":\nTraceback"), failed);
            assertTrue(failed.endsWith("\nmultiprocessing: notebook variables not sent to this process (not serializable), null here: lock\n"),
                    failed);
            local[0].send("still here");
            assertEquals("still here", local[1].recv());
            ab[0].close();
            local[0].close();
            local[1].close();
        } finally {
            Wire.snippetClassWriter(null);
            System.clearProperty(Popen.SNIPPET_CLASS_PATH);
            Thread.currentThread().setContextClassLoader(saved);
        }
        assertTrue(List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream().noneMatch(e -> e.equals(snippets.toString())));
    }
}
