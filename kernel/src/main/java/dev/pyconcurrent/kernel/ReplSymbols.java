package dev.pyconcurrent.kernel;

import jdk.jshell.JShell;

import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Map;

/**
 * Sweeps the symbol tables of the javac contexts JShell reuses of the entries its clean-up leaves
 * behind, so a cell's compilation does not get slower with the number of cells before it.
 *
 * <p>Why: JShell compiles every cell in javac contexts it keeps for reuse ({@code JavacTaskPool}),
 * and after every javac task it purges package {@code REPL} from the context's symbol table by
 * walking all of its classes ({@code TaskFactory.runTask} → {@code Symtab.getAllClasses}). Removing
 * a class ({@code Symtab.removeClass}) leaves its name mapped to an empty map, so the table gains
 * an entry for every snippet class ever compiled ({@code $JShell$N}, one or more a cell) and that
 * walk, three or four a cell, grows with the session: profiled in JShell set up as the kernel's,
 * its samples rose from 37 to 81 per 200 trivial cells between cells 51–250 and 1301–1500
 * (docs/kernel.adoc, Measured). Dropping the empty entries changes nothing javac can see (a name
 * mapped to no class reads as absent).
 *
 * <p>JShell has no API for this: the contexts are reached through JShell's and javac's internals,
 * opened to the kernel by {@code --add-opens} of {@code jdk.jshell/jdk.jshell},
 * {@code jdk.compiler/com.sun.tools.javac.api} and {@code jdk.compiler/com.sun.tools.javac.code}
 * (the kernelspec's {@link dev.pyconcurrent.kernel.client.KernelCommand#JVM_FLAGS}). Where they are
 * missing or the internals differ, nothing is swept (the kernel says so once on its stderr) and
 * cells get slower with the session's length, as before. Call with the session's lock held.
 */
final class ReplSymbols {
    /** Evals between sweeps: a sweep walks the table once, as JShell does several times a cell. */
    static final int SWEEP_EVERY = 50;

    /** {@code JavacTaskPool}, whose monitor guards its idle contexts; null when unreachable. */
    private final Object pool;
    private final Field contexts;
    private final Method symtabOf;
    private final Field classes;
    private int evals;

    private ReplSymbols(Object pool, Field contexts, Method symtabOf, Field classes) {
        this.pool = pool;
        this.contexts = contexts;
        this.symtabOf = symtabOf;
        this.classes = classes;
    }

    /** The sweeper of {@code jshell}'s javac contexts, or a no-op when they cannot be reached. */
    static ReplSymbols of(JShell jshell, PrintStream log) {
        try {
            Object taskFactory = open(JShell.class.getDeclaredField("taskFactory")).get(jshell);
            Object pool = open(taskFactory.getClass().getDeclaredField("javacTaskPool")).get(taskFactory);
            Field contexts = open(pool.getClass().getDeclaredField("options2Contexts"));
            Class<?> symtab = Class.forName("com.sun.tools.javac.code.Symtab", false, pool.getClass().getClassLoader());
            Class<?> context = Class.forName("com.sun.tools.javac.util.Context", false, pool.getClass().getClassLoader());
            Method symtabOf = symtab.getMethod("instance", context);
            symtabOf.setAccessible(true);
            return new ReplSymbols(pool, contexts, symtabOf, open(symtab.getDeclaredField("classes")));
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.println("pyconcurrent kernel: javac's symbol tables cannot be swept (" + e
                    + "); cells get slower as the session grows. The kernelspec needs --add-opens"
                    + " jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED and jdk.compiler/com.sun.tools.javac.code=ALL-UNNAMED");
            return new ReplSymbols(null, null, null, null);
        }
    }

    private static Field open(Field f) {
        f.setAccessible(true);
        return f;
    }

    /** Whether the tables are swept (the internals were reached). */
    boolean active() { return pool != null; }

    /** After an eval: every {@value #SWEEP_EVERY} evals, sweeps the idle contexts' tables. */
    void afterEval() {
        if (pool == null || ++evals % SWEEP_EVERY != 0) return;
        sweep();
    }

    /** Removes the names mapped to no class from the symbol table of every idle context; how many. */
    int sweep() {
        if (pool == null) return 0;
        int removed = 0;
        try {
            synchronized (pool) {   // the pool's lock: no task takes a context meanwhile
                for (Object queue : ((Map<?, ?>) contexts.get(pool)).values()) {
                    for (Object ctx : (Collection<?>) queue) {
                        Map<?, ?> table = (Map<?, ?>) classes.get(symtabOf.invoke(null, ctx));
                        int before = table.size();
                        table.values().removeIf(v -> v instanceof Map<?, ?> m && m.isEmpty());
                        removed += before - table.size();
                    }
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // not swept: only slower
        }
        return removed;
    }
}
