package dev.pyconcurrent.kernel;

import dev.pyconcurrent.builtins.SystemExit;

import java.io.PrintStream;
import java.security.Permission;

/**
 * Keeps {@code System.exit} in a cell (or in a thread a cell started) from ending the kernel: the
 * call raises {@code SystemExit(status)} in the cell instead, as {@code sys.exit()} does in IPython.
 * Two mechanisms:
 * <ul>
 *   <li>In a cell's own code, on every JDK: {@link SnippetWeaver} turns {@code System.exit(n)},
 *       {@code Runtime.exit(n)} and {@code Runtime.halt(n)} into calls of {@link #exit(int)},
 *       {@link #exit(Runtime, int)} and {@link #halt(Runtime, int)}.</li>
 *   <li>In code a cell calls (a library that exits): a permissive SecurityManager whose only check
 *       is {@code checkExit}, where the JDK still allows one (17; 18–23 with
 *       {@code -Djava.security.manager=allow}). On JDK 24+ such an exit ends the kernel process
 *       and the front end restarts it.</li>
 * </ul>
 * Outside a cell's threads (the kernel's own shutdown) the calls exit as usual.
 */
public final class ExitGuard {
    private static volatile OutputRouter router;

    private ExitGuard() {}

    static void install(OutputRouter cells, PrintStream log) {
        router = cells;
        try {
            installSecurityManager();
        } catch (UnsupportedOperationException | SecurityException e) {
            log.println("pyconcurrent kernel: System.exit inside a library a cell calls will end the kernel"
                    + " (no SecurityManager on this JDK: " + e.getMessage() + "); in the cell's own code it raises SystemExit");
        }
    }

    /** What a cell's {@code System.exit(status)} calls. */
    public static void exit(int status) {
        checkExit(status);
        System.exit(status);
    }

    /** What a cell's {@code runtime.exit(status)} calls. */
    public static void exit(Runtime runtime, int status) {
        checkExit(status);
        runtime.exit(status);
    }

    /** What a cell's {@code runtime.halt(status)} calls. */
    public static void halt(Runtime runtime, int status) {
        checkExit(status);
        runtime.halt(status);
    }

    private static void checkExit(int status) {
        OutputRouter r = router;
        if (r != null && r.cellOf(java.lang.Thread.currentThread()) != null) throw new SystemExit(status);
    }

    @SuppressWarnings("removal")
    private static void installSecurityManager() {
        System.setSecurityManager(new SecurityManager() {
            @Override
            public void checkExit(int status) {
                ExitGuard.checkExit(status);
            }

            @Override
            public void checkPermission(Permission perm) {
                // everything else is allowed
            }

            @Override
            public void checkPermission(Permission perm, Object context) {
                // everything else is allowed
            }
        });
    }
}
