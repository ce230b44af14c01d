package dev.pyconcurrent.multiprocessing.synchronize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.builtins.KeyboardInterrupt;
import dev.pyconcurrent.multiprocessing.sharedmemory.ResourceTracker;
import dev.pyconcurrent.multiprocessing.testing.ChildJvm;
import dev.pyconcurrent.testing.Spawned;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Cleanup of segments at exit and after a crash, interrupts, and waiters whose process died. */
class LifecycleTest {
    /** The /dev/shm files a process with {@code pid} created for its private segments. */
    static List<Path> segmentsOf(long pid) throws IOException {
        try (Stream<Path> files = Files.list(ResourceTracker.SHM_DIR)) {
            return files.filter(p -> p.getFileName().toString().startsWith(ResourceTracker.PRIVATE_PREFIX + pid + "_")).toList();
        }
    }

    @Test
    void aJvmThatExitsLeavesNoSegmentBehind() throws Exception {
        long pid;
        String block;
        try (ChildJvm child = new ChildJvm(LifecycleChild.class, "block")) {
            pid = Long.parseLong(child.line());
            block = child.line();
            // 1 per lock or semaphore (4), 4 per condition, 5 per event and barrier, 2 per Value and Array
            assertEquals(22, segmentsOf(pid).size());
            assertTrue(Files.exists(ResourceTracker.SHM_DIR.resolve(block)));
            child.send("exit");
        }
        assertEquals(List.of(), segmentsOf(pid));
        assertFalse(Files.exists(ResourceTracker.SHM_DIR.resolve(block)), "a tracked block is unlinked at exit");
    }

    @Test
    void segmentsOfAKilledJvmAreSweptByTheNextOne() throws Exception {
        Lock lock = new Lock();
        lock.acquire();
        ChildJvm killed = new ChildJvm(LifecycleChild.class, "wait", lock);
        long pid = Long.parseLong(killed.line());
        killed.expect("waiting");
        Spawned.until(() -> lock.waiting() == 1);
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
        assertFalse(segmentsOf(pid).isEmpty(), "kill -9 runs no shutdown hook");
        lock.release(); // rings a process that is gone: its waiter is forgotten (futex mode: waiting() sees it is gone)
        assertEquals(0, lock.waiting());
        assertTrue(lock.acquire(false));
        assertEquals(!lock.onFutex(), Files.exists(Doorbell.socketOf(pid)), "only a doorbell waiter has a doorbell");
        try (ChildJvm next = new ChildJvm(LifecycleChild.class, "doorbell")) {
            next.line();
            next.expect("false");
            assertEquals(List.of(), segmentsOf(pid));
            assertFalse(Files.exists(Doorbell.socketOf(pid)), "the dead process's doorbell is swept");
            next.send("exit");
        }
    }

    @Test
    void aCollectedLockUnlinksItsSegment() {
        Path segment = ResourceTracker.SHM_DIR.resolve(new Lock().segment());
        Spawned.until(() -> {
            System.gc();
            return !Files.exists(segment);
        });
        assertFalse(ResourceTracker.isRegistered(segment.getFileName().toString()));
    }

    @Test
    void interruptedAcquireRaisesKeyboardInterruptAndUnregisters() throws Exception {
        Semaphore s = new Semaphore(0);
        AtomicReference<Throwable> seen = new AtomicReference<>();
        try (Spawned threads = new Spawned()) {
            Thread t = threads.start(() -> {
                try {
                    s.acquire();
                } catch (KeyboardInterrupt e) {
                    seen.set(e);
                }
            });
            Spawned.until(() -> s.waiting() == 1);
            t.interrupt();
        }
        assertTrue(seen.get() instanceof KeyboardInterrupt, String.valueOf(seen.get()));
        assertEquals(0, s.waiting());
    }

    @Test
    void anInterruptAtAnyMomentOfTheWaitIsNeverLost() throws Exception {
        // interrupts land before, while and just after the waiter goes to sleep (the futex's race window)
        Semaphore s = new Semaphore(0);
        java.util.concurrent.atomic.AtomicInteger raised = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 0; i < 200; i++) {
            try (Spawned threads = new Spawned()) {
                Thread t = threads.start(() -> {
                    try {
                        s.acquire();
                    } catch (KeyboardInterrupt e) {
                        raised.incrementAndGet();
                    }
                });
                if (i % 3 == 1) Spawned.until(() -> s.waiting() == 1);
                for (int spin = i % 3 == 2 ? i * 50 : 0; spin > 0; spin--) Thread.onSpinWait();
                t.interrupt();
            }
        }
        assertEquals(200, raised.get());
        assertEquals(0, s.waiting());
    }

    @Test
    void interruptedConditionWaitRaisesKeyboardInterruptHoldingTheLock() throws Exception {
        Condition c = new Condition();
        AtomicReference<Throwable> seen = new AtomicReference<>();
        try (Spawned threads = new Spawned()) {
            Thread t = threads.start(() -> {
                try (var held = c.enter()) {
                    c.await();
                } catch (KeyboardInterrupt e) {
                    seen.set(e); // the with block released the lock: it was held again (else AssertionError)
                }
            });
            Spawned.until(() -> c.waiters() == 1);
            c.acquire(); // the waiter must take the lock back after the interrupt: make it wait for it
            t.interrupt();
            Spawned.until(() -> c.waiters() == 0);
            c.release();
        }
        assertTrue(seen.get() instanceof KeyboardInterrupt, String.valueOf(seen.get()));
        assertTrue(c.acquire(false));
        assertEquals(0, c.waiters());
        c.release();
    }

    @Test
    void timedAcquireOfAHeldLockReturnsFalse() {
        Lock lock = new Lock();
        lock.acquire();
        assertFalse(lock.acquire(0.05));
        assertFalse(lock.acquire(true, 0));
        assertEquals(0, lock.waiting());
        lock.release();
        assertTrue(lock.acquire(0.05));
    }
}
