package dev.pyconcurrent.multiprocessing.connection;

import static dev.pyconcurrent.multiprocessing.Attempt.attempt;
import static dev.pyconcurrent.multiprocessing.Attempt.run;

import static dev.pyconcurrent.testing.CPython.assertPrints;
import static dev.pyconcurrent.testing.CPython.assertRaises;

import dev.pyconcurrent.builtins.EOFError;
import dev.pyconcurrent.builtins.FileNotFoundError;
import dev.pyconcurrent.builtins.OSError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.builtins.TypeError;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.multiprocessing.AuthenticationError;
import dev.pyconcurrent.multiprocessing.BufferTooShort;
import dev.pyconcurrent.testing.NoThreadLeft;
import dev.pyconcurrent.testing.Spawned;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Connections inside one JVM against CPython 3.13's recordings (reference/multiprocessing_connection.py). */
@ExtendWith(NoThreadLeft.class)
class ConnectionTest {
    static final String T = "multiprocessing_connection";

    @BeforeAll
    static void hub() {
        Hub.tempDir(); // the JVM's exit hook thread is made once, not by a test
    }

    @Test
    void closedEnd() {
        assertPrints(T, "closed_end", () -> {
            Connection[] ab = Connections.Pipe();
            Connection a = ab[0];
            Py.print(a.closed(), a.readable(), a.writable(), a.toString().startsWith("<multiprocessing.connection.Connection object at"));
            a.close();
            a.close();
            Py.print(a.closed());
            attempt(run(() -> a.send(1)));
            attempt(a::recv);
            attempt(a::fileno);
            attempt(a::poll);
            attempt(run(() -> a.sendBytes("x".getBytes())));
            ab[1].close();
        });
    }

    @Test
    void oneWayPipe() {
        assertPrints(T, "one_way_pipe", () -> {
            Connection[] rw = Connections.Pipe(false);
            Connection r = rw[0], w = rw[1];
            Py.print(r.readable(), r.writable(), w.readable(), w.writable());
            attempt(run(() -> r.send(1)));
            attempt(w::recv);
            attempt(w::poll);
            w.send("hi");
            Py.print(r.recv());
            r.close();
            w.close();
        });
    }

    @Test
    void sendBytesArguments() {
        assertPrints(T, "send_bytes_arguments", () -> {
            Connection[] ab = Connections.Pipe();
            byte[] abc = "abc".getBytes();
            attempt(run(() -> ab[0].sendBytes(abc, 5)));
            attempt(run(() -> ab[0].sendBytes(abc, -1)));
            attempt(run(() -> ab[0].sendBytes(abc, 1, -1)));
            attempt(run(() -> ab[0].sendBytes(abc, 1, 5)));
            ab[0].sendBytes("abcdef".getBytes(), 1, 3);
            ab[0].sendBytes("abcdef".getBytes(), 2);
            ab[0].sendBytes(new byte[0]);
            Py.print(ab[1].recvBytes(), ab[1].recvBytes(), ab[1].recvBytes());
            closeAll(ab);
        });
    }

    @Test
    void recvBytesMaxlength() {
        assertPrints(T, "recv_bytes_maxlength", () -> {
            Connection[] ab = Connections.Pipe();
            Connection b = ab[1];
            attempt(() -> b.recvBytes(-1));
            ab[0].sendBytes("abcdef".getBytes());
            ab[0].sendBytes("ab".getBytes());
            attempt(() -> b.recvBytes(2));
            Py.print(b.readable(), b.closed());
            Connection[] rw = Connections.Pipe(false);
            rw[1].sendBytes("abcdef".getBytes());
            attempt(() -> rw[0].recvBytes(2));
            Py.print(rw[0].readable(), rw[0].closed());
            closeAll(ab);
            closeAll(rw);
        });
    }

    @Test
    void recvBytesInto() {
        assertPrints(T, "recv_bytes_into", () -> {
            Connection[] ab = Connections.Pipe();
            byte[] buf = new byte[6];
            ab[0].sendBytes("xyz".getBytes());
            Py.print(ab[1].recvBytesInto(buf, 2), "bytearray(" + Py.repr(buf) + ")");
            attempt(() -> ab[1].recvBytesInto(buf, -1));
            attempt(() -> ab[1].recvBytesInto(buf, 7));
            ab[0].sendBytes("toolong".getBytes());
            try {
                ab[1].recvBytesInto(buf);
            } catch (BufferTooShort e) {
                Py.print(Py.repr(e), e.args().get(0));
            }
            closeAll(ab);
        });
    }

    @Test
    void recvAfterPeerClosed() {
        assertRaises(EOFError.class, T, "recv_after_peer_closed", () -> {
            Connection[] ab = Connections.Pipe();
            ab[0].send(1);
            ab[0].close();
            try {
                Py.print(ab[1].recv(), ab[1].poll());
                ab[1].recv();
            } finally {
                ab[1].close();
            }
        });
    }

    @Test
    void objectsRoundTrip() {
        assertPrints(T, "objects_round_trip", () -> {
            Connection[] ab = Connections.Pipe();
            Map<Object, Object> dict = new LinkedHashMap<>();
            dict.put("k", new ArrayList<>(List.of(1, Tuple.of(2))));
            dict.put(3, null);
            List<Object> values = new ArrayList<>(List.of(true, false, 7, -(1L << 40), BigInteger.TWO.pow(70), 1.5,
                    Double.POSITIVE_INFINITY, "h\u00e9llo", Tuple.of(), Tuple.of(1), Tuple.of(1, "a", null),
                    new ArrayList<>(List.of(1, new ArrayList<>(List.of(2.0)))), dict));
            values.add(0, null);
            values.add(9, new byte[] {0, 'x'});
            for (Object v : values) {
                ab[0].send(v);
                Object got = ab[1].recv();
                Py.print(v instanceof byte[] b ? java.util.Arrays.equals(b, (byte[]) got) : got == null ? v == null : Py.eq(got, v) && got.getClass() == v.getClass(),
                        Py.typeName(got), Py.repr(got));
            }
            closeAll(ab);
        });
    }

    @Test
    void objectsOtherThanPythonValuesUseSerialization() {
        Connection[] ab = Connections.Pipe();
        HashMap<String, List<Integer>> immutable = new HashMap<>(Map.of("k", List.of(1, 2)));
        ab[0].send(immutable);
        org.junit.jupiter.api.Assertions.assertEquals(immutable, ab[1].recv());
        TypeError e = org.junit.jupiter.api.Assertions.assertThrows(TypeError.class, () -> ab[0].send(new Object()));
        org.junit.jupiter.api.Assertions.assertEquals("cannot pickle 'Object' object", e.getMessage());
        closeAll(ab);
    }

    @Test
    void pollAndWait() {
        assertPrints(T, "poll_and_wait", () -> {
            Connection[] ab = Connections.Pipe(), cd = Connections.Pipe();
            Connection b = ab[1], d = cd[1];
            Py.print(b.poll(), b.poll(0.01), Connections.wait(List.of(b, d), 0.01));
            cd[0].send(1);
            Py.print(b.poll(0.01), d.poll(1), Connections.wait(List.of(b, d), 1).stream().map(x -> x == d).toList(), d.recv(), d.poll());
            ab[0].send(2);
            cd[0].send(3);
            Py.print(Connections.wait(List.of(b, d)).size(), b.recv(), d.recv());
            closeAll(ab);
            closeAll(cd);
        });
    }

    @Test
    void listenerUnixWithAuthkey() {
        assertPrints(T, "listener_unix_with_authkey", () -> {
            try (Listener listener = new Listener(null, "secret".getBytes()); Spawned threads = new Spawned()) {
                String address = (String) listener.address();
                Py.print(listener.toString().startsWith("<multiprocessing.connection.Listener object at"),
                        address.startsWith("/tmp/pymp-"), address.contains("/listener-"));
                Thread t = threads.start(() -> {
                    try (Connection c = Connections.Client(address, "secret".getBytes())) {
                        c.sendBytes("ping".getBytes());
                        c.send(Tuple.of("obj", 1));
                        Py.print("client got", c.recvBytes());
                    }
                });
                try (Connection conn = listener.accept()) {
                    Py.print("server got", conn.recvBytes(), conn.recv(), Py.repr(listener.lastAccepted()));
                    conn.sendBytes("pong".getBytes());
                }
                Spawned.join(t);
            }
        });
    }

    @Test
    void listenerInet() {
        assertPrints(T, "listener_inet", () -> {
            try (Listener listener = new Listener(Tuple.of("localhost", 0)); Spawned threads = new Spawned()) {
                Tuple address = (Tuple) listener.address();
                Py.print(address.get(0), (Integer) address.get(1) > 0);
                Thread t = threads.start(() -> {
                    try (Connection c = Connections.Client(Tuple.of("localhost", address.get(1)))) {
                        c.sendBytes("over tcp".getBytes());
                    }
                });
                try (Connection conn = listener.accept()) {
                    Py.print(conn.recvBytes(), ((Tuple) listener.lastAccepted()).get(0));
                }
                Spawned.join(t);
            }
        });
    }

    /** The reference's wrong_key(side): the exception each side raises. */
    static RuntimeException wrongKey(String side) throws Exception {
        Map<String, RuntimeException> errors = new java.util.concurrent.ConcurrentHashMap<>();
        try (Listener listener = new Listener(null, "right".getBytes()); Spawned threads = new Spawned()) {
            Thread t = threads.start(() -> {
                try {
                    listener.accept();
                } catch (RuntimeException e) {
                    errors.put("server", e);
                }
            });
            try {
                Connections.Client(listener.address(), "wrong".getBytes());
            } catch (RuntimeException e) {
                errors.put("client", e);
            }
            Spawned.join(t);
        }
        return errors.get(side);
    }

    @Test
    void wrongKeys() {
        assertRaises(AuthenticationError.class, T, "wrong_key_client_side", () -> {
            throw wrongKey("client");
        });
        assertRaises(AuthenticationError.class, T, "wrong_key_listener_side", () -> {
            throw wrongKey("server");
        });
    }

    @Test
    void badArguments() {
        assertRaises(ValueError.class, T, "challenge_key_not_bytes", () -> {
            Connection[] ab = Connections.Pipe();
            try {
                Connections.deliverChallenge(ab[0], null);
            } finally {
                closeAll(ab);
            }
        });
        assertRaises(AuthenticationError.class, T, "answer_not_a_challenge", () -> {
            Connection[] ab = Connections.Pipe();
            try {
                ab[0].sendBytes("hello".getBytes());
                Connections.answerChallenge(ab[1], "k".getBytes());
            } finally {
                closeAll(ab);
            }
        });
        assertRaises(TypeError.class, T, "address_type_unknown", () -> Connections.Client(123));
        assertRaises(ValueError.class, T, "family_unknown", () -> new Listener(null, "AF_PIPE", 1, null));
        assertRaises(OSError.class, T, "accept_after_close", () -> {
            Listener listener = new Listener();
            listener.close();
            listener.close();
            listener.accept();
        });
        assertRaises(FileNotFoundError.class, T, "client_missing_path", () -> Connections.Client("/tmp/pymp-does-not-exist/listener-x"));
    }

    @Test
    void abstractUnixNamesAreRefusedClearly() {
        OSError e = org.junit.jupiter.api.Assertions.assertThrows(OSError.class, () -> new Listener("\0pyconcurrent-test"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("abstract socket names"), e.getMessage());
    }

    static void closeAll(Connection[] ends) {
        for (Connection c : ends) c.close();
    }
}
