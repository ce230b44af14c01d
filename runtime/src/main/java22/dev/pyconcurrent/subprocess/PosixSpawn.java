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
 * library's {@code runtime/src/main/c/pyconcurrent.c}. A launch is short and mostly runs before
 * the JIT has compiled these paths, where every downcall and every arena costs microseconds: so
 * the handles are called with {@code invokeExact}, the spawn attributes (the same for every
 * launch but for {@code setsid}) and the file actions of a launch without redirection or
 * {@code cwd} are made once ({@link #usable}) and only read by {@code posix_spawnp}, and the
 * small out-parameters (errno, a status, a pollfd) live in a per-thread scratch segment.
 */
final class PosixSpawn extends Spawner.Calls {
    private static final int O_CLOEXEC = 02000000, O_NONBLOCK = 04000, F_SETFL = 4, WNOHANG = 1, POLLIN = 1, EAGAIN = 11, EINTR = 4;
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
    private static final MethodHandle SETFLAGS = fn("posix_spawnattr_setflags", JAVA_INT, ADDRESS, JAVA_SHORT);
    private static final MethodHandle SETSIGMASK = fn("posix_spawnattr_setsigmask", JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle SETSIGDEFAULT = fn("posix_spawnattr_setsigdefault", JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle SPAWNP = fn("posix_spawnp", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle WAITPID = errnoFn("waitpid", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle PIPE2 = errnoFn("pipe2", JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle OPEN = errnoFn("open", JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
    private static final MethodHandle CLOSE = fn("close", JAVA_INT, JAVA_INT);
    /** {@code read(2)} into a Java array: critical (no safepoint, heap access), since the descriptor never blocks. */
    private static final MethodHandle READ = LINKER.downcallHandle(LIBC.find("read").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), CAPTURE, Linker.Option.critical(true));
    private static final MethodHandle FCNTL = LIBC.find("fcntl").map(s -> LINKER.downcallHandle(s,
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), CAPTURE, Linker.Option.firstVariadicArg(2))).orElseThrow();
    private static final MethodHandle KILL = errnoFn("kill", JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle POLL = errnoFn("poll", JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final MethodHandle SYSCALL = LIBC.find("syscall").map(s -> LINKER.downcallHandle(s,
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT), CAPTURE, Linker.Option.firstVariadicArg(1))).orElse(null);
    private static final MethodHandle GETPID = fn("getpid", JAVA_INT);
    private static final MemorySegment ENVIRON = LIBC.find("environ").orElseThrow().reinterpret(8);

    /** A thread's out-parameters: the captured errno, one int, one {@code struct pollfd}, two ints. */
    private record Scratch(MemorySegment errno, MemorySegment out, MemorySegment pollfd, MemorySegment fds) {
        static Scratch make() {
            MemorySegment m = Arena.ofAuto().allocate(64, 16);
            return new Scratch(m.asSlice(0, ERRNO_STATE.byteSize()), m.asSlice(32, 4), m.asSlice(40, 8), m.asSlice(48, 8));
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::make);
    /** The attributes without and with {@code POSIX_SPAWN_SETSID}, and the file actions of a launch without redirection. */
    private MemorySegment attrs, attrsSetsid, closeOnly;

    @Override
    boolean usable() {
        if (SPAWNP == null || ADD_CLOSEFROM == null || ADD_CHDIR == null || SETFLAGS == null || SYSCALL == null) return false;
        try {
            int fd = pidfdOpen((int) GETPID.invokeExact());
            if (fd < 0) return false; // a kernel older than 5.3
            close(fd);
            Arena forever = Arena.global();
            attrs = forever.allocate(ATTR_SIZE, 16);
            attrsSetsid = forever.allocate(ATTR_SIZE, 16);
            closeOnly = forever.allocate(ACTIONS_SIZE, 16);
            return (int) ATTR_INIT.invokeExact(attrs) == 0 && attributes(forever, attrs, false) == 0
                    && (int) ATTR_INIT.invokeExact(attrsSetsid) == 0 && attributes(forever, attrsSetsid, true) == 0
                    && (int) ACTIONS_INIT.invokeExact(closeOnly) == 0 && (int) ADD_CLOSEFROM.invokeExact(closeOnly, 3) == 0;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    long pipe(boolean nonblockingRead) {
        Scratch t = SCRATCH.get();
        try {
            if ((int) PIPE2.invokeExact(t.errno, t.fds, O_CLOEXEC) != 0) return -(int) ERRNO.get(t.errno, 0L);
            int read = t.fds.getAtIndex(JAVA_INT, 0), write = t.fds.getAtIndex(JAVA_INT, 1);
            if (nonblockingRead && (int) FCNTL.invokeExact(t.errno, read, F_SETFL, O_NONBLOCK) != 0) {
                int e = (int) ERRNO.get(t.errno, 0L);
                close(read);
                close(write);
                return -e;
            }
            return (long) read << 32 | write & 0xffffffffL;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    int read(int fd, byte[] b, int off, int len) {
        Scratch t = SCRATCH.get();
        try {
            while (true) {
                long n = (long) READ.invokeExact(t.errno, fd, MemorySegment.ofArray(b).asSlice(off, len), (long) len);
                if (n >= 0) return (int) n;
                int e = (int) ERRNO.get(t.errno, 0L);
                if (e != EINTR) return -e;
            }
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    int open(byte[] path, int flags) {
        Scratch t = SCRATCH.get();
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) OPEN.invokeExact(t.errno, arena.allocateFrom(JAVA_BYTE, path), flags | O_CLOEXEC, 0666);
            return fd < 0 ? -(int) ERRNO.get(t.errno, 0L) : fd;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
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
            MemorySegment env = envp == null ? ENVIRON.get(ADDRESS, 0) : strings(arena, envp);
            MemorySegment attr = setsid ? attrsSetsid : attrs;
            if (dup2.length == 0 && cwd == null) return spawnp(arena, file, closeOnly, attr, argv, env);
            MemorySegment actions = arena.allocate(ACTIONS_SIZE, 16);
            int rc = (int) ACTIONS_INIT.invokeExact(actions);
            if (rc != 0) return -rc;
            try {
                for (int i = 0; rc == 0 && i < dup2.length; i += 2) rc = (int) ADD_DUP2.invokeExact(actions, dup2[i], dup2[i + 1]);
                if (rc == 0) rc = (int) ADD_CLOSEFROM.invokeExact(actions, 3);
                if (rc == 0 && cwd != null) rc = (int) ADD_CHDIR.invokeExact(actions, arena.allocateFrom(JAVA_BYTE, cwd));
                return rc != 0 ? -rc : spawnp(arena, file, actions, attr, argv, env);
            } finally {
                int ignored = (int) ACTIONS_DESTROY.invokeExact(actions);
            }
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** {@code posix_spawnp}: the pid, or -errno. */
    private static int spawnp(Arena arena, byte[] file, MemorySegment actions, MemorySegment attr, byte[] argv, MemorySegment env)
            throws Throwable {
        MemorySegment pid = SCRATCH.get().out;
        int rc = (int) SPAWNP.invokeExact(pid, arena.allocateFrom(JAVA_BYTE, file), actions, attr, strings(arena, argv), env);
        return rc != 0 ? -rc : pid.get(JAVA_INT, 0);
    }

    /** The attributes of every launch: no signal blocked, SIGPIPE/SIGXFSZ at their defaults (CPython's {@code restore_signals}), {@code setsid}. */
    private static int attributes(Arena arena, MemorySegment attr, boolean setsid) throws Throwable {
        MemorySegment sigset = arena.allocate(128, 8);
        int rc = (int) SETSIGMASK.invokeExact(attr, sigset);
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
        Scratch t = SCRATCH.get();
        try {
            long fd = (long) SYSCALL.invokeExact(t.errno, SYS_PIDFD_OPEN, pid, 0);
            return fd < 0 ? -(int) ERRNO.get(t.errno, 0L) : (int) fd;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    int poll(int fd, int millis) {
        Scratch t = SCRATCH.get();
        try {
            t.pollfd.set(JAVA_INT, 0, fd);
            t.pollfd.set(JAVA_SHORT, 4, (short) POLLIN);
            int rc = (int) POLL.invokeExact(t.errno, t.pollfd, 1L, millis);
            if (rc >= 0) return rc > 0 ? 1 : 0;
            int e = (int) ERRNO.get(t.errno, 0L);
            return e == EINTR ? 0 : -e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    int waitpid(int pid, boolean block) {
        Scratch t = SCRATCH.get();
        try {
            while (true) {
                int rc = (int) WAITPID.invokeExact(t.errno, pid, t.out, block ? 0 : WNOHANG);
                if (rc == pid) return t.out.get(JAVA_INT, 0);
                if (rc == 0) return -EAGAIN;
                int e = (int) ERRNO.get(t.errno, 0L);
                if (e != EINTR) return -e;
            }
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    int kill(int pid, int sig) {
        Scratch t = SCRATCH.get();
        try {
            return (int) KILL.invokeExact(t.errno, pid, sig) == 0 ? 0 : (int) ERRNO.get(t.errno, 0L);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static MethodHandle fn(String name, MemoryLayout ret, MemoryLayout... args) {
        return LIBC.find(name).map(s -> LINKER.downcallHandle(s, FunctionDescriptor.of(ret, args))).orElse(null);
    }

    private static MethodHandle errnoFn(String name, MemoryLayout ret, MemoryLayout... args) {
        return LIBC.find(name).map(s -> LINKER.downcallHandle(s, FunctionDescriptor.of(ret, args), CAPTURE)).orElseThrow();
    }
}
