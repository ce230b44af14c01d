package dev.pyconcurrent.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.threading.Event;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Worker threads do not keep the JVM alive, and (like CPython's exit handler) the calls
 * still queued when {@code main} returns are run before the JVM exits.
 */
class ExitTest extends Support {
    /** A program that leaves an executor with queued work and returns from main. */
    public static void main(String[] args) {
        java.lang.Thread main = java.lang.Thread.currentThread();
        ThreadPoolExecutor e = new ThreadPoolExecutor(1);
        e.submit(() -> main.join()); // holds the worker until main has returned
        for (int i = 0; i < 3; i++) {
            int n = i;
            e.submit(() -> Py.print("queued call", n));
        }
        Py.print("main returns");
    }

    /** Runs {@code main} of {@code program} in a child JVM with this class path; its exit status and output. */
    static String runJava(Class<?> program) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), program.getName())
                .redirectErrorStream(true).start();
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the JVM exits");
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.exitValue() + "\n" + out;
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void queuedCallsRunAtExitAndTheJvmEnds() throws Exception {
        assertEquals(List.of("0", "main returns", "queued call 0", "queued call 1", "queued call 2"), runJava(ExitTest.class).lines().toList());
    }

    /** After exit began, submit raises CPython's interpreter-shutdown error: checked in a child JVM's shutdown hook. */
    public static final class SubmitDuringExit {
        public static void main(String[] args) {
            ThreadPoolExecutor e = new ThreadPoolExecutor(1);
            Event gate = new Event();
            e.submit(() -> gate.await(10)); // a busy worker cannot mark its executor shut down
            Runtime.getRuntime().addShutdownHook(new java.lang.Thread(() -> {
                // hooks run concurrently: submit until the executor's exit hook has run
                long end = System.nanoTime() + 10_000_000_000L;
                try {
                    while (System.nanoTime() < end) {
                        try {
                            e.submit(() -> 1);
                        } catch (RuntimeException x) {
                            System.out.println(dev.pyconcurrent.builtins.Traceback.formatExceptionOnly(x).strip());
                            return;
                        }
                        java.lang.Thread.onSpinWait();
                    }
                } finally {
                    gate.set();
                }
            }));
        }
    }

    @Test
    void submitDuringExit() throws Exception {
        assertEquals("0\nRuntimeError: cannot schedule new futures after interpreter shutdown", runJava(SubmitDuringExit.class).strip());
    }
}
