package dev.pyconcurrent.kernel;

import dev.pyconcurrent.builtins.SystemExit;

import java.io.PrintStream;
import java.security.Permission;

/**
 * Keeps {@code System.exit} in a cell (or in a thread a cell started) from ending the kernel: the
 * call raises {@code SystemExit(status)} in the cell instead, as {@code sys.exit()} does in IPython.
 * Uses a permissive SecurityManager whose only check is {@code checkExit}: available on JDK 17
 * (with a deprecation warning on the kernel's log); on JDK 18–23 only when the JVM was started with
 * {@code -Djava.security.manager=allow}; never on JDK 24+. Without it, {@code System.exit} in a cell
 * ends the kernel process and the front end restarts it (the cell's state is lost).
 */
final class ExitGuard extends SecurityManager {
    private final OutputRouter router;

    private ExitGuard(OutputRouter router) {
        this.router = router;
    }

    @SuppressWarnings("removal")
    static boolean install(OutputRouter router, PrintStream log) {
        try {
            System.setSecurityManager(new ExitGuard(router));
            return true;
        } catch (UnsupportedOperationException | SecurityException e) {
            log.println("pyconcurrent kernel: System.exit in a cell will end the kernel (no SecurityManager on this JDK: "
                    + e.getMessage() + ")");
            return false;
        }
    }

    @Override
    public void checkExit(int status) {
        if (router.cellOf(java.lang.Thread.currentThread()) != null) throw new SystemExit(status);
    }

    @Override
    public void checkPermission(Permission perm) {
        // everything else is allowed
    }

    @Override
    public void checkPermission(Permission perm, Object context) {
        // everything else is allowed
    }
}
