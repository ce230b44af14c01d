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
 */
final class SnippetLoader implements LoaderDelegate {
    private final Path directory;
    private final Loader loader;

    SnippetLoader(Path directory) {
        this.directory = directory;
        this.loader = new Loader();
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
            write(c);
        }
        try {
            for (ClassBytecodes c : cbcs) {
                Class.forName(c.name(), false, loader);
                installed[i++] = true;
            }
            CellTrace.markInCell(CellTrace.Stage.LOADED);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ClassInstallException("load: " + e, installed);
        }
    }

    /** The class file for child processes; best effort: a full disk must not stop the cell itself. */
    private void write(ClassBytecodes c) {
        try {
            Path f = directory.resolve(c.name().replace('.', '/') + ".class");
            Files.createDirectories(f.getParent());
            Files.write(f, c.bytecodes());
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
