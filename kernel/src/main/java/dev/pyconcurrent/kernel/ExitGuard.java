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
        SecurityManager exitsOnly = new SecurityManager() {
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
        };
        withoutJdkWarning(() -> System.setSecurityManager(exitsOnly));
    }

    /**
     * JDK 17–23 print four lines to the JVM's first stderr when a SecurityManager is set
     * ("WARNING: A terminally deprecated method … Please consider reporting this to the maintainers
     * of dev.pyconcurrent.kernel.ExitGuard"). Every front end shows the kernel's stderr (the
     * console's banner, the notebook server's log), and the lines address the kernel's maintainers,
     * who know: the SecurityManager is the JDK 17 fallback described above, gone on 24+. The JDK
     * writes them to {@code System.initialErrStream}, not {@code System.err}, and no option turns
     * them off ({@code -Djava.security.manager=allow} does not; setting the manager on the command
     * line prints two other lines): that stream is swapped for a null one for this one call. If the
     * field cannot be reached, the warning is printed as usual.
     */
    @SuppressWarnings({"removal", "deprecation"})
    private static void withoutJdkWarning(Runnable call) {
        if (Runtime.version().feature() >= 24) {
            call.run();   // refused without a warning (and Unsafe's field access warns there itself)
            return;
        }
        sun.misc.Unsafe unsafe;
        Object base;
        long offset;
        try {
            java.lang.reflect.Field theUnsafe = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            unsafe = (sun.misc.Unsafe) theUnsafe.get(null);
            java.lang.reflect.Field initialErr = System.class.getDeclaredField("initialErrStream");
            base = unsafe.staticFieldBase(initialErr);
            offset = unsafe.staticFieldOffset(initialErr);
        } catch (ReflectiveOperationException | RuntimeException e) {
            call.run();
            return;
        }
        Object saved = unsafe.getObjectVolatile(base, offset);
        unsafe.putObjectVolatile(base, offset, new PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            call.run();
        } finally {
            unsafe.putObjectVolatile(base, offset, saved);
        }
    }
}
