package dev.pyconcurrent.multiprocessing.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pyconcurrent.multiprocessing.AuthenticationError;
import dev.pyconcurrent.testing.CPython;
import dev.pyconcurrent.testing.NoChildLeft;
import dev.pyconcurrent.testing.NoThreadLeft;
import dev.pyconcurrent.testing.Spawned;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The wire is CPython's: a real python3.13 Listener/Client and ours complete the challenge and exchange byte messages both ways. */
@ExtendWith({NoThreadLeft.class, NoChildLeft.class})
class InteropTest {
    private static final String PY_LISTENER = String.join("\n",
            "import sys",
            "from multiprocessing.connection import Listener",
            "with Listener(sys.argv[1], authkey=b'secret') as l:",
            "    print('ready', flush=True)",
            "    for i in range(2):",
            "        try:",
            "            with l.accept() as c:",
            "                m = c.recv_bytes()",
            "                c.send_bytes(m[::-1])",
            "                print('echoed', len(m), flush=True)",
            "        except Exception as e:",
            "            print(type(e).__name__, e, flush=True)");

    private static final String PY_CLIENT = String.join("\n",
            "import sys",
            "from multiprocessing.connection import Client",
            "try:",
            "    with Client(sys.argv[1], authkey=sys.argv[2].encode()) as c:",
            "        c.send_bytes(b'x' * 70000)",
            "        print('got', c.recv_bytes(), flush=True)",
            "except Exception as e:",
            "    print(type(e).__name__, e, flush=True)");

    @BeforeAll
    static void tempDir() {
        Hub.tempDir();
    }

    @Test
    void javaClientTalksToCPythonsListener() throws Exception {
        String address = Hub.tempDir().resolve("py-listener-" + System.nanoTime()).toString();
        Process py = new ProcessBuilder(CPython.executable(), "-c", PY_LISTENER, address).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(py.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("ready", out.readLine());
            byte[] big = new byte[100_000];
            Arrays.fill(big, (byte) 'a');
            big[0] = 'z';
            try (Connection c = Connections.Client(address, "secret".getBytes())) {
                c.sendBytes(big);
                byte[] back = c.recvBytes();
                assertEquals('z', back[back.length - 1]);
                assertEquals(big.length, back.length);
            }
            assertEquals("echoed 100000", out.readLine());
            AuthenticationError e = assertThrows(AuthenticationError.class, () -> Connections.Client(address, "wrong".getBytes()));
            assertEquals("digest sent was rejected", e.getMessage());
            assertEquals("AuthenticationError digest received was wrong", out.readLine());
        } finally {
            py.destroy();
            py.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void cpythonsClientTalksToJavaListener() throws Exception {
        try (Listener listener = new Listener(null, "secret".getBytes()); Spawned threads = new Spawned()) {
            List<String> server = new ArrayList<>();
            Thread t = threads.start(() -> {
                try (Connection c = listener.accept()) {
                    byte[] m = c.recvBytes();
                    server.add("got " + m.length);
                    c.sendBytes("from java".getBytes());
                }
                AuthenticationError e = assertThrows(AuthenticationError.class, listener::accept);
                server.add(e.getMessage());
            });
            assertEquals("got b'from java'", runClient(listener.address(), "secret"));
            assertEquals("AuthenticationError digest sent was rejected", runClient(listener.address(), "wrong"));
            Spawned.join(t);
            assertEquals(List.of("got 70000", "digest received was wrong"), server);
        }
    }

    private static String runClient(Object address, String key) throws Exception {
        Process py = new ProcessBuilder(CPython.executable(), "-c", PY_CLIENT, (String) address, key).redirectErrorStream(true).start();
        String out = new String(py.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, py.waitFor());
        return out;
    }

    @Test
    void hmacMatchesCPythonsForEveryAllowedDigest() throws Exception {
        String script = "import hmac,sys\nfor d in ['md5','sha256','sha384','sha3_256','sha3_384']:\n"
                + "    print(hmac.new(b'k'*200, b'message', d).hexdigest())";
        Process py = new ProcessBuilder(CPython.executable(), "-c", script).start();
        List<String> expected = Arrays.asList(new String(py.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().split("\n"));
        assertEquals(0, py.waitFor());
        byte[] key = "k".repeat(200).getBytes();
        List<String> actual = new ArrayList<>();
        for (String d : List.of("md5", "sha256", "sha384", "sha3_256", "sha3_384")) {
            actual.add(java.util.HexFormat.of().formatHex(Hmac.mac(d, key, "message".getBytes())));
        }
        assertEquals(expected, actual);
    }
}
