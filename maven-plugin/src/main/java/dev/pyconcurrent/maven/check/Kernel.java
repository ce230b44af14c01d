package dev.pyconcurrent.maven.check;

import dev.pyconcurrent.maven.notebook.Outputs;

/**
 * A running kernel, as the {@code check} goal needs it: execute one cell's Java code with a
 * timeout and collect what it produced (the streams, the execute_result, the error's
 * ename/evalue), interrupt, dump its threads, restart, shut down. The real implementation
 * drives the pyconcurrent kernel over ZeroMQ through the kernel module's client; tests use a
 * scripted fake.
 */
public interface Kernel extends AutoCloseable {

    /** What one execute request gave: the outputs, or a timeout (outputs so far). */
    record Execution(Outputs outputs, boolean timedOut) {
        public static Execution completed(Outputs outputs) {
            return new Execution(outputs, false);
        }

        public static Execution timedOut(Outputs partial) {
            return new Execution(partial, true);
        }
    }

    /**
     * Executes {@code code} and waits for the cell to finish (status idle after the reply),
     * at most {@code timeoutSeconds}; on timeout returns {@link Execution#timedOut} without
     * interrupting (the caller takes a thread dump first).
     */
    Execution execute(String code, double timeoutSeconds) throws KernelException, InterruptedException;

    /** Sends interrupt_request (or SIGINT): stops the running cell and the threads it started. */
    void interrupt() throws KernelException;

    /** The kernel JVM's thread stacks ({@code jcmd Thread.print} or the like), for a timed-out cell. */
    String threadDump();

    /** Restarts the kernel: a fresh namespace. */
    void restart() throws KernelException;

    /** Shuts the kernel down (and kills it if it does not go). */
    @Override
    void close();

    /** Starts kernels: one per notebook, in the notebook's directory. */
    @FunctionalInterface
    interface Factory {
        Kernel start(java.nio.file.Path workingDirectory) throws KernelException;
    }

    /** The kernel failed: did not start, died, or broke the protocol. */
    class KernelException extends Exception {
        public KernelException(String message) {
            super(message);
        }

        public KernelException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
