package dev.pyconcurrent.builtins;

/**
 * Python's {@code KeyboardInterrupt}. pyconcurrent raises it where a Java thread is
 * interrupted inside a blocking call, so an interrupt (the kernel's, or
 * {@code Thread.interrupt()}) is never a silent return.
 */
public class KeyboardInterrupt extends BaseException {
    private static final long serialVersionUID = 1L;

    public KeyboardInterrupt(Object... args) {
        super(args);
    }

    /**
     * The exception to throw for an {@link InterruptedException} caught in a blocking call.
     * The thread's interrupt status is restored, as {@code java.util.concurrent} asks of code
     * that does not rethrow {@code InterruptedException}, so that cleanup that blocks again
     * is interrupted too.
     */
    public static KeyboardInterrupt interrupted(InterruptedException cause) {
        Thread.currentThread().interrupt();
        KeyboardInterrupt k = new KeyboardInterrupt();
        k.initCause(cause);
        return k;
    }
}
