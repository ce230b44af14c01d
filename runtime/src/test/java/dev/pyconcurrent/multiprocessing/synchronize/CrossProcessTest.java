package dev.pyconcurrent.multiprocessing.synchronize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.multiprocessing.sharedmemory.SharedMemory;
import dev.pyconcurrent.multiprocessing.testing.ChildJvm;
import dev.pyconcurrent.testing.Spawned;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Locks, semaphores, events, conditions and barriers shared with real child JVMs. */
class CrossProcessTest {
    @Test
    void twoJvmsIncrementUnderOneLockExactly() throws Exception {
        Lock lock = new Lock();
        SharedMemory counter = new SharedMemory(null, true, 8);
        try (ChildJvm child = new ChildJvm(SyncChild.class, "count", lock, counter, "1000000")) {
            SyncChild.count(lock, counter, 1_000_000);
            child.expect("done");
        } finally {
            counter.unlink();
        }
        assertEquals(2_000_000, counter.buf().getInt(0));
    }

    @Test
    void threadsOfTwoJvmsShareOneLockExactly() throws Exception {
        Lock lock = new Lock();
        SharedMemory counter = new SharedMemory(null, true, 8);
        try (ChildJvm child = new ChildJvm(SyncChild.class, "count", lock, counter, "200000");
                Spawned threads = new Spawned()) {
            for (int t = 0; t < 3; t++) threads.start(() -> SyncChild.count(lock, counter, 200_000));
            child.expect("done");
        } finally {
            counter.unlink();
        }
        assertEquals(800_000, counter.buf().getInt(0));
        assertEquals(0, lock.waiting());
    }

    @Test
    void lockHeldInAnotherJvmTimesOutHereThenIsTaken() throws Exception {
        Lock lock = new Lock();
        try (ChildJvm child = new ChildJvm(SyncChild.class, "hold", lock)) {
            child.expect("held <Lock(owner=MainProcess)>");
            assertEquals("<Lock(owner=SomeOtherProcess)>", lock.toString());
            assertFalse(lock.acquire(0.2));
            assertFalse(lock.acquire(false));
            child.send("release");
            assertTrue(lock.acquire(30));
            child.expect("released");
            lock.release();
        }
    }

    @Test
    void releaseHereWakesAWaiterInAnotherJvm() throws Exception {
        RLock lock = new RLock();
        lock.acquire();
        try (ChildJvm child = new ChildJvm(SyncChild.class, "take", lock)) {
            child.expect("trying");
            Spawned.until(() -> lock.waiting() == 1);
            lock.release();
            child.expect("got true");
        }
    }

    @Test
    void eventSetHereWakesAWaiterInAnotherJvm() throws Exception {
        Event event = new Event();
        try (ChildJvm child = new ChildJvm(SyncChild.class, "event", event)) {
            child.expect("waiting");
            Spawned.until(() -> event.waiters() == 1);
            event.set();
            child.expect("true");
        }
    }

    @Test
    void semaphoreCountsAcrossJvms() throws Exception {
        Semaphore s = new Semaphore(0);
        try (ChildJvm child = new ChildJvm(SyncChild.class, "release", s, "3")) {
            for (int i = 0; i < 3; i++) assertTrue(s.acquire(30));
            child.expect("released");
        }
        assertFalse(s.acquire(0.05));
        assertEquals(0, s.getValue());
    }

    @Test
    void conditionSignalledFromAnotherJvm() throws Exception {
        Condition c = new Condition();
        try (ChildJvm child = new ChildJvm(SyncChild.class, "notify", c)) {
            try (var held = c.enter()) {
                child.send("go");
                assertTrue(c.await(30));
            }
            child.expect("notified");
        }
    }

    @Test
    void barrierActionRunsInTheLastProcessToArrive() throws Exception {
        SharedMemory actions = new SharedMemory(null, true, 8);
        Barrier b = new Barrier(2, () -> actions.buf().putInt(0, actions.buf().getInt(0) + 1));
        try (ChildJvm child = new ChildJvm(SyncChild.class, "barrier-action", b)) {
            int first = b.await(30);
            int second = b.await(30);
            String[] theirs = child.line().split(" ");
            assertEquals(1, first + Integer.parseInt(theirs[0]));
            assertEquals(1, second + Integer.parseInt(theirs[1]));
        } finally {
            actions.unlink();
        }
        assertEquals(2, actions.buf().getInt(0), "the action ran once per cycle, in either JVM");
    }

    @Test
    void barrierAcrossJvmsAndThreads() throws Exception {
        Barrier b = new Barrier(3);
        List<Integer> indexes = new ArrayList<>();
        try (ChildJvm child = new ChildJvm(SyncChild.class, "barrier", b, "2");
                Spawned threads = new Spawned()) {
            threads.start(() -> {
                for (int i = 0; i < 2; i++) b.await(30);
            });
            for (int i = 0; i < 2; i++) indexes.add(b.await(30));
            indexes.add(Integer.parseInt(child.line()));
            indexes.add(Integer.parseInt(child.line()));
        }
        assertEquals(4, indexes.size());
        assertTrue(indexes.stream().allMatch(i -> i >= 0 && i < 3), indexes.toString());
        assertEquals(0, b.nWaiting());
        assertFalse(b.broken());
    }
}
