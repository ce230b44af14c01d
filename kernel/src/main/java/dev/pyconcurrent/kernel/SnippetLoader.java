package dev.pyconcurrent.kernel;

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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads JShell's snippet classes in the kernel's JVM (parent: the system class loader, which holds
 * the runtime), with stop points woven in ({@link SnippetWeaver}) so an interrupt can end their
 * loops, and also writes every snippet class file, as javac wrote it, under {@link #directory()},
 * so a child process (multiprocessing) can put that directory on its class path and load the same
 * classes.
 *
 * <p>The class files are written by a thread of their own while JShell finishes the snippet
 * (creating a file costs 0.3–0.6 ms on an ext4 disk here, a cell's trivial code 0.05 ms);
 * {@link #awaitWritten} holds a snippet's code back until every class loaded so far is on disk,
 * so the code, and any child process it starts, finds them there as before.
 */
final class SnippetLoader implements LoaderDelegate, AutoCloseable {
    /** How long a snippet's code waits for its class files (a disk that hangs must not hang the cell). */
    static final long WRITE_TIMEOUT_SECONDS = 10;
    private final Path directory;
    private final Loader loader;
    /** Its thread is made beside the cells' groups, whichever cell's thread first hands it work. */
    private final java.util.concurrent.ExecutorService writer;
    /** The last batch of class files handed to the writer (it writes them in order). */
    private volatile java.util.concurrent.Future<?> writing = java.util.concurrent.CompletableFuture.completedFuture(null);

    SnippetLoader(Path directory) {
        this.directory = directory;
        this.loader = new Loader();
        ThreadGroup group = Cell.Group.outsideCells();
        this.writer = java.util.concurrent.Executors.newSingleThreadExecutor(
                r -> Cell.Ahead.newThread(group, r, "pyconcurrent-class-files"));
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
            ClassBytecodes[] files = cbcs.clone();
            writing = writer.submit(() -> {
                for (ClassBytecodes c : files) write(c);
            });
            CellTrace.markInCell(CellTrace.Stage.LOADED);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ClassInstallException("load: " + e, installed);
        }
    }

    /**
     * Waits until the class files of every snippet loaded so far are written (call before a
     * snippet's code runs); gives up with a warning after {@value #WRITE_TIMEOUT_SECONDS} s. An
     * interrupt does not cut the wait short: it stays set for the code that follows.
     */
    void awaitWritten() {
        java.util.concurrent.Future<?> f = writing;
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
