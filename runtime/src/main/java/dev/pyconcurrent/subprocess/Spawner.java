package dev.pyconcurrent.subprocess;

import dev.pyconcurrent.builtins.OSError;
import dev.pyconcurrent.os.NativeAccess;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A launch without {@link ProcessBuilder}: one {@code posix_spawnp} (glibc's
 * {@code clone(CLONE_VM|CLONE_VFORK)} + one {@code exec}, as CPython's {@code vfork} path), and
 * the waiting thread reaps the child itself, as CPython's {@code waitpid} does, where the JDK's
 * default launch pays a second {@code exec} (of {@code jspawnhelper}), hands every child to a
 * reaper thread and reports a signal death as {@code 128 + N}.
 *
 * <p>The algorithm is written once, here, over a few C library calls ({@link Calls}) that two
 * bindings provide: the FFM API on JDK 22+
 * ({@code META-INF/versions/22/dev/pyconcurrent/subprocess/PosixSpawn.class} of the
 * multi-release jar, used only when the JVM grants native access, DESIGN §3), and below JDK 22 a
 * small JNI library ({@link JniCalls}, {@code runtime/src/main/c/pyconcurrent.c}, built by gcc
 * with the runtime). Without either ({@code -Dpyconcurrent.ffm=false}, no grant on JDK 22+, no
 * library in the jar, a C library without {@code posix_spawn_file_actions_addclosefrom_np}, a
 * kernel without {@code pidfd_open}), launches go through {@link ProcessBuilder}. See
 * docs/deviations/subprocess.adoc.
 *
 * <p>Waiting: a {@code pidfd} (Linux 5.3+) of the child is polled in slices of
 * {@link #SLICE_MILLIS} by whichever thread waits, which then reaps with {@code waitpid(WNOHANG)};
 * between slices it sees an interrupt or its deadline. Reaping happens once, under the
 * {@link Exit}'s lock, which a kill takes too, so a signal never reaches a recycled pid. A child
 * nobody waited for is reaped on a thread once its {@link Child} is unreachable (CPython reaps
 * such children at the next launch).
 */
final class Spawner {
    /** The native launcher, or null where it cannot be used. */
    static final Spawner NATIVE = choose();
    /** How long a waiter blocks in {@code poll} before it looks at its interrupt flag and deadline. */
    static final int SLICE_MILLIS = 20;
    private static final long SLICE_NANOS = SLICE_MILLIS * 1_000_000L;
    private static final int EAGAIN = 11, EBADF = 9;
    private static final int O_RDONLY = 0, O_WRONLY = 1, O_CREAT = 0100, O_TRUNC = 01000, O_APPEND = 02000;

    private final Calls calls;

    private Spawner(Calls calls) {
        this.calls = calls;
    }

    private static Spawner choose() {
        Calls c = NativeAccess.load(java.lang.invoke.MethodHandles.lookup(), "dev.pyconcurrent.subprocess.PosixSpawn",
                Calls.class, Calls::usable);
        if (c == null) c = JniCalls.load();
        return c == null ? null : new Spawner(c);
    }

    /**
     * The C library calls the launch needs. Strings go as NUL-terminated UTF-8 bytes; a list of
     * strings as those bytes one after another. Errors come back as {@code -errno}.
     */
    abstract static class Calls {
        /** Every function and the kernel's {@code pidfd_open} are there. */
        abstract boolean usable();

        /** {@code pipe2(O_CLOEXEC)}, the read end {@code O_NONBLOCK} if asked: {@code read << 32 | write}, or -errno. */
        abstract long pipe(boolean nonblockingRead);

        /** {@code read(2)} of a non-blocking descriptor into {@code b[off, off + len)}, EINTR retried: the count, 0 at the end, {@code -EAGAIN} when nothing is there now, or -errno. */
        abstract int read(int fd, byte[] b, int off, int len);

        /** {@code open(path, flags | O_CLOEXEC, 0666)}: the descriptor, or -errno. */
        abstract int open(byte[] path, int flags);

        abstract void close(int fd);

        /**
         * {@code posix_spawnp} of {@code file}: {@code dup2} holds (from, to) pairs applied in
         * order, then every descriptor from 3 up is closed, then {@code chdir(cwd)} (null: stay);
         * {@code envp} null passes the JVM's {@code environ}; no signal blocked, SIGPIPE and
         * SIGXFSZ at their defaults (CPython's {@code restore_signals}); {@code setsid} as
         * {@code POSIX_SPAWN_SETSID}. The pid, or -errno.
         */
        abstract int spawn(byte[] file, byte[] argv, byte[] envp, int[] dup2, byte[] cwd, boolean setsid);

        /** {@code pidfd_open(pid, 0)}: the descriptor, or -errno. */
        abstract int pidfdOpen(int pid);

        /** {@code poll} for {@code POLLIN} on {@code fd}: 1 ready, 0 timed out or EINTR, or -errno. */
        abstract int poll(int fd, int millis);

        /** {@code waitpid(pid, block ? 0 : WNOHANG)}, EINTR retried: the raw status, {@code -EAGAIN} while running, or -errno. */
        abstract int waitpid(int pid, boolean block);

        /** {@code kill(2)}: 0 or the error number. */
        abstract int kill(int pid, int sig);
    }

    /** {@code kill(2)}: {@code target} a pid, or minus a process group id; 0 or the error number. */
    int kill(long target, int sig) {
        return calls.kill((int) target, sig);
    }

    /**
     * Starts {@code command} (searched in the JVM's {@code PATH} when it has no slash) with
     * {@code env} (null: the JVM's), in {@code cwd} (null: the JVM's), every descriptor above 2
     * closed; {@code err == null} sends stderr to stdout; {@code setsid} makes it a session
     * leader. A failed start raises CPython's OSError for {@code executable}.
     */
    SpawnedProcess spawn(List<String> command, String executable, Map<String, String> env, String cwd,
            Redirect in, Redirect out, Redirect err, boolean setsid) {
        int[] parentEnds = {-1, -1, -1};
        int[] childEnds = {-1, -1, -1};
        int[] dup2 = new int[6];
        int actions = 0;
        try {
            actions = redirect(0, in, parentEnds, childEnds, dup2, actions);
            actions = redirect(1, out, parentEnds, childEnds, dup2, actions);
            if (err == null) {
                dup2[actions++] = 1;
                dup2[actions++] = 2;
            } else {
                actions = redirect(2, err, parentEnds, childEnds, dup2, actions);
            }
            StringBuilder envBlock = null;
            if (env != null) {
                envBlock = new StringBuilder();
                for (Map.Entry<String, String> e : env.entrySet()) envBlock.append(e.getKey()).append('=').append(e.getValue()).append('\0');
            }
            StringBuilder argv = new StringBuilder();
            for (String a : command) argv.append(a).append('\0');
            int pid = calls.spawn(c(command.get(0)), bytes(argv), envBlock == null ? null : bytes(envBlock),
                    java.util.Arrays.copyOf(dup2, actions), cwd == null ? null : c(cwd), setsid);
            if (pid < 0) throw OSError.of(-pid, executable);
            int pidfd = calls.pidfdOpen(pid);
            if (pidfd < 0) {
                // out of descriptors right after the start: end the child rather than lose track of it
                calls.kill(pid, 9);
                calls.waitpid(pid, true);
                throw OSError.of(-pidfd, null);
            }
            Child p = new Child(new Exit(calls, pid, pidfd), parentEnds);
            parentEnds[0] = parentEnds[1] = parentEnds[2] = -1;
            return p;
        } finally {
            for (int fd : childEnds) if (fd >= 0) calls.close(fd);
            for (int fd : parentEnds) if (fd >= 0) calls.close(fd);
        }
    }

    /**
     * Gives the child its descriptor {@code slot}: a new pipe (the parent's end kept in
     * {@code parentEnds}), or a file opened here, in the parent, so that a failure names the file
     * as the JDK's launch does. Returns the new length of {@code dup2}.
     */
    private int redirect(int slot, Redirect r, int[] parentEnds, int[] childEnds, int[] dup2, int actions) {
        switch (r.type()) {
            case INHERIT:
                return actions;
            case PIPE: {
                long ends = calls.pipe(slot != 0); // the parent's end of an output pipe never blocks (PipeInput)
                if (ends < 0) throw OSError.of((int) -ends, null);
                int read = (int) (ends >>> 32), write = (int) ends;
                parentEnds[slot] = slot == 0 ? write : read;
                childEnds[slot] = slot == 0 ? read : write;
                break;
            }
            default: {
                int flags = switch (r.type()) {
                    case READ -> O_RDONLY;
                    case APPEND -> O_WRONLY | O_CREAT | O_APPEND;
                    default -> O_WRONLY | O_CREAT | O_TRUNC;
                };
                String path = r.file().getPath();
                int fd = calls.open(c(path), flags);
                if (fd < 0) throw OSError.of(-fd, path);
                childEnds[slot] = fd;
            }
        }
        dup2[actions] = childEnds[slot];
        dup2[actions + 1] = slot;
        return actions + 2;
    }

    /** A NUL-terminated C string. */
    private static byte[] c(String s) {
        return bytes(new StringBuilder(s).append('\0'));
    }

    private static byte[] bytes(CharSequence s) {
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A descriptor that threads wait on with {@code poll} in slices (so that each sees its
     * interrupt and deadline between them), closed once closing was asked for and no thread
     * polls it any more: a descriptor number closed under a poller could be reused by another
     * open in the meantime. Guarded by this object's lock.
     */
    private static class PolledFd {
        final Calls calls;
        private int fd;
        private int pollers;
        private boolean closing;

        PolledFd(Calls calls, int fd) {
            this.calls = calls;
            this.fd = fd;
        }

        /**
         * Waits until {@code fd} is readable (or has hung up), the deadline (System.nanoTime;
         * Long.MAX_VALUE: none) passes, or the thread is interrupted (InterruptedException, the flag
         * cleared). True if it is readable or closed; false after one slice or at the deadline.
         */
        final boolean pollSlice(long deadline) throws InterruptedException {
            if (java.lang.Thread.interrupted()) throw new InterruptedException();
            long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
            return left > 0 && poll(left >= SLICE_NANOS ? SLICE_MILLIS : (int) ((left + 999_999) / 1_000_000));
        }

        /** True if {@code fd} is readable (or has hung up) right now, or is closed. */
        final boolean readyNow() {
            return poll(0);
        }

        private boolean poll(int millis) {
            int polled;
            synchronized (this) {
                if (closing) return true;
                polled = fd;
                pollers++;
            }
            try {
                int rc = calls.poll(polled, millis);
                if (rc < 0) throw OSError.of(-rc, null);
                return rc > 0;
            } finally {
                synchronized (this) {
                    if (--pollers == 0 && closing) closeNow();
                }
            }
        }

        /**
         * {@code read(2)} of the (non-blocking) descriptor, as {@link Calls#read}; {@code -EBADF}
         * once closing was asked for, since the number may belong to another file by then.
         */
        final int read(byte[] b, int off, int len) {
            int reading;
            synchronized (this) {
                if (closing) return -EBADF;
                reading = fd;
                pollers++;
            }
            try {
                return calls.read(reading, b, off, len);
            } finally {
                synchronized (this) {
                    if (--pollers == 0 && closing) closeNow();
                }
            }
        }

        /** Closes the descriptor now, or when its last poller (or reader) returns. */
        final synchronized void close() {
            closing = true;
            if (pollers == 0) closeNow();
        }

        private void closeNow() {
            if (fd >= 0) calls.close(fd);
            fd = -1;
        }
    }

    /**
     * A spawned child's end: its pid, its pidfd (closed once it is reaped), and its raw wait
     * status once reaped. Reaping and killing take this object's lock.
     */
    private static final class Exit extends PolledFd implements Runnable {
        final int pid;
        /** The raw wait status, or -1 while the child is not reaped. */
        volatile int status = -1;

        Exit(Calls calls, int pid, int pidfd) {
            super(calls, pidfd);
            this.pid = pid;
        }

        /** Reaps the child if it has ended; true once it is reaped. */
        synchronized boolean tryReap() {
            if (status >= 0) return true;
            int s = calls.waitpid(pid, false);
            if (s == -EAGAIN) return false;
            settle(s < 0 ? 0xff00 : s); // ECHILD: someone else reaped it; CPython then reports 255
            return true;
        }

        private synchronized void settle(int raw) {
            status = raw;
            close();
        }

        /** Waits until the child is reaped or {@code deadline} (System.nanoTime; Long.MAX_VALUE: none) passes. */
        boolean await(long deadline) throws InterruptedException {
            while (status < 0) {
                boolean ready = pollSlice(deadline);
                if (tryReap()) return true;
                if (!ready && deadline != Long.MAX_VALUE && deadline - System.nanoTime() <= 0) return false;
            }
            return true;
        }

        /** {@code kill(2)}, but not once reaped: the pid may belong to another process by then. */
        synchronized void signal(int sig) {
            if (status < 0) calls.kill(pid, sig);
        }

        /** The {@link Child} became unreachable unreaped: reap it on a thread of its own, so no zombie nor pidfd stays. */
        @Override
        public void run() {
            if (tryReap()) return;
            java.lang.Thread t = new java.lang.Thread(null, () -> {
                int s = calls.waitpid(pid, true);
                settle(s < 0 ? 0xff00 : s);
            }, "process reaper (pid " + pid + ")", 128 * 1024, false);
            t.setDaemon(true);
            t.start();
        }
    }

    /**
     * The parent's end of a pipe from the child, read with the binding's own {@code read(2)} on
     * the descriptor, which is non-blocking: a read that finds data costs that one system call and
     * lands in the caller's array (no JDK stream layer, no copy); only a read that would block
     * polls, in slices, so that a blocked read sees an interrupt: it throws
     * {@link java.io.InterruptedIOException} with the thread's flag kept set. CPython's read of a
     * pipe is interrupted by a KeyboardInterrupt too; a read of the JDK's pipe stream is not.
     */
    private static final class PipeInput extends InputStream {
        private final PolledFd raw;
        private final byte[] one = new byte[1];

        PipeInput(Calls calls, int fd) {
            raw = new PolledFd(calls, fd);
            Abandoned.CLEANER.register(this, raw::close); // a stream dropped unclosed
        }

        @Override
        public int read() throws java.io.IOException {
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) return 0;
            while (true) {
                if (java.lang.Thread.currentThread().isInterrupted()) throw interrupted(null);
                int n = raw.read(b, off, len);
                if (n > 0) return n;
                if (n == 0) return -1;
                if (n == -EBADF) throw new java.io.IOException("Stream closed");
                if (n != -EAGAIN) throw new java.io.IOException(OSError.of(-n, null).getMessage());
                awaitData();
            }
        }

        /** Polls in slices until the pipe has data or has hung up, seeing an interrupt between slices. */
        private void awaitData() throws java.io.InterruptedIOException {
            try {
                while (!raw.pollSlice(Long.MAX_VALUE)) {
                    // one slice without data: look at the interrupt flag again
                }
            } catch (InterruptedException e) {
                java.lang.Thread.currentThread().interrupt();
                throw interrupted(e);
            }
        }

        private static java.io.InterruptedIOException interrupted(InterruptedException cause) {
            java.io.InterruptedIOException x = new java.io.InterruptedIOException("interrupted while reading a pipe");
            if (cause != null) x.initCause(cause);
            return x;
        }

        /** 1 when a read would not block, else 0: one {@code poll}. */
        @Override
        public int available() {
            return raw.readyNow() ? 1 : 0;
        }

        @Override
        public void close() {
            raw.close();
        }
    }

    /**
     * The buffer over a {@link PipeInput}: a read of at least its buffer's size with nothing
     * buffered goes straight to the pipe and returns what one read gave, where
     * {@link BufferedInputStream} would ask {@code available()} (a {@code poll}) after it.
     */
    private static final class PipeBuffer extends BufferedInputStream {
        PipeBuffer(InputStream in) {
            super(in);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws java.io.IOException {
            InputStream pipe = in;
            if (pipe != null && pos >= count && markpos < 0 && len >= buf.length) return pipe.read(b, off, len);
            return super.read(b, off, len);
        }
    }

    /** The thread that sees a {@link Child} become unreachable, started with the first native launch. */
    private static final class Abandoned {
        static final Cleaner CLEANER = Cleaner.create(r -> {
            java.lang.Thread t = new java.lang.Thread(null, r, "process reaper (cleaner)", 128 * 1024, false);
            t.setDaemon(true);
            return t;
        });
    }

    /** A child started by {@link #spawn}: a {@link Process} that also knows Python's exact return code. */
    abstract static class SpawnedProcess extends Process {
        /** The return code once the child is reaped: the exit status, or {@code -N} for death by signal N. */
        abstract int returncode();

        /** {@code kill(2)} of the child with {@code sig}, unless it is already reaped. */
        abstract void signal(int sig);
    }

    /** The spawned child: its pipes, and its {@link Exit}. */
    private static final class Child extends SpawnedProcess {
        private final Exit exit;
        private final OutputStream stdin;
        private final InputStream stdout, stderr;

        Child(Exit exit, int[] ends) {
            this.exit = exit;
            stdin = ends[0] < 0 ? OutputStream.nullOutputStream() : new BufferedOutputStream(pipeOutput(exit.calls, ends[0]));
            stdout = ends[1] < 0 ? InputStream.nullInputStream() : new PipeBuffer(new PipeInput(exit.calls, ends[1]));
            stderr = ends[2] < 0 ? InputStream.nullInputStream() : new PipeBuffer(new PipeInput(exit.calls, ends[2]));
            Abandoned.CLEANER.register(this, exit);
        }

        /**
         * The write end to the child's stdin as a Java stream: {@code /proc/self/fd/N} opened again
         * is a new descriptor of the same pipe (Java has no public way to wrap a number); N is closed.
         */
        private static OutputStream pipeOutput(Calls calls, int fd) {
            try {
                return new FileOutputStream("/proc/self/fd/" + fd);
            } catch (FileNotFoundException e) {
                throw new UncheckedIOException(e);
            } finally {
                calls.close(fd);
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
            exit.await(Long.MAX_VALUE);
            return javaExit(exit.status);
        }

        @Override
        public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
            long nanos = unit.toNanos(timeout);
            return exit.await(nanos >= Long.MAX_VALUE / 2 ? Long.MAX_VALUE : System.nanoTime() + nanos);
        }

        @Override
        public int exitValue() {
            if (!exit.tryReap()) throw new IllegalThreadStateException("process hasn't exited");
            return javaExit(exit.status);
        }

        /** The JDK's convention: the exit status, or {@code 128 + N} for death by signal N. */
        private static int javaExit(int raw) {
            return (raw & 0x7f) != 0 ? 0x80 + (raw & 0x7f) : raw >> 8 & 0xff;
        }

        @Override
        int returncode() {
            Subprocess.waitFor(this);
            int raw = exit.status;
            return (raw & 0x7f) != 0 ? -(raw & 0x7f) : raw >> 8 & 0xff;
        }

        @Override
        public boolean isAlive() {
            return !exit.tryReap();
        }

        @Override
        public long pid() {
            return exit.pid;
        }

        @Override
        public ProcessHandle toHandle() {
            return ProcessHandle.of(exit.pid).orElseThrow(() -> new IllegalStateException("process " + exit.pid + " has exited"));
        }

        @Override
        public CompletableFuture<Process> onExit() {
            return CompletableFuture.supplyAsync(() -> {
                Subprocess.waitFor(this);
                return this;
            });
        }

        @Override
        public boolean supportsNormalTermination() {
            return true;
        }

        @Override
        void signal(int sig) {
            exit.signal(sig);
        }

        @Override
        public void destroy() {
            exit.signal(15);
        }

        @Override
        public Process destroyForcibly() {
            exit.signal(9);
            return this;
        }
    }
}
