package dev.pyconcurrent.multiprocessing.sharedmemory;

import dev.pyconcurrent.builtins.OSError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.ValueError;
import java.io.IOException;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Python's {@code multiprocessing.shared_memory.SharedMemory}: a named POSIX shared memory
 * block, the file {@code /dev/shm/<name>} mapped into this process. A block created here opens
 * by name in {@code python3.13} and the other way round (same names, same bytes). Created with
 * no name it is called {@code psm_} + 8 hex digits, as in CPython.
 *
 * <p>{@link #buf()} is a {@link ByteBuffer} over the whole block in native byte order (what
 * {@code struct}'s default format and ctypes use); use its absolute {@code get/put} methods.
 * {@link #close()} drops this object's view: on JDK 17 the pages are unmapped when the buffer is
 * collected (the JDK offers no deterministic unmap before 22). A block is serialized as its
 * name and reattached on the other side, as CPython pickles it.
 */
public class SharedMemory implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int SAFE_NAME_HEX = 8;

    private final String name;
    private final long size;
    private transient volatile ByteBuffer buf;

    /** Keyword-only arguments of {@code SharedMemory(...)}: {@code track=True}. */
    public static final class Options {
        private boolean track = true;

        private Options() {}

        /** {@code track=False}: this JVM will not unlink the block at exit. */
        public Options track(boolean track) {
            this.track = track;
            return this;
        }
    }

    public static Options options() {
        return new Options();
    }

    /** {@code SharedMemory(name)}: attaches to an existing block. */
    public SharedMemory(String name) {
        this(name, false, 0);
    }

    /** {@code SharedMemory(name, create, size)}; {@code name} may be {@code null} with {@code create}. */
    public SharedMemory(String name, boolean create, long size) {
        this(name, create, size, options());
    }

    /**
     * {@code SharedMemory(name, create, size, track=…)}. With {@code track} (the default) a
     * block created here is unlinked when this JVM exits unless {@link #unlink()} ran first;
     * a block only attached to is never unlinked by this JVM (CPython's one tracker per process
     * tree registers it for the whole tree; here every JVM has its own).
     */
    public SharedMemory(String name, boolean create, long size, Options options) {
        if (!(size >= 0)) throw new ValueError("'size' must be a positive integer");
        if (create && size == 0) throw new ValueError("'size' must be a positive number different from zero");
        if (name == null && !create) throw new ValueError("'name' can only be None if create=True");
        MappedByteBuffer mapped = null;
        String chosen = name;
        while (mapped == null) {
            if (name == null) chosen = "psm_" + randomHex(SAFE_NAME_HEX);
            try {
                mapped = map(chosen, create, size);
            } catch (FileAlreadyExistsException e) {
                if (name != null) throw OSError.of(OSError.EEXIST, "/" + name);
            }
        }
        this.name = chosen;
        this.size = mapped.capacity();
        this.buf = mapped.order(ByteOrder.nativeOrder());
        if (create && options.track) ResourceTracker.register(chosen);
    }

    private static MappedByteBuffer map(String name, boolean create, long size) throws FileAlreadyExistsException {
        if (name.isEmpty() || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            throw OSError.of(OSError.EINVAL, "/" + name);
        }
        Path file = ResourceTracker.SHM_DIR.resolve(name);
        Set<OpenOption> how = create
                ? Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE);
        if (size > Integer.MAX_VALUE) throw new ValueError("'size' above 2 GiB is not supported (one MappedByteBuffer)");
        try (FileChannel ch = create
                ? FileChannel.open(file, how, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : FileChannel.open(file, how)) {
            if (!create && ch.size() == 0) throw new ValueError("cannot mmap an empty file");
            if (ch.size() > Integer.MAX_VALUE) throw new ValueError("blocks above 2 GiB are not supported (one MappedByteBuffer)");
            return mapOrUnlink(ch, file, create, create ? size : ch.size());
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (NoSuchFileException e) {
            throw OSError.of(OSError.ENOENT, "/" + name);
        } catch (AccessDeniedException e) {
            throw OSError.of(OSError.EACCES, "/" + name);
        } catch (IOException e) {
            throw new OSError(e.getMessage());
        }
    }

    /**
     * Random hex digits for a new name. Not {@code SecureRandom} (CPython's {@code secrets}):
     * seeding it costs ~20 ms of CPU in a fresh JVM, and an unguessable name protects nothing
     * here (blocks are created exclusively, mode 0600).
     */
    /** Maps the block; a block created here that cannot be mapped (e.g. /dev/shm full) is removed again, as in CPython. */
    private static MappedByteBuffer mapOrUnlink(FileChannel ch, Path file, boolean created, long size) throws IOException {
        try {
            // mapping beyond the end grows the new file to size, as CPython's ftruncate does
            return ch.map(FileChannel.MapMode.READ_WRITE, 0, size);
        } catch (IOException | RuntimeException e) {
            if (created) java.nio.file.Files.deleteIfExists(file);
            throw e;
        }
    }

    static String randomHex(int digits) {
        byte[] b = new byte[digits / 2];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The block's bytes (native order), or {@code null} after {@link #close()} (CPython's {@code None}). */
    public ByteBuffer buf() {
        return buf;
    }

    /** The name to attach with (without CPython's leading {@code /}). */
    public String name() {
        return name;
    }

    /** Size in bytes. */
    public long size() {
        return size;
    }

    /** {@code close()}: drops this object's access; the block stays for the others. Idempotent. */
    public void close() {
        buf = null;
    }

    /**
     * {@code unlink()}: removes the name; mappings that exist stay usable until closed.
     * A second unlink raises {@code FileNotFoundError}, as in CPython.
     */
    public void unlink() {
        ResourceTracker.unregister(name);
        try {
            java.nio.file.Files.delete(ResourceTracker.SHM_DIR.resolve(name));
        } catch (NoSuchFileException e) {
            throw OSError.of(OSError.ENOENT, "/" + name);
        } catch (IOException e) {
            throw new OSError(e.getMessage());
        }
    }

    /** {@code SharedMemory('psm_…', size=10)}. */
    @Override
    public String toString() {
        return "SharedMemory(" + Py.repr(name) + ", size=" + size + ")";
    }

    /** Crosses processes as its name, reattached (untracked) on arrival, like CPython's {@code __reduce__}. */
    private Object writeReplace() throws ObjectStreamException {
        return new Ref(name);
    }

    private record Ref(String name) implements Serializable {
        private Object readResolve() throws ObjectStreamException {
            return new SharedMemory(name);
        }
    }
}
