package dev.pyconcurrent.kernel;

import dev.pyconcurrent.kernel.client.ExecuteResult;
import dev.pyconcurrent.kernel.client.KernelClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a cell's code is stopped, over the real protocol. An interrupt: the cell ends with
 * {@code KeyboardInterrupt}, the threads it started end too, and the session (the cell's earlier
 * definitions) survives unless a thread is stuck where nothing can reach it (a monitor).
 * {@code System.exit} in a cell: {@code SystemExit}, and the kernel stays. Run
 * against a kernel on this JVM's JDK ({@link StopTest}) and on a JDK without
 * {@code Thread.stop} ({@link StopOnNewerJdkTest}).
 */
@Timeout(120)
abstract class StopContract {
    static final Duration T = Duration.ofSeconds(30);

    abstract KernelClient kernel();

    ExecuteResult run(String code) {
        ExecuteResult r = kernel().execute(code, T);
        assertEquals("ok", r.status(), r.toString());
        return r;
    }

    /** What a cell prints where it wants to be interrupted. */
    static final String MARK = "interrupt me";
    static final String PRINT_MARK = "Py.print(\"" + MARK + "\");";

    /** Runs a cell that never ends by itself; the client interrupts it once it printed {@link #MARK}. */
    ExecuteResult interrupted(String code) {
        ExecuteResult r = kernel().executeAndInterruptAt(code, MARK, T);
        assertFalse(r.timedOut(), r.toString());
        assertEquals("KeyboardInterrupt", r.error().ename(), r.toString());
        return r;
    }

    @Test
    void exitInACellRaisesSystemExitAndTheKernelStays() {
        run("int keptAcrossExit = 9;");
        for (String exit : java.util.List.of("System.exit(3);", "Runtime.getRuntime().exit(4);", "Runtime.getRuntime().halt(5);",
                "var exiter = new Thread(() -> System.exit(6)); exiter.start(); exiter.join(); Py.print(\"after\");")) {
            ExecuteResult r = kernel().execute(exit, T);
            if (exit.contains("exiter")) {
                // in a thread the cell started: that thread ends with SystemExit (silently, as in CPython), the cell goes on
                assertEquals("after\n", r.stdout(), r.toString());
            } else {
                assertEquals("SystemExit", r.error().ename(), r.toString());
                assertEquals(exit.replaceAll("\\D", ""), r.error().evalue());
            }
        }
        assertEquals("9", run("keptAcrossExit").result());
    }

    @Test
    void aBusyLoopIsStoppedAndTheSessionKept() {
        run("int keptAcrossBusyLoop = 7;");
        interrupted(PRINT_MARK + " while (true) { }");
        assertEquals("7", run("keptAcrossBusyLoop").result());
    }

    @Test
    void aRunawayRecursionIsStopped() {
        run("long fibSlow(int n) { return n < 2 ? n : fibSlow(n - 1) + fibSlow(n - 2); }");
        interrupted("{ " + PRINT_MARK + " fibSlow(90); }");
        assertEquals("55", run("fibSlow(10)").result());
    }

    @Test
    void aLoopThatCatchesEverythingIsStoppedAnyway() {
        ExecuteResult r = interrupted("{ " + PRINT_MARK + " while (true) { try { Time.sleep(60); } catch (RuntimeException e) { Py.print(\"caught\", Py.typeName(e)); } } }");
        assertEquals(MARK + "\ncaught KeyboardInterrupt\n", r.stdout(), "the sleep raised, the loop went on, and the next stop point ended it");
    }

    @Test
    void busyThreadsTheCellStartedAreStopped() {
        interrupted("var spinners = new java.util.ArrayList<Thread>();"
                + " for (int i = 0; i < 2; i++) { var s = new Thread(() -> { while (true) { } }); s.daemon(true).start(); spinners.add(s); }"
                + PRINT_MARK + " for (var s : spinners) s.join();");
        assertEquals("False", run("spinners.stream().anyMatch(Thread::isAlive)").result());
    }

    @Test
    void aDeadlockBetweenTwoThreadsOfTheCellEnds() {
        run(String.join("\n",
                "var a = new java.util.concurrent.locks.ReentrantLock();",
                "var b = new java.util.concurrent.locks.ReentrantLock();",
                "var both = new java.util.concurrent.CountDownLatch(2);",
                "Runnable ab = () -> { try { a.lockInterruptibly(); both.countDown(); both.await(); b.lockInterruptibly(); } catch (InterruptedException e) { throw KeyboardInterrupt.interrupted(e); } };",
                "Runnable ba = () -> { try { b.lockInterruptibly(); both.countDown(); both.await(); a.lockInterruptibly(); } catch (InterruptedException e) { throw KeyboardInterrupt.interrupted(e); } };",
                "java.lang.Thread t1, t2;"));
        interrupted("{ t1 = new java.lang.Thread(ab); t2 = new java.lang.Thread(ba); t1.start(); t2.start(); both.await(); " + PRINT_MARK
                + " t1.join(); t2.join(); }");
        assertEquals("False", run("t1.isAlive() || t2.isAlive()").result(), "the threads the cell started were stopped too");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "var held = new Lock(); held.acquire(); held.acquire();",
            "new Queue<Integer>().get();",
            "new Event().await();",
            "var waiting = new Condition(); waiting.acquire(); waiting.await();"})
    void theRuntimesBlockingCallsRaiseKeyboardInterrupt(String cell) {
        java.util.List<String> traceback = interrupted(PRINT_MARK + " " + cell).error().traceback();
        assertEquals("KeyboardInterrupt", traceback.get(traceback.size() - 1), traceback.toString());
    }

    @Test
    void aBlockingWaitIsInterrupted() {
        run("int keptAcrossWait = 8;");
        interrupted(PRINT_MARK + " new java.util.concurrent.CountDownLatch(1).await();");
        assertEquals("8", run("keptAcrossWait").result());
    }

    @Test
    void aCellBlockedOnAMonitorIsAbandonedAndTheKernelGoesOn() {
        // A thread blocked entering a monitor can be neither interrupted nor stopped: the kernel
        // still answers with KeyboardInterrupt and continues in a fresh JShell session.
        run("Object m1 = new Object(), m2 = new Object();\nvar ready = new java.util.concurrent.CountDownLatch(2);");
        interrupted("{ var x = new java.lang.Thread(() -> { synchronized (m1) { ready.countDown(); try { ready.await(); } catch (InterruptedException e) { } synchronized (m2) { } } });"
                + " x.start(); synchronized (m2) { ready.countDown(); ready.await(); " + PRINT_MARK + " synchronized (m1) { } } }");
        assertEquals("2", run("1 + 1").result());
    }

    @Test
    void aFreshSessionWritesItsSnippetClassesToADirectoryOfItsOwn() {
        // an abandoned cell's session is replaced; the new one names its classes $JShell$1… again
        String snippetClassPath = "System.getProperty(\"" + Kernel.SNIPPET_CLASS_PATH + "\")";
        run("Object n1 = new Object(), n2 = new Object();\nvar bothIn = new java.util.concurrent.CountDownLatch(2);");
        String before = unquoted(run(snippetClassPath).result());
        // the class files of a directory (written first, as before a child starts): name, size and modification time (a rewritten file shows)
        String listing = "dev.pyconcurrent.multiprocessing.connection.Wire.writeSnippetClasses();\njava.nio.file.Files.walk(java.nio.file.Path.of(\"%s\")).map(java.nio.file.Path::toFile).filter(java.io.File::isFile)"
                + ".map(f -> f.getName() + \":\" + f.length() + \":\" + f.lastModified()).sorted().toList()";
        String oldFiles = run(listing.formatted(before)).result();
        interrupted("{ var y = new java.lang.Thread(() -> { synchronized (n1) { bothIn.countDown(); try { bothIn.await(); } catch (InterruptedException e) { } synchronized (n2) { } } });"
                + " y.start(); synchronized (n2) { bothIn.countDown(); bothIn.await(); " + PRINT_MARK + " synchronized (n1) { } } }");
        String after = unquoted(run(snippetClassPath).result());
        assertNotEquals(before, after);
        assertTrue(run(listing.formatted(after)).result().contains(".class:"), "the new session's classes are in its directory");
        String oldFilesNow = run(listing.formatted(before)).result();
        for (String file : oldFiles.substring(1, oldFiles.length() - 1).split(", ")) {
            assertTrue(oldFilesNow.contains(file), "the old session's classes are left as they were: " + file + " in " + oldFilesNow);
        }
    }

    private static String unquoted(String repr) {
        assertTrue(repr.startsWith("'") && repr.endsWith("'"), repr);
        return repr.substring(1, repr.length() - 1);
    }
}
