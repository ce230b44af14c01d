package dev.pyconcurrent.multiprocessing.sharedmemory;

import static dev.pyconcurrent.testing.CPython.assertPrints;
import static dev.pyconcurrent.testing.CPython.assertRaises;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyconcurrent.builtins.FileNotFoundError;
import dev.pyconcurrent.builtins.KeyError;
import dev.pyconcurrent.builtins.OSError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.Traceback;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.multiprocessing.testing.ChildJvm;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.Test;

/** SharedMemory and ShareableList against reference/mp_shared_memory.py. */
class SharedMemoryTest {
    static final String TOPIC = "mp_shared_memory";

    static String named(Object text, String name) {
        return Py.str(text).replace(name, "NAME");
    }

    /** The reference's {@code raised}: prints {@code Type: message} of what {@code fn} raises. */
    static void raised(Executable fn, String name) {
        try {
            fn.execute();
        } catch (Throwable e) {
            String message = Traceback.message(e);
            Py.print(Traceback.name(e) + ":", name == null ? message : named(message, name));
        }
    }

    static boolean exists(String name) {
        return Files.exists(Path.of("/dev/shm", name));
    }

    static String hex(ByteBuffer b) {
        byte[] all = new byte[b.capacity()];
        b.get(0, all);
        return HexFormat.of().formatHex(all);
    }

    @Test
    void createAttachCloseUnlink() {
        assertPrints(TOPIC, "shm_create", () -> {
            SharedMemory s = new SharedMemory(null, true, 10);
            Py.print(named(s, s.name()), s.name().matches("psm_[0-9a-f]{8}"), s.size(), s.buf().capacity());
            byte[] first = new byte[3];
            s.buf().get(0, first);
            Py.print(exists(s.name()), first);
            s.buf().put(0, (byte) 7);
            SharedMemory t = new SharedMemory(s.name());
            Py.print(named(t, s.name()), t.buf().get(0), t.size());
            t.close();
            Py.print(t.buf());
            t.close();
            raised(() -> new SharedMemory(s.name(), true, 10), s.name());
            s.close();
            s.unlink();
            Py.print(exists(s.name()));
            raised(s::unlink, s.name());
            raised(() -> new SharedMemory(s.name()), s.name());
        });
    }

    @Test
    void errors() {
        assertRaises(FileNotFoundError.class, TOPIC, "shm_missing", () -> new SharedMemory("psm_nonexist_zz"));
        assertRaises(ValueError.class, TOPIC, "shm_name_none", () -> new SharedMemory(null));
        assertRaises(ValueError.class, TOPIC, "shm_size_negative", () -> new SharedMemory(null, true, -1));
        assertRaises(ValueError.class, TOPIC, "shm_size_negative_attach", () -> new SharedMemory("x", false, -1));
        assertRaises(ValueError.class, TOPIC, "shm_size_zero", () -> new SharedMemory(null, true, 0));
        assertRaises(OSError.class, TOPIC, "shm_bad_name", () -> new SharedMemory("a/b", true, 3));
    }

    @Test
    void crossesAsItsName() {
        ShareableList sl = new ShareableList(Arrays.asList(1, "a"));
        ShareableList copy = ChildJvm.decode(ChildJvm.encode(sl));
        copy.set(0, 5);
        assertEquals(sl.shm().name(), copy.shm().name());
        assertEquals(5L, sl.get(0));
        SharedMemory block = ChildJvm.decode(ChildJvm.encode(sl.shm()));
        assertEquals(sl.shm().size(), block.size());
        assertEquals(5L, block.buf().getLong((int) (8 * (2 + 2))));
        sl.shm().unlink();
    }

    @Test
    void emptyFile() throws Exception {
        assertPrints(TOPIC, "shm_empty_file", () -> {
            String name = "test_empty_" + ProcessHandle.current().pid();
            Path file = Files.createFile(Path.of("/dev/shm", name));
            try {
                raised(() -> new SharedMemory(name), null);
                Py.print(Files.exists(file));
            } finally {
                Files.delete(file);
            }
        });
    }

    @Test
    void shareableListLayoutAndErrors() {
        assertPrints(TOPIC, "sl_layout", () -> {
            ShareableList sl = new ShareableList(Arrays.asList(1, 2.5, "abc", "x".getBytes(), null, true));
            String name = sl.shm().name();
            Py.print(named(sl, name), sl.format(), sl.size(), sl.shm().size());
            Py.print(hex(sl.shm().buf()));
            Py.print(sl.count(1), sl.index("abc"), sl.get(-1), sl.get(2));
            sl.set(2, "abcdefgh");
            sl.set(0, "x");
            sl.set(1, null);
            sl.set(4, 7);
            sl.set(5, 0.5);
            Py.print(named(sl, name), sl.format());
            Py.print(hex(sl.shm().buf()));
            raised(() -> sl.set(2, "abcdefghi"), null);
            raised(() -> sl.get(9), null);
            raised(() -> sl.set(9, 1), null);
            raised(() -> sl.index(99), null);
            sl.shm().close();
            sl.shm().unlink();
        });
        assertPrints(TOPIC, "sl_empty", () -> {
            ShareableList sl = new ShareableList();
            Py.print(named(sl, sl.shm().name()), sl.shm().size(), sl.format());
            sl.shm().unlink();
        });
        assertRaises(KeyError.class, TOPIC, "sl_unsupported", () -> new ShareableList(Arrays.asList(Arrays.asList(1))));
        assertPrints(TOPIC, "sl_unicode", () -> {
            ShareableList sl = new ShareableList(Arrays.asList("héllo", new byte[] {0, 'a', 0}, "", 1L << 62, -1, false));
            Py.print(named(sl, sl.shm().name()), sl.format());
            Py.print(hex(sl.shm().buf()));
            sl.shm().unlink();
        });
    }
}
