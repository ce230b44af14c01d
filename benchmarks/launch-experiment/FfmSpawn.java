import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * The FFM candidate (JDK 22+), a {@code pair.py} side like LaunchWorker: posix_spawnp (glibc's
 * clone(CLONE_VM|CLONE_VFORK), one exec) and waitpid in the calling thread, as CPython does; no
 * reaper thread, no jspawnhelper. Run: {@code java --enable-native-access=ALL-UNNAMED FfmSpawn.java}.
 */
public class FfmSpawn {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final MethodHandle SPAWNP = LINKER.downcallHandle(LIBC.find("posix_spawnp").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    private static final MethodHandle WAITPID = LINKER.downcallHandle(LIBC.find("waitpid").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MemorySegment ENVIRON = LIBC.find("environ").orElseThrow().reinterpret(8).get(ADDRESS, 0);

    /** Spawns {@code argv} with the JVM's environment and stdio, waits, returns the raw wait status. */
    static int spawnAndWait(String... argv) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pid = arena.allocate(JAVA_INT);
            MemorySegment av = arena.allocate(ADDRESS, argv.length + 1);
            for (int i = 0; i < argv.length; i++) av.setAtIndex(ADDRESS, i, arena.allocateFrom(argv[i]));
            av.setAtIndex(ADDRESS, argv.length, MemorySegment.NULL);
            int rc = (int) SPAWNP.invokeExact(pid, av.getAtIndex(ADDRESS, 0), MemorySegment.NULL, MemorySegment.NULL,
                    av, ENVIRON);
            if (rc != 0) throw new IllegalStateException("posix_spawnp: errno " + rc);
            MemorySegment status = arena.allocate(JAVA_INT);
            if ((int) WAITPID.invokeExact(pid.get(JAVA_INT, 0), status, 0) < 0) throw new IllegalStateException("waitpid");
            return status.get(JAVA_INT, 0);
        }
    }

    public static void main(String[] args) throws Throwable {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        for (String line; (line = in.readLine()) != null; ) {
            int n = Integer.parseInt(line.trim());
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) if (spawnAndWait("true") != 0) throw new AssertionError();
            System.out.println((System.nanoTime() - t0) / 1e6);
            System.out.flush();
        }
    }
}
