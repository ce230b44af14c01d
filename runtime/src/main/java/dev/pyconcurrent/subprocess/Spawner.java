package dev.pyconcurrent.subprocess;

import dev.pyconcurrent.os.NativeAccess;
import java.lang.ProcessBuilder.Redirect;
import java.util.List;
import java.util.Map;

/**
 * A launch without {@link ProcessBuilder}: one {@code posix_spawnp} (glibc's
 * {@code clone(CLONE_VM|CLONE_VFORK)} + one {@code exec}, as CPython's {@code vfork} path) and a
 * {@code waitpid} that sees the raw status, where the JDK's default launch pays a second
 * {@code exec} (of {@code jspawnhelper}) and reports a signal death as {@code 128 + N}.
 *
 * <p>It needs the FFM API of JDK 22+ (DESIGN §3): the implementation is
 * {@code META-INF/versions/22/dev/pyconcurrent/subprocess/PosixSpawn.class} of the
 * multi-release jar, loaded by name, and used only when the JVM lets this code call native
 * functions ({@code --enable-native-access=ALL-UNNAMED}, or the module's own grant), so that
 * no JDK prints its restricted-method warning on the user's stderr. On JDK 17, without the
 * grant, with {@code -Dpyconcurrent.ffm=false}, or on a C library without
 * {@code posix_spawn_file_actions_addclosefrom_np} / {@code _addchdir_np} (glibc 2.34), launches
 * go through {@link ProcessBuilder} as before. See docs/deviations/subprocess.adoc.
 */
abstract class Spawner {
    /** The FFM launcher, or null where it cannot be used. */
    static final Spawner NATIVE = NativeAccess.load(java.lang.invoke.MethodHandles.lookup(), "dev.pyconcurrent.subprocess.PosixSpawn", Spawner.class, Spawner::usable);

    /**
     * Starts {@code command} (searched in the JVM's {@code PATH} when it has no slash) with
     * {@code env} (null: the JVM's), in {@code cwd} (null: the JVM's), every descriptor above 2
     * closed; {@code err == null} sends stderr to stdout; {@code setsid} makes it a session
     * leader. A failed start raises CPython's OSError for {@code executable}.
     */
    abstract SpawnedProcess spawn(List<String> command, String executable, Map<String, String> env, String cwd,
            Redirect in, Redirect out, Redirect err, boolean setsid);

    /** {@code kill(2)}: {@code target} a pid, or minus a process group id; 0 or the error number. */
    abstract int kill(long target, int sig);

    /** The C library has every function the launch needs. */
    abstract boolean usable();

    /** A child started by {@link #spawn}: a {@link Process} that also knows Python's exact return code. */
    abstract static class SpawnedProcess extends Process {
        /** The return code once the child is reaped: the exit status, or {@code -N} for death by signal N. */
        abstract int returncode();
    }
}
