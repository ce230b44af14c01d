package dev.pyconcurrent.subprocess;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.pyconcurrent.builtins.OSError;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@link Spawner} over glibc's {@code posix_spawnp} and {@code waitpid}, through the FFM API (JDK 22+). */
final class PosixSpawn extends Spawner {
    @Override
    boolean usable() {
        return C.available();
    }

    @Override
    int kill(long target, int sig) {
        return C.kill((int) target, sig);
    }

    @Override
    SpawnedProcess spawn(List<String> command, String executable, Map<String, String> env, String cwd,
            Redirect in, Redirect out, Redirect err, boolean setsid) {
        List<Integer> toClose = new ArrayList<>();
        int[] parentEnds = {-1, -1, -1};
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment actions = arena.allocate(C.ACTIONS_SIZE, 16);
            MemorySegment attr = arena.allocate(C.ATTR_SIZE, 16);
            C.check(C.call(C.ACTIONS_INIT, actions));
            C.check(C.call(C.ATTR_INIT, attr));
            try {
                redirect(arena, actions, 0, in, parentEnds, toClose);
                redirect(arena, actions, 1, out, parentEnds, toClose);
                if (err == null) C.check(C.call(C.ADD_DUP2, actions, 1, 2));
                else redirect(arena, actions, 2, err, parentEnds, toClose);
                C.check(C.call(C.ADD_CLOSEFROM, actions, 3));
                if (cwd != null) C.check(C.call(C.ADD_CHDIR, actions, arena.allocateFrom(cwd)));
                // the child starts with no signal blocked and SIGPIPE/SIGXFSZ at their defaults, as CPython's restore_signals
                MemorySegment sigset = arena.allocate(128, 8);
                C.check(C.call(C.SETSIGMASK, attr, sigset));
                sigset.set(JAVA_LONG, 0, 1L << (13 - 1) | 1L << (25 - 1));
                C.check(C.call(C.SETSIGDEFAULT, attr, sigset));
                short flags = (short) (C.SETSIGMASK_FLAG | C.SETSIGDEF_FLAG | (setsid ? C.SETSID_FLAG : 0));
                C.check(C.call(C.SETFLAGS, attr, flags));

                MemorySegment argv = strings(arena, command);
                MemorySegment envp = env == null ? C.environ() : strings(arena, env.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).toList());
                MemorySegment pid = arena.allocate(JAVA_INT);
                int rc = C.spawn(pid, arena.allocateFrom(command.get(0)), actions, attr, argv, envp);
                if (rc != 0) throw OSError.of(rc, executable);
                SpawnedProcess p = new Child(pid.get(JAVA_INT, 0), parentEnds);
                parentEnds[0] = parentEnds[1] = parentEnds[2] = -1;
                return p;
            } finally {
                C.call(C.ATTR_DESTROY, attr);
                C.call(C.ACTIONS_DESTROY, actions);
            }
        } finally {
            for (int fd : toClose) C.close(fd);
            for (int fd : parentEnds) if (fd >= 0) C.close(fd);
        }
    }

    /**
     * Adds the file actions that give the child its descriptor {@code slot}: a new pipe (the
     * parent's end kept in {@code parentEnds}), or a file opened here, in the parent, so that a
     * failure names the file as the JDK's launch does.
     */
    private static void redirect(Arena arena, MemorySegment actions, int slot, Redirect r, int[] parentEnds, List<Integer> toClose) {
        int childFd;
        switch (r.type()) {
            case INHERIT:
                return;
            case PIPE: {
                int[] ends = C.pipe(arena);
                toClose.add(slot == 0 ? ends[0] : ends[1]);
                parentEnds[slot] = slot == 0 ? ends[1] : ends[0];
                childFd = slot == 0 ? ends[0] : ends[1];
                break;
            }
            default: {
                int flags = switch (r.type()) {
                    case READ -> C.O_RDONLY;
                    case APPEND -> C.O_WRONLY | C.O_CREAT | C.O_APPEND;
                    default -> C.O_WRONLY | C.O_CREAT | C.O_TRUNC;
                };
                childFd = C.open(arena, r.file().getPath(), flags);
                toClose.add(childFd);
            }
        }
        C.check(C.call(C.ADD_DUP2, actions, childFd, slot));
    }

    /** A NULL-terminated {@code char *[]} of C strings. */
    private static MemorySegment strings(Arena arena, List<String> list) {
        MemorySegment array = arena.allocate(ADDRESS, list.size() + 1);
        for (int i = 0; i < list.size(); i++) array.setAtIndex(ADDRESS, i, arena.allocateFrom(list.get(i)));
        array.setAtIndex(ADDRESS, list.size(), MemorySegment.NULL);
        return array;
    }

    /** The spawned child: its pipes, and its raw wait status from a reaper thread's {@code waitpid}. */
    private static final class Child extends SpawnedProcess {
        private final int pid;
        private final OutputStream stdin;
        private final InputStream stdout, stderr;
        private final CompletableFuture<Integer> status = new CompletableFuture<>();

        Child(int pid, int[] ends) {
            this.pid = pid;
            stdin = ends[0] < 0 ? OutputStream.nullOutputStream() : new BufferedOutputStream((OutputStream) reopen(ends[0], true));
            stdout = ends[1] < 0 ? InputStream.nullInputStream() : new BufferedInputStream((InputStream) reopen(ends[1], false));
            stderr = ends[2] < 0 ? InputStream.nullInputStream() : new BufferedInputStream((InputStream) reopen(ends[2], false));
            Reaper.POOL.execute(() -> {
                java.lang.Thread.currentThread().setName("process reaper (pid " + pid + ")");
                status.complete(C.waitpid(pid));
                java.lang.Thread.currentThread().setName("process reaper");
            });
        }

        /**
         * A raw pipe end as a Java stream: {@code /proc/self/fd/N} opened again is a new
         * descriptor of the same pipe (Java has no public way to wrap a number); N is closed.
         */
        private static java.io.Closeable reopen(int fd, boolean write) {
            try {
                String path = "/proc/self/fd/" + fd;
                return write ? new FileOutputStream(path) : new FileInputStream(path);
            } catch (FileNotFoundException e) {
                throw new UncheckedIOException(e);
            } finally {
                C.close(fd);
            }
        }

        @Override
        public OutputStream getOutputStream() {
            return stdin;
        }

        @Override
        public InputStream getInputStream() {
            return stdout;
        }

        @Override
        public InputStream getErrorStream() {
            return stderr;
        }

        @Override
        public int waitFor() throws InterruptedException {
            try {
                return javaExit(status.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }

        @Override
        public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
            try {
                status.get(timeout, unit);
                return true;
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }

        @Override
        public int exitValue() {
            Integer s = status.getNow(null);
            if (s == null) throw new IllegalThreadStateException("process hasn't exited");
            return javaExit(s);
        }

        /** The JDK's convention: the exit status, or {@code 128 + N} for death by signal N. */
        private static int javaExit(int raw) {
            return (raw & 0x7f) != 0 ? 0x80 + (raw & 0x7f) : raw >> 8 & 0xff;
        }

        @Override
        int returncode() {
            int raw = status.join();
            return (raw & 0x7f) != 0 ? -(raw & 0x7f) : raw >> 8 & 0xff;
        }

        @Override
        public boolean isAlive() {
            return !status.isDone();
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public ProcessHandle toHandle() {
            return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("process " + pid + " has exited"));
        }

        @Override
        public CompletableFuture<Process> onExit() {
            return status.thenApply(s -> this);
        }

        @Override
        public boolean supportsNormalTermination() {
            return true;
        }

        @Override
        public void destroy() {
            signal(15);
        }

        @Override
        public Process destroyForcibly() {
            signal(9);
            return this;
        }

        /** Not once reaped: the pid may belong to another process by then. */
        private synchronized void signal(int sig) {
            if (!status.isDone()) C.kill(pid, sig);
        }
    }

    /** Cached daemon threads that each wait for one child, as the JDK's own reaper pool. */
    private static final class Reaper {
        static final ExecutorService POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    java.lang.Thread t = new java.lang.Thread(null, r, "process reaper", 128 * 1024, false);
                    t.setDaemon(true);
                    return t;
                });
    }

    /** The C library functions, bound on first use (after the native access check). */
    private static final class C {
        static final int O_RDONLY = 0, O_WRONLY = 1, O_CREAT = 0100, O_TRUNC = 01000, O_APPEND = 02000, O_CLOEXEC = 02000000;
        static final int SETSIGDEF_FLAG = 0x04, SETSIGMASK_FLAG = 0x08, SETSID_FLAG = 0x80;
        /** sizeof(posix_spawn_file_actions_t) is 80 and sizeof(posix_spawnattr_t) 336 on x86-64 glibc: room to spare. */
        static final long ACTIONS_SIZE = 256, ATTR_SIZE = 512;
        private static final Linker LINKER = Linker.nativeLinker();
        private static final SymbolLookup LIBC = LINKER.defaultLookup();
        private static final StructLayout ERRNO_STATE = Linker.Option.captureStateLayout();
        private static final VarHandle ERRNO = ERRNO_STATE.varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
        private static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");

        static final MethodHandle ACTIONS_INIT = fn("posix_spawn_file_actions_init", JAVA_INT, ADDRESS);
        static final MethodHandle ACTIONS_DESTROY = fn("posix_spawn_file_actions_destroy", JAVA_INT, ADDRESS);
        static final MethodHandle ADD_DUP2 = fn("posix_spawn_file_actions_adddup2", JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
        static final MethodHandle ADD_CLOSEFROM = fn("posix_spawn_file_actions_addclosefrom_np", JAVA_INT, ADDRESS, JAVA_INT);
        static final MethodHandle ADD_CHDIR = fn("posix_spawn_file_actions_addchdir_np", JAVA_INT, ADDRESS, ADDRESS);
        static final MethodHandle ATTR_INIT = fn("posix_spawnattr_init", JAVA_INT, ADDRESS);
        static final MethodHandle ATTR_DESTROY = fn("posix_spawnattr_destroy", JAVA_INT, ADDRESS);
        static final MethodHandle SETFLAGS = fn("posix_spawnattr_setflags", JAVA_INT, ADDRESS, JAVA_SHORT);
        static final MethodHandle SETSIGMASK = fn("posix_spawnattr_setsigmask", JAVA_INT, ADDRESS, ADDRESS);
        static final MethodHandle SETSIGDEFAULT = fn("posix_spawnattr_setsigdefault", JAVA_INT, ADDRESS, ADDRESS);
        private static final MethodHandle SPAWNP = fn("posix_spawnp", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
        private static final MethodHandle WAITPID = errnoFn("waitpid", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
        private static final MethodHandle PIPE2 = errnoFn("pipe2", JAVA_INT, ADDRESS, JAVA_INT);
        private static final MethodHandle OPEN = errnoFn("open", JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
        private static final MethodHandle CLOSE = fn("close", JAVA_INT, JAVA_INT);
        private static final MethodHandle KILL = errnoFn("kill", JAVA_INT, JAVA_INT, JAVA_INT);
        private static final MemorySegment ENVIRON = LIBC.find("environ").orElseThrow().reinterpret(8);

        static boolean available() {
            return SPAWNP != null && ADD_CLOSEFROM != null && ADD_CHDIR != null && SETFLAGS != null;
        }

        private static MethodHandle fn(String name, java.lang.foreign.MemoryLayout ret, java.lang.foreign.MemoryLayout... args) {
            Optional<MemorySegment> f = LIBC.find(name);
            return f.map(s -> LINKER.downcallHandle(s, FunctionDescriptor.of(ret, args))).orElse(null);
        }

        private static MethodHandle errnoFn(String name, java.lang.foreign.MemoryLayout ret, java.lang.foreign.MemoryLayout... args) {
            return LIBC.find(name).map(s -> LINKER.downcallHandle(s, FunctionDescriptor.of(ret, args), CAPTURE)).orElseThrow();
        }

        /** A call of one of the handles above; the C return value. */
        static int call(MethodHandle h, Object... args) {
            try {
                return (int) h.invokeWithArguments(args);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }

        /** A posix_spawn* function's result: 0, or the error number. */
        static void check(int rc) {
            if (rc != 0) throw OSError.of(rc, null);
        }

        static MemorySegment environ() {
            return ENVIRON.get(ADDRESS, 0);
        }

        static int spawn(MemorySegment pid, MemorySegment file, MemorySegment actions, MemorySegment attr,
                MemorySegment argv, MemorySegment envp) {
            try {
                return (int) SPAWNP.invokeExact(pid, file, actions, attr, argv, envp);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }

        /** Blocks until the child ends; its raw wait status. */
        static int waitpid(int pid) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment status = arena.allocate(JAVA_INT);
                MemorySegment errno = arena.allocate(ERRNO_STATE);
                while (true) {
                    int rc = (int) WAITPID.invokeExact(errno, pid, status, 0);
                    if (rc == pid) return status.get(JAVA_INT, 0);
                    if ((int) ERRNO.get(errno, 0L) != 4) throw OSError.of((int) ERRNO.get(errno, 0L), null); // not EINTR
                }
            } catch (RuntimeException e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }

        /** A pipe, both ends close-on-exec: {@code {read, write}}. */
        static int[] pipe(Arena arena) {
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            MemorySegment errno = arena.allocate(ERRNO_STATE);
            try {
                if ((int) PIPE2.invokeExact(errno, fds, O_CLOEXEC) != 0) throw OSError.of((int) ERRNO.get(errno, 0L), null);
            } catch (RuntimeException e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
            return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
        }

        static int open(Arena arena, String path, int flags) {
            MemorySegment errno = arena.allocate(ERRNO_STATE);
            try {
                int fd = (int) OPEN.invokeExact(errno, arena.allocateFrom(path), flags | O_CLOEXEC, 0666);
                if (fd < 0) throw OSError.of((int) ERRNO.get(errno, 0L), path);
                return fd;
            } catch (RuntimeException e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }

        static void close(int fd) {
            call(CLOSE, fd);
        }

        /** {@code kill(2)}: 0, or the error number. */
        static int kill(int pid, int sig) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment errno = arena.allocate(ERRNO_STATE);
                return (int) KILL.invokeExact(errno, pid, sig) == 0 ? 0 : (int) ERRNO.get(errno, 0L);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }
}
