package dev.pyconcurrent.kernel;

import dev.pyconcurrent.multiprocessing.connection.Wire;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads JShell's snippet classes in the kernel's JVM (parent: the system class loader, which holds
 * the runtime), with stop points woven in ({@link SnippetWeaver}) so an interrupt can end their
 * loops, and writes every snippet class file, as javac wrote it, under {@link #directory()}, so a
 * child process (multiprocessing) can put that directory on its class path and load the same
 * classes.
 *
 * <p>The class files are written only when a child may need them: the runtime calls
 * {@link #writeAll} (its {@code Wire.snippetClassWriter}) before an object is serialized for
 * another process and before a child's notebook variables are taken, and it returns once every
 * class loaded so far is on disk. Creating a file costs 0.3–0.7 ms of a core on this machine's
 * ext4 disk, against a trivial cell's 0.05 ms of code: a notebook that starts no child writes
 * nothing, one that does writes its classes in a batch when it starts one. A thread of the
 * loader's own writes them, so that a disk that stalls holds the caller back at most
 * {@value #WRITE_TIMEOUT_SECONDS} s.
 */
final class SnippetLoader implements LoaderDelegate, AutoCloseable {
    /** How long {@link #awaitWritten} waits for the class files (a disk that hangs must not hang the cell). */
    static final long WRITE_TIMEOUT_SECONDS = 10;
    private final Path directory;
    private final Loader loader;
    /** Its thread is made beside the cells' groups, whichever cell's thread first hands it work. */
    private final java.util.concurrent.ExecutorService writer;
    /** The class files loaded and not yet handed to the writer, in the order they were loaded (guarded by this). */
    private final List<ClassBytecodes> unwritten = new ArrayList<>();
    /** The last batch of class files handed to the writer (it writes them in order; guarded by this). */
    private java.util.concurrent.Future<?> writing = java.util.concurrent.CompletableFuture.completedFuture(null);
    /**
     * The loaders not closed: every session's classes may be needed by a child, also an abandoned
     * session's (a fresh one replaces it while its threads may still send objects of its classes).
     */
    private static final Set<SnippetLoader> OPEN = ConcurrentHashMap.newKeySet();

    SnippetLoader(Path directory) {
        this.directory = directory;
        this.loader = new Loader();
        ThreadGroup group = Cell.Group.outsideCells();
        this.writer = java.util.concurrent.Executors.newSingleThreadExecutor(
                r -> Cell.Ahead.newThread(group, r, "pyconcurrent-class-files"));
        OPEN.add(this);
        Wire.snippetClassWriter(SnippetLoader::writeAll);
    }

    Path directory() { return directory; }
    ClassLoader classLoader() { return loader; }

    private final class Loader extends URLClassLoader {
        private final Map<String, byte[]> pending = new ConcurrentHashMap<>();

        Loader() {
            super("jshell-snippets", new URL[0], ClassLoader.getSystemClassLoader());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = pending.get(name);
            if (b != null) return defineClass(name, b, 0, b.length);
            return super.findClass(name);
        }

        void add(String path) throws IOException {
            addURL(Paths.get(path).toUri().toURL());
        }
    }

    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException {
        CellTrace.markInCell(CellTrace.Stage.LOAD);
        boolean[] installed = new boolean[cbcs.length];
        int i = 0;
        for (ClassBytecodes c : cbcs) {
            loader.pending.put(c.name(), SnippetWeaver.weave(c.bytecodes()));
        }
        try {
            for (ClassBytecodes c : cbcs) {
                Class.forName(c.name(), false, loader);
                installed[i++] = true;
            }
            synchronized (this) {
                unwritten.addAll(List.of(cbcs));
            }
            CellTrace.markInCell(CellTrace.Stage.LOADED);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ClassInstallException("load: " + e, installed);
        }
    }

    /** Writes the class files of every open session that are not on disk yet (see the class's comment). */
    static void writeAll() {
        for (SnippetLoader l : OPEN) l.awaitWritten();
    }

    /**
     * Writes the class files of every snippet loaded so far that are not on disk yet and waits
     * until they are; gives up with a warning after {@value #WRITE_TIMEOUT_SECONDS} s. An
     * interrupt does not cut the wait short: it stays set for the code that follows.
     */
    void awaitWritten() {
        java.util.concurrent.Future<?> f;
        synchronized (this) {
            if (!unwritten.isEmpty()) {
                ClassBytecodes[] files = unwritten.toArray(ClassBytecodes[]::new);
                unwritten.clear();
                try {
                    writing = writer.submit(() -> {
                        for (ClassBytecodes c : files) write(c);
                    });
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    return; // closed: its session is over
                }
            }
            f = writing;
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(WRITE_TIMEOUT_SECONDS);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    f.get(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (java.util.concurrent.ExecutionException e) {
                    return; // write() reports its own failures
                } catch (java.util.concurrent.TimeoutException e) {
                    System.getLogger(SnippetLoader.class.getName()).log(System.Logger.Level.WARNING,
                            "class files for child processes not written after " + WRITE_TIMEOUT_SECONDS + " s");
                    return;
                }
            }
        } finally {
            if (interrupted) java.lang.Thread.currentThread().interrupt();
        }
    }

    /** Ends the writer once it has written what it was given; waits for its thread up to {@value #WRITE_TIMEOUT_SECONDS} s. */
    @Override
    public void close() {
        OPEN.remove(this);
        writer.shutdown();
        try {
            writer.awaitTermination(WRITE_TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            java.lang.Thread.currentThread().interrupt();
        }
    }

    /** The class file for child processes; best effort: a full disk must not stop the cell itself. */
    private void write(ClassBytecodes c) {
        try {
            Path f = directory.resolve(c.name().replace('.', '/') + ".class");
            try {
                Files.write(f, c.bytecodes());
            } catch (java.nio.file.NoSuchFileException e) {
                // its package's directory, made once (making one that exists costs an exception each time)
                Files.createDirectories(f.getParent());
                Files.write(f, c.bytecodes());
            }
        } catch (IOException e) {
            System.getLogger(SnippetLoader.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot write " + c.name() + " for child processes: " + e);
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] cbcs) {
        for (ClassBytecodes c : cbcs) loader.pending.put(c.name(), SnippetWeaver.weave(c.bytecodes()));
    }

    @Override
    public void addToClasspath(String path) throws InternalException {
        try {
            for (String p : path.split(java.io.File.pathSeparator)) if (!p.isEmpty()) loader.add(p);
        } catch (IOException e) {
            throw new InternalException("addToClasspath: " + e);
        }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        return Class.forName(name, false, loader);
    }
}
