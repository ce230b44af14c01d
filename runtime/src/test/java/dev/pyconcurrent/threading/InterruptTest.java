package dev.pyconcurrent.threading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.builtins.Action0;
import dev.pyconcurrent.builtins.KeyboardInterrupt;
import dev.pyconcurrent.testing.Spawned;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the Jupyter kernel relies on: interrupting the thread group a cell ran in reaches every
 * thread the cell started, wherever it blocks, as {@link KeyboardInterrupt} through the
 * excepthook.
 */
class InterruptTest extends Support {
    @Test
    void groupInterruptReachesEveryBlockedThread() throws InterruptedException {
        Lock held = new Lock();
        held.acquire();
        Semaphore empty = new Semaphore(0);
        Event never = new Event();
        Condition cond = new Condition();
        Barrier barrier = new Barrier(99);
        Event gate = new Event();
        Thread sleeper = new Thread(Support::gatekeeper, gate);
        // joined by one blocker: started outside the group, so the interrupt cannot end it first
        // (a join whose thread dies as the interrupt arrives may return normally instead)
        Thread outsider = new Thread(Support::gatekeeper, gate);
        outsider.start();
        List<Action0> blockers = List.of(held::acquire, () -> held.acquire(60), empty::acquire, () -> empty.acquire(60),
                never::await, () -> never.await(60), () -> {
                    try (var c = cond.enter()) {
                        cond.await();
                    }
                }, () -> {
                    try (var c = cond.enter()) {
                        cond.awaitFor(() -> false, 60);
                    }
                }, barrier::await, () -> {
                    outsider.join();
                }, () -> new Timer(60, Support::worker).run());
        List<String> hooked = Collections.synchronizedList(new ArrayList<>());
        Threading.setExcepthook(args -> hooked.add(args.excValue().getClass().getSimpleName()));
        ThreadGroup cell = new ThreadGroup("cell");
        List<Thread> started = Collections.synchronizedList(new ArrayList<>());
        java.lang.Thread runner = new java.lang.Thread(cell, () -> {
            sleeper.start();
            for (Action0 b : blockers) {
                Thread t = new Thread(b);
                t.start();
                started.add(t);
            }
        });
        try {
            runner.start();
            runner.join(10_000);
            // every thread is running; wait until each one is parked, then interrupt the group
            for (Thread t : started) {
                Spawned.until(() -> t.javaThread().getState() != java.lang.Thread.State.RUNNABLE);
            }
            cell.interrupt();
            for (Thread t : started) {
                t.join(10);
                assertFalse(t.isAlive(), t.toString());
            }
            sleeper.join(10);
            assertFalse(sleeper.isAlive(), "the sleeper, started in the group too, is interrupted as well");
            assertEquals(Collections.nCopies(blockers.size() + 1, "KeyboardInterrupt"), hooked);
        } finally {
            Threading.setExcepthook(null);
            gate.set();
            held.release();
            outsider.join(10);
        }
        assertTrue(barrier.nWaiting() == 0);
    }

    @Test
    void joinAndStartAreInterruptible() {
        Event gate = new Event();
        Thread t = new Thread(Support::gatekeeper, gate);
        t.start();
        assertThrows(KeyboardInterrupt.class, () -> {
            java.lang.Thread.currentThread().interrupt();
            t.join();
        });
        assertTrue(java.lang.Thread.interrupted());
        assertThrows(KeyboardInterrupt.class, () -> {
            java.lang.Thread.currentThread().interrupt();
            t.join(30);
        });
        assertTrue(java.lang.Thread.interrupted());
        gate.set();
        t.join();
    }
}
