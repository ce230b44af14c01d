package dev.pyconcurrent.multiprocessing.sharedmemory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.testing.CPython;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Blocks and lists opened by name between this JVM and a running python3.13, both ways. */
class InteropTest {
    /** A python3.13 running {@code code}, talked to over stdin/stdout lines. */
    static final class Python implements AutoCloseable {
        final Process p;
        final BufferedReader out;
        final PrintStream in;

        Python(String code) throws IOException {
            p = new ProcessBuilder(CPython.executable(), "-c", code).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            in = new PrintStream(p.getOutputStream(), true, StandardCharsets.UTF_8);
        }

        String line() throws IOException {
            String l = out.readLine();
            assertTrue(l != null, "python ended early");
            return l;
        }

        @Override
        public void close() throws Exception {
            in.close();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "python did not exit");
            assertEquals(0, p.exitValue());
        }
    }

    static final String SHM = "from multiprocessing.shared_memory import SharedMemory, ShareableList\n"
            + "from multiprocessing import resource_tracker\nimport sys\n";

    @Test
    void pythonCreatesJavaReadsAndWrites() throws Exception {
        try (Python py = new Python(SHM + """
                s = SharedMemory(create=True, size=16)
                s.buf[:3] = b"py!"
                print(s.name, flush=True)
                sys.stdin.readline()
                print(bytes(s.buf[4:9]), flush=True)
                s.close(); s.unlink()
                """)) {
            String name = py.line();
            SharedMemory s = new SharedMemory(name);
            assertEquals(16, s.size());
            byte[] got = new byte[3];
            s.buf().get(0, got);
            assertEquals("py!", new String(got, StandardCharsets.US_ASCII));
            s.buf().put(4, "java!".getBytes(StandardCharsets.US_ASCII));
            py.in.println("go");
            assertEquals("b'java!'", py.line());
            s.close();
        }
    }

    @Test
    void javaCreatesPythonReadsAndWrites() throws Exception {
        SharedMemory s = new SharedMemory(null, true, 4096);
        s.buf().put(0, "java!".getBytes(StandardCharsets.US_ASCII));
        try (Python py = new Python(SHM + """
                s = SharedMemory(sys.stdin.readline().strip(), track=False)
                print(s, bytes(s.buf[:5]), flush=True)
                s.buf[8:11] = b"py!"
                s.close()
                """)) {
            py.in.println(s.name());
            assertEquals("SharedMemory('" + s.name() + "', size=4096) b'java!'", py.line());
        }
        byte[] got = new byte[3];
        s.buf().get(8, got);
        assertEquals("py!", new String(got, StandardCharsets.US_ASCII));
        s.unlink();
        assertFalse(Files.exists(Path.of("/dev/shm", s.name())));
    }

    @Test
    void shareableListBothWays() throws Exception {
        try (Python py = new Python(SHM + """
                sl = ShareableList([1, 2.5, "abc", b"x", None, True])
                print(sl.shm.name, flush=True)
                sys.stdin.readline()
                print(sl, flush=True)
                sl.shm.close(); sl.shm.unlink()
                """)) {
            String name = py.line();
            ShareableList sl = new ShareableList(name);
            assertEquals("ShareableList([1, 2.5, 'abc', b'x', None, True], name='" + name + "')", sl.toString());
            sl.set(0, "java");
            sl.set(4, 7);
            py.in.println("go");
            assertEquals("ShareableList(['java', 2.5, 'abc', b'x', 7, True], name='" + name + "')", py.line());
        }
        ShareableList mine = new ShareableList(Arrays.asList(42, "héllo", false, null, -0.5, new byte[] {1, 2}));
        try (Python py = new Python(SHM + """
                sl = ShareableList(name=sys.stdin.readline().strip())
                print(sl, sl.format, flush=True)
                sl[0] = "py"
                resource_tracker.unregister(sl.shm._name, "shared_memory")  # attached, not ours to unlink
                sl.shm.close()
                """)) {
            py.in.println(mine.shm().name());
            assertEquals(mine + " " + mine.format(), py.line());
        }
        assertEquals("py", mine.get(0));
        mine.shm().unlink();
    }
}
