package dev.pyconcurrent.kernel;

import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import dev.pyconcurrent.multiprocessing.connection.Wire;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The snippet class loader's class files for child processes: written when the runtime is about to ship an object, and waited for. */
class SnippetLoaderTest {
    @Test
    void classFilesAreWrittenOnlyWhenAnObjectIsAboutToLeaveForAnotherProcess(@TempDir Path dir) throws Exception {
        byte[] bytes = emptyClass("REPL/Shipped");
        Path file = dir.resolve("REPL/Shipped.class");
        try (SnippetLoader loader = new SnippetLoader(dir)) {
            loader.load(new ClassBytecodes[] {new ClassBytecodes("REPL.Shipped", bytes)});
            assertEquals("REPL.Shipped", loader.findClass("REPL.Shipped").getName());
            assertFalse(Files.exists(file), "written though no child needs it yet");
            Wire.dumps(java.time.Duration.ofSeconds(1));  // not a Python value: Java serialization, where a notebook class may go along
            assertArrayEquals(bytes, Files.readAllBytes(file), "the class file as javac wrote it, before the object's bytes exist");
        }
    }

    @Test
    void aClosedSessionsClassFilesAreNotWritten(@TempDir Path dir) throws Exception {
        SnippetLoader loader = new SnippetLoader(dir);
        loader.load(new ClassBytecodes[] {new ClassBytecodes("REPL.Closed", emptyClass("REPL/Closed"))});
        loader.close();
        Wire.writeSnippetClasses();
        loader.awaitWritten();
        assertFalse(Files.exists(dir.resolve("REPL/Closed.class")));
    }

    @Test
    void writingWaitsUntilTheClassFilesAreOnDisk(@TempDir Path dir) throws Exception {
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
            assertEquals("REPL.Probe", loader.findClass("REPL.Probe").getName());
            CompletableFuture<Void> awaited = new CompletableFuture<>();
            java.lang.Thread waiter = new java.lang.Thread(() -> {
                Wire.writeSnippetClasses();
                awaited.complete(null);
            });
            waiter.start();
            try {
                assertThrows(TimeoutException.class, () -> awaited.get(200, TimeUnit.MILLISECONDS), "the object would have left before its class file was written");
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
