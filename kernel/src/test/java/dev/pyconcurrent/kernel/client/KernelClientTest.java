package dev.pyconcurrent.kernel.client;

import dev.pyconcurrent.testing.NoThreadLeft;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(120)
class KernelClientTest {

    @Test
    void kernelsStartedInParallelGetTheirOwnPortsAndStopCleanly() {
        List<CompletableFuture<KernelClient>> starts = new ArrayList<>();
        for (int i = 0; i < 2; i++) starts.add(CompletableFuture.supplyAsync(() -> KernelClient.start(KernelClient.options())));
        List<KernelClient> kernels = starts.stream().map(CompletableFuture::join).toList();
        try {
            assertNotEquals(kernels.get(0).connectionInfo().shellPort(), kernels.get(1).connectionInfo().shellPort());
            for (int i = 0; i < kernels.size(); i++) {
                ExecuteResult r = kernels.get(i).execute("Py.print(" + i + " * 10)", Duration.ofSeconds(30));
                assertEquals(i * 10 + "\n", r.stdout());
            }
        } finally {
            kernels.forEach(KernelClient::close);
        }
        for (KernelClient k : kernels) assertFalse(k.process().isAlive());
    }

    @Test
    void interruptFromAnotherThread() throws Exception {
        // The cell says it is running by asking for input (answered at once), then blocks.
        java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(1);
        KernelClient.Options o = KernelClient.options().input(prompt -> {
            running.countDown();
            return "";
        });
        try (KernelClient k = KernelClient.start(o)) {
            CompletableFuture<ExecuteResult> cell = CompletableFuture.supplyAsync(() -> k.execute(
                    "Py.input(\"running\"); new java.util.concurrent.CountDownLatch(1).await();", Duration.ofSeconds(60)));
            assertTrue(running.await(30, java.util.concurrent.TimeUnit.SECONDS), "the cell started");
            k.interrupt();
            ExecuteResult r = cell.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertFalse(r.timedOut());
            assertEquals("KeyboardInterrupt", r.error().ename(), r.toString());
            assertEquals("error", r.status());
        }
    }

    @Test
    void interruptWhenTheCellPrintsAMarkerAndOnTimeout() {
        try (KernelClient k = KernelClient.start()) {
            ExecuteResult marked = k.executeAndInterruptAt("Py.print(\"blocking now\"); new Event().await();", "blocking now",
                    Duration.ofSeconds(60));
            assertFalse(marked.timedOut(), marked.toString());
            assertEquals("blocking now\n", marked.stdout());
            assertEquals("KeyboardInterrupt", marked.error().ename(), marked.toString());
            // the timeout is the client's: whenever it expires, the cell is interrupted
            ExecuteResult t = k.execute("Time.sleep(60);", Duration.ofMillis(300));
            assertTrue(t.timedOut(), t.toString());
            assertEquals("KeyboardInterrupt", t.error().ename());
        }
    }

    @Test
    void interruptWhileWaitingForInput() throws Exception {
        java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        KernelClient.Options o = KernelClient.options().input(prompt -> {
            asked.countDown();
            try {
                release.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "late";
        });
        try (KernelClient k = KernelClient.start(o)) {
            CompletableFuture<ExecuteResult> running = CompletableFuture.supplyAsync(
                    () -> k.execute("Py.input(\"? \")", Duration.ofSeconds(60)));
            assertTrue(asked.await(30, java.util.concurrent.TimeUnit.SECONDS));
            k.interrupt();
            release.countDown();
            ExecuteResult r = running.join();
            assertEquals("KeyboardInterrupt", r.error().ename(), r.toString());
        }
    }

    @Test
    void connectToARunningKernelByItsConnectionFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        try (KernelClient owner = KernelClient.start()) {
            owner.execute("int shared = 41;", Duration.ofSeconds(30));
            java.nio.file.Path file = dir.resolve("kernel.json");
            owner.connectionInfo().write(file);
            try (KernelClient other = KernelClient.connect(file, Duration.ofSeconds(30))) {
                // connecting to a kernel that answers replaces no socket (a kernel still starting
                // may take longer than the client's patience on a loaded machine: not asserted)
                assertEquals(List.of(), other.reconnected());
                assertEquals("42", other.execute("shared + 1", Duration.ofSeconds(30)).result());
            }
            assertTrue(owner.process().isAlive(), "closing a connected client leaves the kernel running");
            assertEquals("41", owner.execute("shared", Duration.ofSeconds(30)).result());
        }
    }

    @Test
    @ExtendWith(NoThreadLeft.class)   // no thread of the client outlives it
    void silentShellAndIopubSocketsAreReplacedAtStartUp() throws Exception {
        // A listener that never speaks (nor accepts: the OS completes the TCP connection): sockets
        // connected to it never finish their handshake, as jeromq 0.6.0 sometimes leaves one.
        KernelClient k;
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            String nowhere = "tcp://127.0.0.1:" + silent.getLocalPort();
            KernelClient.Options o = KernelClient.options().firstConnectTo("shell", nowhere).firstConnectTo("iopub", nowhere)
                    .input(prompt -> "typed");
            try (KernelClient started = KernelClient.start(o)) {
                k = started;
                // both silent sockets were replaced, shell first (iopub's patience starts with the shell's
                // first answer); a replacement may itself need replacing (the very jeromq bug), so not exactly once
                List<String> replaced = k.reconnected();
                assertEquals("shell", replaced.get(0), replaced.toString());
                assertTrue(replaced.contains("iopub") && replaced.stream().allMatch(c -> c.equals("shell") || c.equals("iopub")),
                        replaced.toString());
                // the new sockets carry cells, their output and input (stdin took the shell's new identity)
                ExecuteResult r = k.execute("Py.print(Py.input(\"? \") + 1)", Duration.ofSeconds(30));
                assertEquals("typed1\n", r.stdout(), r.toString());
            }
        }
        assertFalse(k.process().isAlive());
    }

    @Test
    void deadKernelIsReportedNotAwaitedForever() {
        KernelClient.Options o = KernelClient.options().command(List.of("false"));
        assertThrows(KernelClient.KernelException.class, () -> KernelClient.start(o.startupTimeout(Duration.ofSeconds(10))));
    }

    @Test
    void processesACellStartedEndWithTheKernel() throws Exception {
        long pid;
        try (KernelClient k = KernelClient.start()) {
            ExecuteResult r = k.execute("new Popen(List.of(\"sleep\", \"1000\")).pid()", Duration.ofSeconds(30));
            pid = Long.parseLong(r.result());
            assertTrue(ProcessHandle.of(pid).isPresent(), "the child runs");
        }
        java.util.Optional<ProcessHandle> child = ProcessHandle.of(pid);
        if (child.isPresent()) child.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "terminated at shutdown");
    }

    @Test
    void jvmArgsAreAddedToTheKernelspecFlagsAndOverrideTheSameOption() {
        KernelClient.Options o = KernelClient.options().jvmArgs(List.of("-XX:TieredStopAtLevel=4", "-Dpyconcurrent.test.flag=added"));
        try (KernelClient k = KernelClient.start(o)) {
            String vm = "java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)";
            // the kernelspec's flags are still there ...
            assertEquals("'true'", k.execute(vm + ".getVMOption(\"UseParallelGC\").getValue()", Duration.ofSeconds(30)).result());
            assertEquals("'268435456'", k.execute(vm + ".getVMOption(\"NewSize\").getValue()", Duration.ofSeconds(30)).result());
            // ... and an option given again wins over the kernelspec's
            assertEquals("'4'", k.execute(vm + ".getVMOption(\"TieredStopAtLevel\").getValue()", Duration.ofSeconds(30)).result());
            assertEquals("'added'", k.execute("System.getProperty(\"pyconcurrent.test.flag\")", Duration.ofSeconds(30)).result());
        }
    }
}
