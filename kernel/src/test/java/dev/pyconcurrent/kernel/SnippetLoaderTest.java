package dev.pyconcurrent.kernel;

import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The snippet class loader's class files for child processes: written beside the cell, waited for before its code. */
class SnippetLoaderTest {
    @Test
    void aSnippetsCodeWaitsUntilItsClassFilesAreWritten(@TempDir Path dir) throws Exception {
        byte[] bytes = emptyClass("REPL/Probe");
        Path file = dir.resolve("REPL/Probe.class");
        Files.createDirectories(file.getParent());
        // a named pipe: writing it blocks until a reader opens it, as a disk that stalls would
        Process mkfifo = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
        assertTrue(mkfifo.waitFor(30, TimeUnit.SECONDS), "mkfifo ended");
        assertEquals(0, mkfifo.exitValue());
        byte[][] read = new byte[1][];
        try (SnippetLoader loader = new SnippetLoader(dir)) {
            loader.load(new ClassBytecodes[] {new ClassBytecodes("REPL.Probe", bytes)});
            // loaded at once, the write still pending on the loader's own thread
            assertEquals("REPL.Probe", loader.findClass("REPL.Probe").getName());
            CompletableFuture<Void> awaited = new CompletableFuture<>();
            java.lang.Thread waiter = new java.lang.Thread(() -> {
                loader.awaitWritten();
                awaited.complete(null);
            });
            waiter.start();
            try {
                assertThrows(TimeoutException.class, () -> awaited.get(200, TimeUnit.MILLISECONDS), "the code went on before its class file was written");
            } finally {
                read[0] = Files.readAllBytes(file); // the writer's write ends, whatever the assertion found
            }
            assertArrayEquals(bytes, read[0], "the class file as javac wrote it");
            awaited.get(30, TimeUnit.SECONDS);
            waiter.join(30_000);
        }
    }

    @Test
    void aMissingPackageDirectoryIsMade(@TempDir Path dir) throws Exception {
        byte[] bytes = emptyClass("REPL/Made");
        try (SnippetLoader loader = new SnippetLoader(dir)) {
            loader.load(new ClassBytecodes[] {new ClassBytecodes("REPL.Made", bytes)});
            loader.awaitWritten();
            assertArrayEquals(bytes, Files.readAllBytes(dir.resolve("REPL/Made.class")));
        }
    }

    private static byte[] emptyClass(String internalName) {
        ClassWriter w = new ClassWriter(0);
        w.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, internalName, null, "java/lang/Object", null);
        w.visitEnd();
        return w.toByteArray();
    }
}
