package dev.pyconcurrent.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pyconcurrent.builtins.EOFError;
import dev.pyconcurrent.builtins.OSError;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.multiprocessing.connection.Connection;
import dev.pyconcurrent.multiprocessing.connection.Connections;
import dev.pyconcurrent.multiprocessing.connection.Hub;
import dev.pyconcurrent.multiprocessing.connection.Listener;
import dev.pyconcurrent.testing.NoChildLeft;
import dev.pyconcurrent.testing.NoThreadLeft;
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
}
