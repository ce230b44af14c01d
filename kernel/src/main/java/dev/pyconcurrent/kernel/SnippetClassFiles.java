package dev.pyconcurrent.kernel;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;

import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Forgets, in JShell's in-memory file manager, the class file of a snippet that no later snippet
 * can name: a statement or an expression that is not a {@code $N} value (nothing to import), and
 * a {@code $N} value the kernel has dropped. Why: JShell keeps the class file of every snippet it
 * ever compiled, and on every javac task (three or four a cell) javac lists package {@code REPL}
 * (all of them) and enters a symbol for each; profiled, that listing was most of the growth of a
 * trivial cell's time with the number of cells before it (docs/kernel.adoc, Measured). Only the
 * compiler's copy is forgotten: the class stays loaded and written for child processes
 * ({@link SnippetLoader}), and the snippets that can be named (declarations, imports, the kept
 * {@code $N}) keep theirs, so every later snippet compiles exactly as before.
 *
 * <p>JShell has no API for this: the class files are read through {@code jdk.jshell}'s internals,
 * opened to the kernel by {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED} (the kernelspec's
 * {@link dev.pyconcurrent.kernel.client.KernelCommand#JVM_FLAGS}). Where that is missing (an older
 * kernelspec) or JShell's internals differ, nothing is forgotten (the kernel says so once on its
 * stderr) and cells just get slower with the session's length, as before. Not thread-safe: call
 * with the session's lock held, as for every other use of the JShell.
 */
final class SnippetClassFiles {
    /** JShell's class files by class name ({@code MemoryFileManager.classObjects}); null when unreachable. */
    private final Map<String, ?> classFiles;
    private final Method classFullName;

    private SnippetClassFiles(Map<String, ?> classFiles, Method classFullName) {
        this.classFiles = classFiles;
        this.classFullName = classFullName;
    }

    /** The class files of {@code jshell}'s session, or a no-op when JShell's internals cannot be reached. */
    @SuppressWarnings("unchecked")
    static SnippetClassFiles of(JShell jshell, PrintStream log) {
        try {
            Object taskFactory = field(JShell.class, "taskFactory").get(jshell);
            Object fileManager = field(taskFactory.getClass(), "fileManager").get(taskFactory);
            Map<String, ?> classFiles = (Map<String, ?>) field(fileManager.getClass(), "classObjects").get(fileManager);
            Method name = Snippet.class.getDeclaredMethod("classFullName");
            name.setAccessible(true);
            return new SnippetClassFiles(classFiles, name);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.println("pyconcurrent kernel: JShell's class files cannot be trimmed (" + e
                    + "); cells get slower as the session grows. The kernelspec needs --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED");
            return new SnippetClassFiles(null, null);
        }
    }

    private static Field field(Class<?> owner, String name) throws NoSuchFieldException {
        Field f = owner.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    /** Whether the class files are trimmed (JShell's internals were reached). */
    boolean active() { return classFiles != null; }

    /** How many class files JShell keeps for javac. */
    int count() { return classFiles == null ? -1 : classFiles.size(); }

    /** Forgets {@code s}'s class file if no later snippet can name {@code s}. */
    void afterEval(Snippet s) {
        if (!s.kind().isPersistent()) forget(s);
    }

    /** Forgets the class file of a snippet the kernel has dropped. */
    void dropped(Snippet s) {
        forget(s);
    }

    private void forget(Snippet s) {
        if (classFiles == null) return;
        try {
            String name = (String) classFullName.invoke(s);
            // the wrapper class and its nested ones (anonymous classes, lambdas' are not files)
            classFiles.keySet().removeIf(k -> k.equals(name) || k.startsWith(name + "$"));
        } catch (ReflectiveOperationException | RuntimeException e) {
            // not forgotten: only slower
        }
    }
}
