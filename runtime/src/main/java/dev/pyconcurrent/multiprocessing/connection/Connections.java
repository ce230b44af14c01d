package dev.pyconcurrent.multiprocessing.connection;

import dev.pyconcurrent.builtins.KeyboardInterrupt;
import dev.pyconcurrent.builtins.OSError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.multiprocessing.AuthenticationError;
import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The module-level functions of {@code multiprocessing.connection} (the class {@code Connection}
 * taking the module's name, the facade is {@code Connections}): {@code Client}, {@code Pipe},
 * {@code wait}, {@code deliver_challenge}, {@code answer_challenge}.
 *
 * <p>Addresses are CPython's: a {@code String} is an {@code AF_UNIX} path, a {@code Tuple}
 * {@code (host, port)} an {@code AF_INET} address. Linux abstract names (a leading {@code \0})
 * are refused with an OSError: the JDK (17 to 25) cannot bind or connect them.
 */
public final class Connections {
    private Connections() {}

    static final int MESSAGE_LENGTH = 40;
    private static final byte[] CHALLENGE = ascii("#CHALLENGE#"), WELCOME = ascii("#WELCOME#"), FAILURE = ascii("#FAILURE#");
    private static final SecureRandom RANDOM = new SecureRandom();

    // ------------------------------------------------------------------ Pipe / Client

    /** {@code Pipe()}: two connected duplex ends. */
    public static Connection[] Pipe() {
        return Pipe(true);
    }

    /** {@code Pipe(duplex)}: with {@code duplex=False}, the first end only reads, the second only writes. */
    public static Connection[] Pipe(boolean duplex) {
        return new Transfers.PipeLink().ends(duplex);
    }

    /** {@code Client(address)}: a connection to a {@link Listener}, without authentication. */
    public static Connection Client(Object address) {
        return Client(address, null, null);
    }

    /** {@code Client(address, authkey=key)}: answers then delivers the challenge. */
    public static Connection Client(Object address, byte[] authkey) {
        return Client(address, null, authkey);
    }

    /** {@code Client(address, family, authkey)}. */
    public static Connection Client(Object address, String family, byte[] authkey) {
        Addresses.validate(family == null ? Addresses.type(address) : family);
        Connection c = new Connection(Addresses.connect(address), true, true);
        if (authkey != null) {
            try {
                answerChallenge(c, authkey);
                deliverChallenge(c, authkey);
            } catch (RuntimeException e) {
                c.close();
                throw e;
            }
        }
        return c;
    }

    // ------------------------------------------------------------------ wait

    /**
     * {@code wait(object_list, timeout=None)}: the connections of the list that are ready to read
     * (a message or end of file), waiting until at least one is.
     */
    public static List<Connection> wait(List<Connection> objects) {
        return wait(objects, -1, true);
    }

    /** {@code wait(object_list, timeout)}: as {@link #wait(List)}, at most {@code timeout} seconds (negative: 0). */
    public static List<Connection> wait(List<Connection> objects, double timeout) {
        return wait(objects, Math.max(timeout, 0), false);
    }

    private static List<Connection> wait(List<Connection> objects, double timeout, boolean forever) {
        List<Connection> ready = new ArrayList<>();
        for (Connection c : objects) {
            if (c.closed() || c.buffered()) ready.add(c);
        }
        if (!ready.isEmpty()) return ready;
        List<Connection> registered = new ArrayList<>();
        long deadline = System.nanoTime() + (long) (timeout * 1e9);
        try (Selector selector = Selector.open()) {
            for (Connection c : objects) {
                if (!c.attached(deadline, forever)) continue; // its peer is not there yet: nothing to read
                synchronized (c.readLock()) {
                    c.register(selector);
                    // attaching an end whose peer moved to another process takes over the bytes
                    // already read from its socket: the peer's first message may be here already
                    if (c.buffered()) ready.add(c);
                }
                registered.add(c);
            }
            long left = deadline - System.nanoTime();
            if (registered.isEmpty()) return ready;
            if (!ready.isEmpty()) selector.selectNow();
            else if (forever) selector.select();
            else if (left > 0) selector.select(Math.max(1, (long) Math.ceil(left / 1e6)));
            else selector.selectNow();
            for (SelectionKey k : selector.selectedKeys()) {
                if (!ready.contains(k.attachment())) ready.add((Connection) k.attachment());
            }
            if (Thread.interrupted()) throw KeyboardInterrupt.interrupted(new InterruptedException());
        } catch (IOException | ClosedSelectorException e) {
            throw (OSError) new OSError(String.valueOf(e.getMessage())).from(e);
        } finally {
            registered.forEach(Connection::restoreBlocking);
        }
        ready.sort(java.util.Comparator.comparingInt(objects::indexOf));
        return ready;
    }

    // ------------------------------------------------------------------ the challenge

    /** {@code deliver_challenge(connection, authkey)}: the server side (CPython's HMAC-SHA256 form). */
    public static void deliverChallenge(Connection connection, byte[] authkey) {
        checkKey(authkey);
        byte[] random = new byte[MESSAGE_LENGTH];
        RANDOM.nextBytes(random);
        byte[] message = concat(ascii("{sha256}"), random);
        connection.sendBytes(concat(CHALLENGE, message));
        byte[] response = connection.recvBytes(256);
        try {
            verify(authkey, message, response);
        } catch (AuthenticationError e) {
            connection.sendBytes(FAILURE);
            throw e;
        }
        connection.sendBytes(WELCOME);
    }

    /** {@code answer_challenge(connection, authkey)}: the client side. */
    public static void answerChallenge(Connection connection, byte[] authkey) {
        checkKey(authkey);
        byte[] message = connection.recvBytes(256);
        if (!startsWith(message, CHALLENGE)) {
            throw new AuthenticationError("Protocol error, expected challenge: message=" + Py.reprBytes(message));
        }
        message = Arrays.copyOfRange(message, CHALLENGE.length, message.length);
        if (message.length < 20) throw new AuthenticationError("challenge too short: {len(message)} bytes");
        connection.sendBytes(response(authkey, message));
        if (!Arrays.equals(connection.recvBytes(256), WELCOME)) throw new AuthenticationError("digest sent was rejected");
    }

    private static void checkKey(byte[] authkey) {
        if (authkey == null) throw new ValueError("Authkey must be bytes, not <class 'NoneType'>");
    }

    /** CPython's {@code _create_response}: {@code {digest}} + HMAC over the whole message. */
    private static byte[] response(byte[] authkey, byte[] message) {
        String digest = digestName(message);
        if (digest.isEmpty()) return Hmac.mac("md5", authkey, message); // a legacy (≤ 3.11) peer
        return concat(ascii("{" + digest + "}"), Hmac.mac(digest, authkey, message));
    }

    private static void verify(byte[] authkey, byte[] message, byte[] response) {
        String digest = digestName(response);
        byte[] mac = digest.isEmpty() ? response : Arrays.copyOfRange(response, digest.length() + 2, response.length);
        byte[] expected = Hmac.mac(digest.isEmpty() ? "md5" : digest, authkey, message);
        if (expected.length != mac.length) {
            throw new AuthenticationError("expected " + Py.reprString(digest.isEmpty() ? "md5" : digest) + " of length "
                    + expected.length + " got " + mac.length);
        }
        if (!MessageDigest.isEqual(expected, mac)) throw new AuthenticationError("digest received was wrong");
    }

    /** CPython's {@code _get_digest_name_and_payload}: the {@code {name}} prefix, empty for a legacy message. */
    private static String digestName(byte[] message) {
        if (message.length == 20 || message.length == 16) return "";
        if (message.length > 0 && message[0] == '{') {
            for (int i = 1; i < Math.min(message.length, 12); i++) {
                if (message[i] == '}') {
                    String name = new String(message, 1, i - 1, StandardCharsets.US_ASCII);
                    if (Hmac.allowed(name)) return name;
                    break;
                }
            }
        }
        throw new AuthenticationError("unsupported message length, missing digest prefix, or unsupported digest: message="
                + Py.reprBytes(message));
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        return b.length >= prefix.length && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
    }
}
