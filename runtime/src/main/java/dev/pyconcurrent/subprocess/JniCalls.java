package dev.pyconcurrent.subprocess;

import dev.pyconcurrent.os.NativeAccess;

/**
 * {@link Spawner.Calls} through the runtime's JNI library ({@code runtime/src/main/c/pyconcurrent.c},
 * built by gcc with the runtime where gcc is installed): the launch below JDK 22, where the FFM
 * binding ({@code PosixSpawn}) cannot exist. Each method is one C library call, as the FFM ones.
 */
final class JniCalls extends Spawner.Calls {
    private JniCalls() {}

    /** An instance where the library is in the jar, may be loaded ({@link NativeAccess#loadLibrary}) and is usable; else null. */
    static Spawner.Calls load() {
        if (!NativeAccess.loadLibrary("pyconcurrent")) return null;
        JniCalls c = new JniCalls();
        return c.usable() ? c : null;
    }

    @Override
    boolean usable() {
        return usable0();
    }

    @Override
    long pipe(boolean nonblockingRead) {
        return pipe0(nonblockingRead);
    }

    @Override
    int open(byte[] path, int flags) {
        return open0(path, flags);
    }

    @Override
    int read(int fd, byte[] b, int off, int len) {
        return read0(fd, b, off, len);
    }

    @Override
    void close(int fd) {
        close0(fd);
    }

    @Override
    int spawn(byte[] file, byte[] argv, byte[] envp, int[] dup2, byte[] cwd, boolean setsid) {
        return spawn0(file, argv, envp, dup2, cwd, setsid);
    }

    @Override
    int pidfdOpen(int pid) {
        return pidfdOpen0(pid);
    }

    @Override
    int poll(int fd, int millis) {
        return poll0(fd, millis);
    }

    @Override
    int waitpid(int pid, boolean block) {
        return waitpid0(pid, block);
    }

    @Override
    int kill(int pid, int sig) {
        return kill0(pid, sig);
    }

    private static native boolean usable0();

    private static native long pipe0(boolean nonblockingRead);

    private static native int open0(byte[] path, int flags);

    private static native int read0(int fd, byte[] b, int off, int len);

    private static native void close0(int fd);

    private static native int spawn0(byte[] file, byte[] argv, byte[] envp, int[] dup2, byte[] cwd, boolean setsid);

    private static native int pidfdOpen0(int pid);

    private static native int poll0(int fd, int millis);

    private static native int waitpid0(int pid, boolean block);

    private static native int kill0(int pid, int sig);
}
