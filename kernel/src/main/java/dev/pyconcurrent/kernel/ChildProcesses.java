package dev.pyconcurrent.kernel;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The processes cells start ({@code Popen}, a shell's pipeline, multiprocessing's child JVMs): the
 * kernel's descendants, found through {@link ProcessHandle} so that whatever starts a process in
 * the kernel's JVM is covered without registering it. At shutdown and restart they are terminated,
 * then killed after {@link #GRACE_MS}, as ipykernel does; after an interrupt, the processes the
 * interrupt orphaned (a pipeline's members once the runtime killed their shell) likewise.
 */
final class ChildProcesses {
    static final long GRACE_MS = 2000;

    private ChildProcesses() {}

    /** A descendant and its parent when the snapshot was taken. */
    record Member(ProcessHandle process, ProcessHandle parent) {}

    /** The kernel's descendants below its own children (their parent is not the kernel). */
    static List<Member> grandchildren() {
        long kernel = ProcessHandle.current().pid();
        List<Member> out = new ArrayList<>();
        ProcessHandle.current().descendants().forEach(p -> p.parent().ifPresent(parent -> {
            if (parent.pid() != kernel) out.add(new Member(p, parent));
        }));
        return out;
    }

    /** Terminates every descendant of the kernel, then kills those still alive after the grace period. */
    static void terminateAll(PrintStream log) {
        terminate(ProcessHandle.current().descendants().toList(), log);
    }

    /**
     * After an interrupted cell: the members of {@code snapshot} whose parent exits within the
     * grace period (the runtime kills the process it waited for) are terminated with it, as a
     * terminal's Ctrl-C reaches the whole process group. A member whose parent lives on stays.
     */
    static void terminateOrphaned(List<Member> snapshot, PrintStream log) {
        long deadline = System.nanoTime() + GRACE_MS * 1_000_000L;
        List<ProcessHandle> orphaned = new ArrayList<>();
        for (Member m : snapshot) {
            if (m.process.isAlive() && exits(m.parent, deadline)) orphaned.add(m.process);
        }
        terminate(orphaned, log);
    }

    private static boolean exits(ProcessHandle p, long deadline) {
        try {
            p.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return !p.isAlive();
        } catch (InterruptedException e) {
            java.lang.Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGTERM, then SIGKILL for whatever is still alive after the grace period. */
    static void terminate(List<ProcessHandle> processes, PrintStream log) {
        if (processes.isEmpty()) return;
        processes.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + GRACE_MS * 1_000_000L;
        int killed = 0;
        for (ProcessHandle p : processes) {
            if (!exits(p, deadline) && p.destroyForcibly()) killed++;
        }
        log.println("pyconcurrent kernel: terminated " + processes.size() + " child process(es)"
                + (killed > 0 ? ", killed " + killed + " that outlived " + GRACE_MS + " ms" : ""));
    }
}
