package dev.pyconcurrent.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.multiprocessing.connection.Hub;
import dev.pyconcurrent.testing.CPython;
import dev.pyconcurrent.testing.NoChildLeft;
import dev.pyconcurrent.testing.NoThreadLeft;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The forkserver start method: warm JVMs taken from a pool that refills. */
@ExtendWith({NoThreadLeft.class, NoChildLeft.class})
class ForkserverTest {
    static Context forkserver;

    @AfterAll
    static void endPool() throws InterruptedException {
        Forkserver.shutdown(); // other test classes check that this JVM has no child left
    }

    @BeforeAll
    static void pool() throws InterruptedException {
        Hub.get();
        forkserver = Multiprocessing.getContext("forkserver");
        Forkserver.awaitFilled();
    }

    @AfterEach
    void refilled() throws InterruptedException {
        Forkserver.awaitFilled(); // the replacements are the pool's, not the test's
    }

    static void hello(String who) {
        Py.print("hello from", who, Multiprocessing.currentProcess().name());
    }

    @Test
    void warmChildrenRunTargetsWithTheirOutputPumped() {
        int size = Math.max(1, Math.min(Multiprocessing.cpuCount(), 4));
        int idle = Forkserver.idlePids().size();
        assertTrue(idle >= size && idle <= 2 * size, idle + " warm children"); // deeper after back-to-back starts
        String out = CPython.stdout(() -> {
            List<Process> ps = new ArrayList<>();
            for (int i = 0; i < 3; i++) ps.add(forkserver.Process(ForkserverTest::hello, "w" + i));
            for (Process p : ps) {
                p.start();
                p.join();
                assertEquals(0, p.exitcode());
                assertTrue(p.toString().startsWith("<ForkServerProcess name='ForkServerProcess-"), p.toString());
            }
        });
        assertEquals(3, out.lines().count(), out);
        assertTrue(out.startsWith("hello from w0 ForkServerProcess-"), out);
    }

    static void noop() {
        // a start's whole work
    }

    @Test
    void startsBeyondThePoolDeepenIt() throws InterruptedException {
        int size = Math.max(1, Math.min(Multiprocessing.cpuCount(), 4));
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i <= 2 * size; i++) ps.add(forkserver.Process(ForkserverTest::noop));
        ps.forEach(Process::start); // no JVM launches in the time between these: the last ones find the pool empty
        ps.forEach(Process::join);
        Forkserver.awaitFilled();
        assertEquals(2 * size, Forkserver.idlePids().size());
        Forkserver.shutdown(); // back to the first depth for the other tests
        forkserver = Multiprocessing.getContext("forkserver");
        Forkserver.ensureRunning();
        Forkserver.awaitFilled();
    }

    @Test
    void exitCodesAndSignalsAsWithSpawn() {
        Process exits = forkserver.Process(ProcessTest::exit, 7);
        exits.start();
        exits.join();
        assertEquals(7, exits.exitcode());
        Process killed = forkserver.Process(dev.pyconcurrent.time.Time::sleep, 60.0);
        killed.start();
        killed.kill();
        killed.join();
        assertEquals(-9, killed.exitcode());
    }
}
