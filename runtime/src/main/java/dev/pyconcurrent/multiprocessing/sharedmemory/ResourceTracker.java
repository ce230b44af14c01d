package dev.pyconcurrent.multiprocessing.sharedmemory;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The role of CPython's {@code multiprocessing.resource_tracker} for shared memory: the segments
 * this JVM created and still owns are unlinked when it exits (a shutdown hook), and segments of
 * pyconcurrent's own primitives ({@link #PRIVATE_PREFIX}{@code <pid>_…}) whose creating JVM is
 * gone (killed with {@code kill -9}, so no hook ran) are swept when the next JVM starts
 * tracking. CPython runs a separate tracker process instead; see
 * {@code docs/deviations/multiprocessing-shared.adoc}.
 */
public final class ResourceTracker {
    /** Directory of POSIX shared memory on Linux ({@code shm_open}'s backing files). */
    public static final Path SHM_DIR = Path.of("/dev/shm");

    /** Prefix of the segments behind locks, semaphores and values: {@code pyc_<creator pid>_<hex>}. */
    public static final String PRIVATE_PREFIX = "pyc_";

    private static final Set<String> OWNED = ConcurrentHashMap.newKeySet();
    private static final Cleaner CLEANER = Cleaner.create();

    static {
        sweepDeadCreators();
        Runtime.getRuntime().addShutdownHook(new Thread(ResourceTracker::unlinkAll, "pyconcurrent-resource-tracker"));
    }

    private ResourceTracker() {}

    /** Unlinks {@code name} at exit unless {@link #unregister unregistered} first. */
    public static void register(String name) {
        OWNED.add(name);
    }

    public static void unregister(String name) {
        OWNED.remove(name);
    }

    /** Whether {@code name} is still to be unlinked at exit by this JVM. */
    public static boolean isRegistered(String name) {
        return OWNED.contains(name);
    }

    /**
     * A new private segment ({@code pyc_<pid>_<hex>}) of {@code size} bytes holding
     * {@code owner}'s shared state, unlinked when {@code owner} is collected or this JVM exits
     * (CPython's {@code Finalize} of a {@code SemLock} or heap block). Processes that attached
     * keep their mapping.
     */
    public static SharedMemory createPrivate(Object owner, int size) {
        String name = PRIVATE_PREFIX + ProcessHandle.current().pid() + "_" + SharedMemory.randomHex(8);
        SharedMemory shm = new SharedMemory(name, true, size);
        CLEANER.register(owner, () -> unlink(name));
        return shm;
    }

    /** Removes {@code /dev/shm/name}, quietly when it is already gone; unregisters it. */
    public static void unlink(String name) {
        unregister(name);
        try {
            Files.deleteIfExists(SHM_DIR.resolve(name));
        } catch (IOException e) {
            // best effort at cleanup: a segment another user removed or cannot be removed stays as is
        }
    }

    private static void unlinkAll() {
        for (String name : OWNED.toArray(String[]::new)) unlink(name);
    }

    private static void sweepDeadCreators() {
        try (DirectoryStream<Path> segments = Files.newDirectoryStream(SHM_DIR, PRIVATE_PREFIX + "*")) {
            for (Path p : segments) {
                long creator = creatorPid(p.getFileName().toString());
                if (creator > 0 && ProcessHandle.of(creator).isEmpty()) Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            // no /dev/shm or a concurrent sweep: nothing to clean here
        }
    }

    private static long creatorPid(String name) {
        int end = name.indexOf('_', PRIVATE_PREFIX.length());
        try {
            return end < 0 ? -1 : Long.parseLong(name.substring(PRIVATE_PREFIX.length(), end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
