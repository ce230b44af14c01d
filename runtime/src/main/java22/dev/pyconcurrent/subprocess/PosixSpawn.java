package dev.pyconcurrent.subprocess;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * {@link Spawner.Calls} over glibc through the FFM API (JDK 22+); the same calls as the JNI
 * library's {@code runtime/src/main/c/pyconcurrent.c}. Every handle is called with
 * {@code invokeExact} (no boxing), every buffer comes from one confined arena per call.
 */
final class PosixSpawn extends Spawner.Calls {
    private static final int O_CLOEXEC = 02000000, WNOHANG = 1, POLLIN = 1, EAGAIN = 11, EINTR = 4;
    private static final short SETSIGDEF_FLAG = 0x04, SETSIGMASK_FLAG = 0x08, SETSID_FLAG = 0x80;
    /** sizeof(posix_spawn_file_actions_t) is 80 and sizeof(posix_spawnattr_t) 336 on x86-64 glibc: room to spare. */
    private static final long ACTIONS_SIZE = 256, ATTR_SIZE = 512;
    private static final long SYS_PIDFD_OPEN = 434; // the same number on every Linux architecture
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout ERRNO_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = ERRNO_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");

    private static final MethodHandle ACTIONS_INIT = fn("posix_spawn_file_actions_init", JAVA_INT, ADDRESS);
    private static final MethodHandle ACTIONS_DESTROY = fn("posix_spawn_file_actions_destroy", JAVA_INT, ADDRESS);
    private static final MethodHandle ADD_DUP2 = fn("posix_spawn_file_actions_adddup2", JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
    private static final MethodHandle ADD_CLOSEFROM = fn("posix_spawn_file_actions_addclosefrom_np", JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle ADD_CHDIR = fn("posix_spawn_file_actions_addchdir_np", JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle ATTR_INIT = fn("posix_spawnattr_init", JAVA_INT, ADDRESS);
    private static final MethodHandle ATTR_DESTROY = fn("posix_spawnattr_destroy", JAVA_INT, ADDRESS);
    private static final MethodHandle SETFLAGS = fn("posix_spawnattr_setflags", JAVA_INT, ADDRESS, JAVA_SHORT);
    private static final MethodHandle SETSIGMASK = fn("posix_spawnattr_setsigmask", JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle SETSIGDEFAULT = fn("posix_spawnattr_setsigdefault", JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle SPAWNP = fn("posix_spawnp", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle WAITPID = errnoFn("waitpid", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle PIPE2 = errnoFn("pipe2", JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle OPEN = errnoFn("open", JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
    private static final MethodHandle CLOSE = fn("close", JAVA_INT, JAVA_INT);
    private static final MethodHandle KILL = errnoFn("kill", JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle POLL = errnoFn("poll", JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final MethodHandle SYSCALL = LIBC.find("syscall").map(s -> LINKER.downcallHandle(s,
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT), CAPTURE, Linker.Option.firstVariadicArg(1))).orElse(null);
    private static final MethodHandle GETPID = fn("getpid", JAVA_INT);
    private static final MemorySegment ENVIRON = LIBC.find("environ").orElseThrow().reinterpret(8);

    @Override
    boolean usable() {
        if (SPAWNP == null || ADD_CLOSEFROM == null || ADD_CHDIR == null || SETFLAGS == null || SYSCALL == null) return false;
        try {
            int fd = pidfdOpen((int) GETPID.invokeExact());
            if (fd < 0) return false; // a kernel older than 5.3
            close(fd);
            return true;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    long pipe() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            MemorySegment errno = arena.allocate(ERRNO_STATE);
            if ((int) PIPE2.invokeExact(errno, fds, O_CLOEXEC) != 0) return -(int) ERRNO.get(errno, 0L);
            return (long) fds.getAtIndex(JAVA_INT, 0) << 32 | fds.getAtIndex(JAVA_INT, 1) & 0xffffffffL;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    int open(byte[] path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(ERRNO_STATE);
            int fd = (int) OPEN.invokeExact(errno, arena.allocateFrom(JAVA_BYTE, path), flags | O_CLOEXEC, 0666);
            return fd < 0 ? -(int) ERRNO.get(errno, 0L) : fd;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    void close(int fd) {
        try {
            int rc = (int) CLOSE.invokeExact(fd); // Linux closes the descriptor even when close reports an error
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    int spawn(byte[] file, byte[] argv, byte[] envp, int[] dup2, byte[] cwd, boolean setsid) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment actions = arena.allocate(ACTIONS_SIZE, 16);
            MemorySegment attr = arena.allocate(ATTR_SIZE, 16);
            int rc = (int) ACTIONS_INIT.invokeExact(actions);
            if (rc != 0) return -rc;
            try {
                rc = (int) ATTR_INIT.invokeExact(attr);
                if (rc != 0) return -rc;
                try {
                    rc = prepare(arena, actions, attr, dup2, cwd, setsid);
                    if (rc != 0) return -rc;
                    MemorySegment pid = arena.allocate(JAVA_INT);
                    MemorySegment env = envp == null ? ENVIRON.get(ADDRESS, 0) : strings(arena, envp);
                    rc = (int) SPAWNP.invokeExact(pid, arena.allocateFrom(JAVA_BYTE, file), actions, attr, strings(arena, argv), env);
                    return rc != 0 ? -rc : pid.get(JAVA_INT, 0);
                } finally {
                    int ignored = (int) ATTR_DESTROY.invokeExact(attr);
                }
            } finally {
                int ignored = (int) ACTIONS_DESTROY.invokeExact(actions);
            }
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The file actions and attributes of {@link #spawn}: 0, or the first error number. */
    private static int prepare(Arena arena, MemorySegment actions, MemorySegment attr, int[] dup2, byte[] cwd, boolean setsid)
            throws Throwable {
        int rc = 0;
        for (int i = 0; rc == 0 && i < dup2.length; i += 2) rc = (int) ADD_DUP2.invokeExact(actions, dup2[i], dup2[i + 1]);
        if (rc == 0) rc = (int) ADD_CLOSEFROM.invokeExact(actions, 3);
        if (rc == 0 && cwd != null) rc = (int) ADD_CHDIR.invokeExact(actions, arena.allocateFrom(JAVA_BYTE, cwd));
        MemorySegment sigset = arena.allocate(128, 8);
        if (rc == 0) rc = (int) SETSIGMASK.invokeExact(attr, sigset);
        sigset.set(JAVA_LONG, 0, 1L << (13 - 1) | 1L << (25 - 1)); // SIGPIPE, SIGXFSZ
        if (rc == 0) rc = (int) SETSIGDEFAULT.invokeExact(attr, sigset);
        short flags = (short) (SETSIGMASK_FLAG | SETSIGDEF_FLAG | (setsid ? SETSID_FLAG : 0));
        if (rc == 0) rc = (int) SETFLAGS.invokeExact(attr, flags);
        return rc;
    }

    /** NUL-terminated strings one after another as a NULL-terminated {@code char *[]} into one copy of them. */
    private static MemorySegment strings(Arena arena, byte[] block) {
        MemorySegment copy = arena.allocateFrom(JAVA_BYTE, block);
        int count = 0;
        for (byte b : block) if (b == 0) count++;
        MemorySegment array = arena.allocate(ADDRESS, count + 1);
        for (int i = 0, start = 0, k = 0; i < block.length; i++) {
            if (block[i] == 0) {
                array.setAtIndex(ADDRESS, k++, copy.asSlice(start));
                start = i + 1;
            }
        }
        array.setAtIndex(ADDRESS, count, MemorySegment.NULL);
        return array;
    }

    @Override
    int pidfdOpen(int pid) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(ERRNO_STATE);
            long fd = (long) SYSCALL.invokeExact(errno, SYS_PIDFD_OPEN, pid, 0);
            return fd < 0 ? -(int) ERRNO.get(errno, 0L) : (int) fd;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    int poll(int fd, int millis) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pollfd = arena.allocate(8, 4);
            pollfd.set(JAVA_INT, 0, fd);
            pollfd.set(JAVA_SHORT, 4, (short) POLLIN);
            MemorySegment errno = arena.allocate(ERRNO_STATE);
            int rc = (int) POLL.invokeExact(errno, pollfd, 1L, millis);
            if (rc >= 0) return rc > 0 ? 1 : 0;
            int e = (int) ERRNO.get(errno, 0L);
            return e == EINTR ? 0 : -e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    int waitpid(int pid, boolean block) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment status = arena.allocate(JAVA_INT);
            MemorySegment errno = arena.allocate(ERRNO_STATE);
            while (true) {
                int rc = (int) WAITPID.invokeExact(errno, pid, status, block ? 0 : WNOHANG);
                if (rc == pid) return status.get(JAVA_INT, 0);
                if (rc == 0) return -EAGAIN;
                int e = (int) ERRNO.get(errno, 0L);
                if (e != EINTR) return -e;
            }
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    int kill(int pid, int sig) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(ERRNO_STATE);
            return (int) KILL.invokeExact(errno, pid, sig) == 0 ? 0 : (int) ERRNO.get(errno, 0L);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static MethodHandle fn(String name, MemoryLayout ret, MemoryLayout... args) {
        return LIBC.find(name).map(s -> LINKER.downcallHandle(s, FunctionDescriptor.of(ret, args))).orElse(null);
    }

    private static MethodHandle errnoFn(String name, MemoryLayout ret, MemoryLayout... args) {
        return LIBC.find(name).map(s -> LINKER.downcallHandle(s, FunctionDescriptor.of(ret, args), CAPTURE)).orElseThrow();
    }
}
