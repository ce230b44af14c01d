package dev.pyconcurrent.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static dev.pyconcurrent.multiprocessing.Attempt.attempt;
import static dev.pyconcurrent.multiprocessing.Attempt.run;
import static dev.pyconcurrent.testing.CPython.assertPrints;

import dev.pyconcurrent.builtins.EOFError;
import dev.pyconcurrent.builtins.OSError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.multiprocessing.connection.Connection;
import dev.pyconcurrent.multiprocessing.connection.Connections;
import dev.pyconcurrent.multiprocessing.connection.Hub;
import dev.pyconcurrent.multiprocessing.connection.Listener;
import dev.pyconcurrent.testing.NoChildLeft;
import dev.pyconcurrent.testing.NoThreadLeft;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Connections given to child JVMs: re-established through the parent's hub, directly or relayed. */
@ExtendWith({NoThreadLeft.class, NoChildLeft.class})
class PipeAcrossProcessesTest {
    static final Context SPAWN = Multiprocessing.getContext("spawn");

    @BeforeAll
    static void hub() {
        Hub.get();
    }

    /** Echoes objects and byte messages until None. */
    static void echo(Connection c) {
        for (Object o; (o = c.recv()) != null; ) {
            if (o instanceof String s && s.equals("bytes")) c.sendBytes(c.recvBytes());
            else c.send(o);
        }
        c.close();
    }

    private static void roundTrips(Connection a) {
        for (int i = 0; i < 100; i++) {
            a.send(Tuple.of("ping", i, 1.5));
            assertEquals(Tuple.of("ping", i, 1.5), a.recv());
        }
        a.send("bytes");
        byte[] big = new byte[200_000];
        big[199_999] = 7;
        a.sendBytes(big);
        assertArrayEquals(big, a.recvBytes());
    }

    @Test
    void anEndNeverUsedHereGivesTheChildADirectSocket() {
        Connection[] ab = SPAWN.Pipe();
        Process p = SPAWN.Process(PipeAcrossProcessesTest::echo, ab[1]);
        p.start();
        ab[1].close(); // as CPython code does after start: the child's end is unaffected
        roundTrips(ab[0]);
        ab[0].send(null);
        assertThrows(EOFError.class, ab[0]::recv);
        p.join();
        assertEquals(0, p.exitcode());
        ab[0].close();
    }

    @Test
    void anEndAlreadyUsedHereIsRelayed() {
        Connection[] ab = SPAWN.Pipe();
        ab[0].send("before");
        ab[0].send("queued for the child");
        assertEquals("before", ab[1].recv());
        Process p = SPAWN.Process(PipeAcrossProcessesTest::echo, ab[1]);
        p.start();
        assertThrows(OSError.class, ab[1]::recv); // moved: closed here
        assertEquals("queued for the child", ab[0].recv());
        roundTrips(ab[0]);
        ab[0].send(null);
        p.join();
        assertEquals(0, p.exitcode());
        ab[0].close();
    }

    static void dial(Object address) {
        try (Connection c = Connections.Client(address, Multiprocessing.currentProcess().authkey())) {
            c.send(Multiprocessing.currentProcess().name());
        }
    }

    @Test
    void aChildDialsTheParentsListenerWithTheInheritedAuthkey() {
        try (Listener listener = new Listener(null, Multiprocessing.currentProcess().authkey())) {
            Process p = SPAWN.Process(PipeAcrossProcessesTest::dial, listener.address());
            p.start();
            try (Connection c = listener.accept()) {
                assertEquals(p.name(), c.recv());
            }
            p.join();
            assertEquals(0, p.exitcode());
        }
    }

    @Test
    void aOneWayEndWorksInTheChild() {
        Connection[] rw = SPAWN.Pipe(false);
        Process p = SPAWN.Process(w -> {
            w.send("from the child");
            w.close();
        }, rw[1]);
        p.start();
        assertEquals("from the child", rw[0].recv());
        p.join();
        rw[0].close();
    }

    // ------------------------------------------------------------------ a child that never uses its end

    static final String REFERENCE = "multiprocessing_connection";
    /** Generous: a regression fails here instead of hanging the build. */
    static final Duration BOUND = Duration.ofSeconds(60);

    static void holdBriefly(Connection c) {}

    static void holdLong(Connection c) {
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(60)); // killed long before
    }

    /** CPython's {@code peer_gone}: the other end went to a child that ends without using it. */
    private static void peerGone(boolean kill, boolean used) {
        Connection[] ab = SPAWN.Pipe();
        Connection a = ab[0];
        if (used) {
            a.send("before");
            Py.print(ab[1].recv());
        }
        Process p = kill ? SPAWN.Process(PipeAcrossProcessesTest::holdLong, ab[1]) : SPAWN.Process(PipeAcrossProcessesTest::holdBriefly, ab[1]);
        p.start();
        ab[1].close();
        if (kill) {
            Py.print(a.poll(0.2)); // the child lives on: nothing to read yet (it used to wait for the child)
            p.kill();
        }
        p.join();
        Py.print(p.exitcode());
        attempt(() -> a.poll(10));
        attempt(a::recv);
        attempt(run(() -> a.send("x")));
        attempt(run(() -> a.sendBytes("x".getBytes())));
        attempt(a::recvBytes);
        a.close();
    }

    @Test
    void theEndOfAChildThatExitedWithoutUsingItIsAClosedPeer() {
        assertTimeoutPreemptively(BOUND, () -> assertPrints(REFERENCE, "peer_child_exited", () -> peerGone(false, false)));
    }

    @Test
    void theEndOfAKilledChildIsAClosedPeer() {
        assertTimeoutPreemptively(BOUND, () -> assertPrints(REFERENCE, "peer_child_killed", () -> peerGone(true, false)));
    }

    @Test
    void aRelayedEndOfAChildThatExitedWithoutUsingItIsAClosedPeer() {
        assertTimeoutPreemptively(BOUND, () -> assertPrints(REFERENCE, "peer_child_exited_after_use", () -> peerGone(false, true)));
    }

    static void takeAndExit(Queue<Object> q) {
        q.get();
    }

    /** CPython's {@code peer_through_queue}: the end arrives through a queue, and the child ends without using it. */
    @Test
    void anEndAChildGotThroughAQueueAndNeverUsedIsAClosedPeer() {
        assertTimeoutPreemptively(BOUND, () -> assertPrints(REFERENCE, "peer_through_queue", () -> {
            Connection[] ab = SPAWN.Pipe();
            Connection a = ab[0];
            Queue<Object> q = SPAWN.Queue();
            Process p = SPAWN.Process(PipeAcrossProcessesTest::takeAndExit, q);
            p.start();
            q.put(ab[1]);
            q.close();
            q.joinThread();
            ab[1].close();
            p.join();
            Py.print(p.exitcode());
            attempt(() -> a.poll(10));
            attempt(a::recv);
            attempt(run(() -> a.send("x")));
            attempt(a::recvBytes);
            a.close();
        }));
    }

    static void sendAndExit(Connection c) {
        c.send("result");
    }

    @Test
    void whatAChildSentJustBeforeItEndedIsDeliveredNotOrphaned() {
        assertTimeoutPreemptively(BOUND, () -> {
            Connection[] ab = SPAWN.Pipe();
            Process p = SPAWN.Process(PipeAcrossProcessesTest::sendAndExit, ab[1]);
            p.start();
            ab[1].close();
            p.join(); // its exit is known before the parent reads: the end was taken, so it is not orphaned
            assertEquals("result", ab[0].recv());
            assertThrows(EOFError.class, ab[0]::recv);
            ab[0].close();
        });
    }
}
