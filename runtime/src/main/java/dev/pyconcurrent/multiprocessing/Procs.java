package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.multiprocessing.connection.Hub;
import dev.pyconcurrent.multiprocessing.synchronize.SemLock;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This JVM's place in the process tree (CPython's module state of {@code multiprocessing.process}):
 * the current process, its parent, the counter behind default names, the live children. At exit
 * (a hook of the {@link Hub}) daemonic children are terminated and the others joined, as
 * CPython's {@code util._exit_function}.
 */
final class Procs {
    private Procs() {}

    private static volatile Process current = new Process("_MainProcess", "MainProcess", null, randomKey());
    private static volatile Process parent;
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Set<Process> CHILDREN = ConcurrentHashMap.newKeySet();

    static {
        Hub.beforeExit(Procs::exitFunction);
        // lock reprs name their owner as <process>|<thread>, with this process's name
        SemLock.processName(() -> current.name());
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    static Process current() {
        return current;
    }

    static Process parent() {
        return parent;
    }

    static int nextCount() {
        return COUNTER.incrementAndGet();
    }

    /** In a child, once its process object has arrived: it becomes the current process, with a fresh counter. */
    static void becomeChild(Process self) {
        parent = new Process("_ParentProcess", self.parentName(), self.parentPid(), null);
        current = self;
        COUNTER.set(0);
        CHILDREN.clear();
    }

    static void addChild(Process p) {
        CHILDREN.add(p);
    }

    static void removeChild(Process p) {
        CHILDREN.remove(p);
    }

    /** CPython's {@code _cleanup}: forgets children that have ended. */
    static void cleanup() {
        CHILDREN.removeIf(p -> p.popen() != null && p.popen().poll() != null);
    }

    static List<Process> activeChildren() {
        cleanup();
        return new ArrayList<>(CHILDREN);
    }

    /** Terminates daemonic children and joins all (CPython's {@code _exit_function}). */
    static void exitFunction() {
        for (Process p : activeChildren()) {
            if (p.daemon()) p.terminate();
        }
        for (Process p : activeChildren()) p.join();
    }
}
