package dev.pyconcurrent.subprocess;

import dev.pyconcurrent.builtins.KeyboardInterrupt;
import dev.pyconcurrent.builtins.OSError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.builtins.TypeError;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.time.Time;
import dev.pyconcurrent.time.Timeout;
import java.io.File;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Python's {@code subprocess.Popen} on POSIX: a real OS process started by the runtime's own
 * {@code posix_spawnp} ({@link Spawner}) or, where that cannot be used, {@link ProcessBuilder}, with CPython's arguments (see {@link Options}), errors, return codes
 * (negative {@code -N} for death by signal {@code N}) and {@code communicate()} semantics.
 * {@code try (Popen p = new Popen(...))} is Python's {@code with Popen(...) as p:}: leaving it
 * closes the pipes and waits for the child.
 *
 * <p>Streams: {@link #stdin()} / {@link #stdout()} / {@link #stderr()} are the parent's ends
 * of the pipes (null unless that stream is {@link Subprocess#PIPE}), always binary; in text
 * mode {@link #communicate} decodes with {@link #encoding()} / {@link #errors()} and
 * translates newlines, as CPython does.
 */
public class Popen implements AutoCloseable {
    /** Python's keyword arguments of {@code Popen()}, fluent; see {@link Options}. */
    public static Options options() {
        return new Options();
    }

    private final Object args;
    private final Process process;
    private final OutputStream stdin;
    private final InputStream stdout;
    private final InputStream stderr;
    private final boolean textMode;
    private final String encoding;
    private final String errors;
    private Charset charset;
    private volatile Integer returncode;
    /** Exact mode only: the supervisor's report file (child pid, then raw wait status); see {@link Launch#EXACT}. */
    private final Path statusFile;
    private volatile long childPid = -1;
    /** The runtime started the shell in a process group of its own ({@link Launch#ownGroup}): signals go to the group. */
    private final boolean signalsGroup;

    // communicate() state, kept across a timed-out call so that a retry continues it (as CPython's).
    private boolean communicationStarted;
    private Pump outPump, errPump;
    private java.lang.Thread inputWriter;
    private byte[] savedInput;

    public Popen(List<String> args) {
        this(args, new Options());
    }

    public Popen(String args) {
        this(args, new Options());
    }

    public Popen(List<String> args, Options options) {
        this(Subprocess.frozen(args), options, "Popen.__init__()");
    }

    public Popen(String args, Options options) {
        this((Object) args, options, "Popen.__init__()");
    }

    Popen(Object args, Options o, String function) {
        o.rejectRunOnly(function);
        if (o.stdout instanceof Integer i && i == Subprocess.STDOUT) throw new ValueError("STDOUT can only be used for stderr");
        if (o.passFds.length > 0) {
            throw new ValueError("pass_fds is not supported on the JVM: the JDK closes every descriptor above 2 in "
                    + "the child and Java code holds no raw descriptors to pass");
        }
        if (!o.closeFds) {
            throw new ValueError("close_fds=False is not supported on the JVM: the JDK always closes every "
                    + "descriptor above 2 in the child");
        }
        this.args = args;
        if (o.text != null && o.universalNewlines != null && o.text.booleanValue() != o.universalNewlines.booleanValue()) {
            throw new SubprocessError("Cannot disambiguate when both text and universal_newlines are supplied but "
                    + "different. Pass one or the other.");
        }
        this.textMode = o.encoding != null || o.errors != null || Boolean.TRUE.equals(o.text)
                || Boolean.TRUE.equals(o.universalNewlines);
        this.encoding = textMode && o.encoding == null ? Text.localeEncoding() : o.encoding;
        this.errors = o.errors;

        Launch launch = Launch.plan(args, o);
        Redirect in = inputRedirect(o.stdin), out = outputRedirect(o.stdout, 1);
        Redirect err = o.stderr instanceof Integer i && i == Subprocess.STDOUT ? null : outputRedirect(o.stderr, 2);
        boolean anyPipe = isPipe(o.stdin) || isPipe(o.stdout) || isPipe(o.stderr);
        if (textMode && anyPipe) charset = Text.charset(encoding);
        statusFile = launch.statusFile;
        signalsGroup = launch.ownGroup;
        process = Spawner.NATIVE != null
                ? Spawner.NATIVE.spawn(launch.withoutSetsid(), launch.executable, o.env, o.cwd, in, out, err, launch.setsidFirst)
                : start(launch, o, in, out, err);
        stdin = isPipe(o.stdin) ? process.getOutputStream() : null;
        stdout = isPipe(o.stdout) ? process.getInputStream() : null;
        stderr = isPipe(o.stderr) ? process.getErrorStream() : null;
    }

    /** The JDK's launch ({@link ProcessBuilder}), where the FFM one ({@link Spawner}) cannot be used. */
    private static Process start(Launch launch, Options o, Redirect in, Redirect out, Redirect err) {
        ProcessBuilder pb = new ProcessBuilder(launch.command);
        if (o.env != null) {
            Map<String, String> e = pb.environment();
            e.clear();
            e.putAll(o.env);
        }
        if (o.cwd != null) pb.directory(new File(o.cwd));
        pb.redirectInput(in);
        pb.redirectOutput(out);
        if (err == null) pb.redirectErrorStream(true);
        else pb.redirectError(err);
        try {
            return pb.start();
        } catch (IOException e) {
            throw launch.error(e);
        }
    }

    private static boolean isPipe(Object target) {
        return target instanceof Integer i && i == Subprocess.PIPE;
    }

    private static Redirect inputRedirect(Object target) {
        if (target == null) return Redirect.INHERIT;
        if (target instanceof Integer i) {
            if (i == Subprocess.PIPE) return Redirect.PIPE;
            if (i == Subprocess.DEVNULL) return Redirect.from(new File("/dev/null"));
            if (i == Subprocess.STDOUT) return Redirect.INHERIT; // CPython passes -2 through: no redirection
        }
        if (target instanceof File f) return Redirect.from(f);
        if (target instanceof Redirect r) return r;
        throw unsupportedDescriptor("stdin", target);
    }

    private static Redirect outputRedirect(Object target, int slot) {
        if (target == null) return Redirect.INHERIT;
        if (target instanceof Integer i) {
            if (i == Subprocess.PIPE) return Redirect.PIPE;
            if (i == Subprocess.DEVNULL) return Redirect.DISCARD;
        }
        if (target instanceof File f) return Redirect.to(f);
        if (target instanceof Redirect r) return r;
        throw unsupportedDescriptor(slot == 1 ? "stdout" : "stderr", target);
    }

    private static ValueError unsupportedDescriptor(String name, Object target) {
        return new ValueError(name + "=" + Py.str(target) + " is not supported on the JVM: a child can get PIPE, "
                + "DEVNULL, a file, a Redirect, or the JVM's own descriptor of the same number");
    }

    // ------------------------------------------------------------ attributes

    /** The list or string the process was started with, Python's {@code p.args}. */
    public Object args() {
        return args;
    }

    /** The child's process id (in exact-returncode mode the program's, not its supervisor's). */
    public long pid() {
        if (statusFile == null) return process.pid();
        if (childPid < 0) childPid = supervisedPid();
        return childPid;
    }

    /**
     * The pid the supervisor writes as the first line of its report, right after its fork (a
     * few milliseconds after the launch). Not cut short by an interrupt, which is kept for the
     * caller: kill() must still find the child when a KeyboardInterrupt is being handled.
     */
    private long supervisedPid() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        boolean interrupted = java.lang.Thread.interrupted();
        try {
            while (true) {
                List<String> lines = report();
                if (!lines.isEmpty()) return Long.parseLong(lines.get(0));
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    lines = report();
                    if (!lines.isEmpty()) return Long.parseLong(lines.get(0));
                    throw new OSError("the exact-returncode supervisor of " + Py.repr(args) + " did not report its child");
                }
                java.util.concurrent.locks.LockSupport.parkNanos(50_000);
                interrupted |= java.lang.Thread.interrupted();
            }
        } finally {
            if (interrupted) java.lang.Thread.currentThread().interrupt();
        }
    }

    /** The complete lines of the supervisor's report so far. */
    private List<String> report() {
        try {
            String text = Files.readString(statusFile);
            int end = text.lastIndexOf('\n');
            return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The exit status once known (negative {@code -N} for signal {@code N}), else null (Python's None). */
    public Integer returncode() {
        return returncode;
    }

    /** The pipe to the child's stdin, or null unless {@code stdin=PIPE}. */
    public OutputStream stdin() {
        return stdin;
    }

    /** The pipe from the child's stdout, or null unless {@code stdout=PIPE}. */
    public InputStream stdout() {
        return stdout;
    }

    /** The pipe from the child's stderr, or null unless {@code stderr=PIPE}. */
    public InputStream stderr() {
        return stderr;
    }

    /** Python's {@code text_mode} / {@code universal_newlines}. */
    public boolean textMode() {
        return textMode;
    }

    public boolean universalNewlines() {
        return textMode;
    }

    public String encoding() {
        return encoding;
    }

    public String errors() {
        return errors;
    }

    // ------------------------------------------------------------ waiting

    /** Records the return code once (several threads may see the exit), from the JDK's exit value. */
    private synchronized void settle(int javaExit) {
        if (returncode == null) returncode = decode(javaExit);
    }

    private int decode(int javaExit) {
        if (statusFile != null) {
            List<String> lines = report();
            try {
                Files.deleteIfExists(statusFile);
            } catch (IOException e) {
                // a leftover report file in the temp directory is harmless
            }
            if (lines.size() >= 2) {
                if (childPid < 0) childPid = Long.parseLong(lines.get(0));
                int status = Integer.parseInt(lines.get(1));
                return (status & 0x7f) != 0 ? -(status & 0x7f) : status >> 8;
            }
        }
        if (process instanceof Spawner.SpawnedProcess spawned) return spawned.returncode(); // its raw wait status: exact
        // The JDK reports death by signal N as 128 + N (the shells' convention); see docs/deviations/subprocess.adoc.
        return javaExit > 128 && javaExit <= 128 + Signals.SIGRTMAX ? -(javaExit - 128) : javaExit;
    }

    /** Python's {@code poll()}: the return code if the child has terminated, else null. */
    public Integer poll() {
        if (returncode == null && !process.isAlive()) settle(process.exitValue());
        return returncode;
    }

    /** Python's {@code wait()}: waits for the child to terminate and returns its return code. */
    public int await() {
        if (returncode == null) {
            try {
                settle(process.waitFor());
            } catch (InterruptedException e) {
                throw KeyboardInterrupt.interrupted(e);
            }
        }
        return returncode;
    }

    /**
     * Python's {@code wait(timeout)}: {@link TimeoutExpired} (carrying {@code timeout}) if the
     * child is still running after it. A NaN, infinite or huge timeout waits for the child, as
     * CPython's polling loop does ({@link Timeout#pollNanos}).
     */
    public int await(double timeout) {
        if (returncode != null) return returncode;
        long nanos = Timeout.pollNanos(timeout);
        if (nanos == Timeout.FOREVER) return await();
        try {
            if (!process.waitFor(nanos, TimeUnit.NANOSECONDS)) {
                throw new TimeoutExpired(args, timeout);
            }
        } catch (InterruptedException e) {
            throw KeyboardInterrupt.interrupted(e);
        }
        settle(process.exitValue());
        return returncode;
    }

    /** Reaps the child after a kill even if this thread is interrupted (restoring the flag), so no zombie stays behind. */
    void reap() {
        settle(Subprocess.waitFor(process));
    }

    // ------------------------------------------------------------ signals

    /**
     * Python's {@code send_signal(sig)}: polls first and does nothing if the child is known to
     * have exited. A child of the native launch gets {@code kill(2)} ({@link Spawner}); otherwise
     * SIGTERM and SIGKILL are sent by the JDK ({@link ProcessHandle#destroy()} /
     * {@code destroyForcibly()}) and any other signal by running {@code kill -N pid} exactly.
     * A number outside 0–64 raises {@code OSError: [Errno 22] Invalid argument} as
     * {@code os.kill} does. A {@code shell=True} child that the runtime started in a process
     * group of its own gets the signal as {@code os.killpg(p.pid, sig)}: the whole pipeline,
     * so that {@code kill()}, a timed-out or interrupted {@code run()} leave nothing behind.
     */
    public void sendSignal(int sig) {
        poll();
        if (returncode != null) return;
        if (sig < 0 || sig > Signals.SIGRTMAX) throw OSError.of(OSError.EINVAL, null);
        if (process instanceof Spawner.SpawnedProcess spawned && !signalsGroup) {
            if (sig != 0) spawned.signal(sig); // kill(2) under the lock that reaping takes: never a recycled pid
            return;
        }
        ProcessHandle target = statusFile == null && !(process instanceof Spawner.SpawnedProcess)
                ? process.toHandle() : ProcessHandle.of(pid()).orElse(null);
        if (target == null) return; // already gone: os.kill's ProcessLookupError is suppressed, as in CPython
        if (signalsGroup) {
            if (sig != 0) Subprocess.killGroup(sig, target.pid());
        } else if (sig == Signals.SIGTERM) {
            target.destroy();
        } else if (sig == Signals.SIGKILL) {
            target.destroyForcibly();
        } else if (sig != 0) {
            Subprocess.kill(sig, target.pid());
        }
    }

    /** Python's {@code terminate()}: SIGTERM. */
    public void terminate() {
        sendSignal(Signals.SIGTERM);
    }

    /** Python's {@code kill()}: SIGKILL. */
    public void kill() {
        sendSignal(Signals.SIGKILL);
    }

    // ------------------------------------------------------------ communicate

    public Tuple communicate() {
        return communicate((Object) null, null);
    }

    public Tuple communicate(byte[] input) {
        return communicate(input, null);
    }

    public Tuple communicate(String input) {
        return communicate(input, null);
    }

    public Tuple communicate(double timeout) {
        return communicate((Object) null, (Double) timeout);
    }

    public Tuple communicate(byte[] input, double timeout) {
        return communicate(input, (Double) timeout);
    }

    public Tuple communicate(String input, double timeout) {
        return communicate(input, (Double) timeout);
    }

    /**
     * Python's {@code communicate(input, timeout)}: sends {@code input} (bytes, or str in
     * text mode), closes stdin, reads stdout and stderr to their ends on two reader threads
     * (so neither pipe can fill and deadlock the child) and waits for the child. Returns the
     * tuple {@code (stdout, stderr)}; an element is null where that stream is not a pipe.
     * On timeout raises {@link TimeoutExpired} with the output read so far; calling again
     * resumes the same reading.
     */
    Tuple communicate(Object input, Double timeout) {
        boolean hasInput = input != null && length(input) > 0;
        if (communicationStarted && hasInput) throw new ValueError("Cannot send input after starting communication");
        if (timeout == null && !communicationStarted && stdin == null && (stdout == null || stderr == null)
                && (process instanceof Spawner.SpawnedProcess || (stdout == null && stderr == null))) {
            // CPython's shortcut: at most one pipe, read in the calling thread. A read of the JDK's pipe
            // stream cannot be interrupted, so with ProcessBuilder pipes are read on threads; the
            // native launch's pipes see interrupts (Spawner.PipeInput).
            byte[] out = stdout == null ? null : readAll(stdout);
            byte[] err = stderr == null ? null : readAll(stderr);
            await();
            return Tuple.of(out == null ? null : finish(out), err == null ? null : finish(err));
        }
        Double endtime = timeout == null ? null : Time.monotonic() + timeout;
        Tuple result;
        try {
            result = communicate(input, endtime, timeout);
        } finally {
            communicationStarted = true;
        }
        if (endtime == null) await();
        else await(endtime - Time.monotonic());
        return result;
    }

    /**
     * CPython's {@code self.stdout.read(); self.stdout.close()}: the pipe to its end, then closed;
     * a stream closed under the read gives what was read, as the reader threads' {@link Pump}.
     */
    private static byte[] readAll(InputStream in) {
        Chunks buf = new Chunks(true);
        try (in) {
            while (buf.readFrom(in)) {
                // to the end
            }
        } catch (java.io.InterruptedIOException e) {
            InterruptedException cause = new InterruptedException(e.getMessage());
            cause.initCause(e);
            throw KeyboardInterrupt.interrupted(cause);
        } catch (IOException e) {
            // closed under the read: keep what was read
        }
        return buf.toArray();
    }

    /**
     * Output collected in chunks of {@link #SIZE} bytes, joined once at the end: on G1 an array of
     * half a heap region (512 KiB and up) is "humongous", allocated outside the young generation
     * and zeroed there, and a result grown by doubling makes several of them per megabyte (with
     * -XX:+UseSerialGC the doubling cost nothing: measured, 1 MB communicate() 0.67× → 0.99× CPython).
     * Only the final array may be that large, as CPython's {@code bytes}. A reading thread keeps
     * up to {@link #SPARE} chunks (1 MiB, softly reachable) for its next call: every new array
     * is young-generation memory the kernel may have to fault in and zero first (a young
     * generation that grows, as G1's does, is touched for the first time for many calls; measured:
     * -XX:+AlwaysPreTouch took the same run from 0.81× to 0.99× CPython), so a call should
     * allocate little more than its result.
     */
    private static final class Chunks {
        static final int SIZE = 65536, SPARE = 16;
        private static final ThreadLocal<java.lang.ref.SoftReference<java.util.ArrayDeque<byte[]>>> SPARES = new ThreadLocal<>();
        private final java.util.ArrayList<byte[]> full = new java.util.ArrayList<>();
        /** The thread's spare chunks, or null when the chunks are not to be reused (read on another thread, or kept by a caller). */
        private final java.util.ArrayDeque<byte[]> spares;
        private byte[] chunk;
        private int n;

        Chunks(boolean reuse) {
            spares = reuse ? spares() : null;
            chunk = newChunk();
        }

        private static java.util.ArrayDeque<byte[]> spares() {
            java.lang.ref.SoftReference<java.util.ArrayDeque<byte[]>> ref = SPARES.get();
            java.util.ArrayDeque<byte[]> d = ref == null ? null : ref.get();
            if (d == null) SPARES.set(new java.lang.ref.SoftReference<>(d = new java.util.ArrayDeque<>()));
            return d;
        }

        private byte[] newChunk() {
            byte[] c = spares == null ? null : spares.poll();
            return c != null ? c : new byte[SIZE];
        }

        /** One read of {@code in} straight into the current chunk; false at the end of the stream. */
        boolean readFrom(InputStream in) throws IOException {
            int r = in.read(chunk, n, SIZE - n);
            if (r < 0) return false;
            advance(r);
            return true;
        }

        void write(byte[] b, int off, int len) {
            while (len > 0) {
                int k = Math.min(len, SIZE - n);
                System.arraycopy(b, off, chunk, n, k);
                off += k;
                len -= k;
                advance(k);
            }
        }

        private void advance(int r) {
            n += r;
            if (n == SIZE) {
                full.add(chunk);
                chunk = newChunk();
                n = 0;
            }
        }

        byte[] toArray() {
            byte[] all = new byte[full.size() * SIZE + n];
            for (int i = 0; i < full.size(); i++) System.arraycopy(full.get(i), 0, all, i * SIZE, SIZE);
            System.arraycopy(chunk, 0, all, full.size() * SIZE, n);
            if (spares != null) {
                full.add(chunk);
                for (byte[] c : full) if (spares.size() < SPARE) spares.push(c);
                full.clear();
                chunk = null; // the chunks are the thread's again: this buffer is done
            }
            return all;
        }
    }

    private static int length(Object input) {
        if (input instanceof byte[] b) return b.length;
        return input.toString().length();
    }

    /** CPython's {@code _communicate(input, endtime, orig_timeout)}, {@code endtime} on {@link Time#monotonic()}. */
    private Tuple communicate(Object input, Double endtime, Double origTimeout) {
        boolean hasInput = input != null && length(input) > 0;
        if (stdin != null && !communicationStarted) {
            try {
                stdin.flush();
                if (!hasInput) stdin.close();
            } catch (IOException e) {
                // communicate() must ignore a broken pipe, as CPython's does
            }
        }
        if (!communicationStarted) {
            if (stdout != null) outPump = new Pump(stdout, "stdout", process.pid());
            if (stderr != null) errPump = new Pump(stderr, "stderr", process.pid());
        }
        if (stdin != null && savedInput == null) {
            savedInput = encodeInput(input);
            if (hasInput) {
                byte[] data = savedInput;
                inputWriter = new java.lang.Thread(() -> writeInput(data), "_stdin_write pid " + process.pid());
                inputWriter.setDaemon(true);
                inputWriter.start();
            }
        }
        java.lang.Thread[] pipes = {inputWriter, outPump, errPump};
        try {
            for (java.lang.Thread t : pipes) {
                // a pipe is registered with CPython's selector from the first call until its end is read
                if (t == null || (communicationStarted && !t.isAlive())) continue;
                if (endtime == null) {
                    t.join();
                    continue;
                }
                double remaining = endtime - Time.monotonic();
                if (remaining < 0 && t.isAlive()) throw timeoutExpired(origTimeout);
                long nanos = Timeout.selectNanos(remaining);
                if (nanos > 0) TimeUnit.NANOSECONDS.timedJoin(t, nanos);
                if (t.isAlive()) throw timeoutExpired(origTimeout);
            }
        } catch (InterruptedException e) {
            throw KeyboardInterrupt.interrupted(e);
        }
        if (endtime == null) await();
        else await(endtime - Time.monotonic());
        Object out = outPump == null ? null : finish(outPump.result());
        Object err = errPump == null ? null : finish(errPump.result());
        return Tuple.of(out, err);
    }

    private TimeoutExpired timeoutExpired(Double origTimeout) {
        return TimeoutExpired.withOutput(args, origTimeout, outPump == null ? null : outPump.soFar(),
                errPump == null ? null : errPump.soFar());
    }

    private byte[] encodeInput(Object input) {
        if (input == null) return null;
        if (textMode) {
            if (input instanceof byte[]) throw new dev.pyconcurrent.builtins.AttributeError("'bytes' object has no attribute 'encode'");
            return Text.encode((String) input, charset != null ? charset : Text.charset(encoding));
        }
        if (input instanceof String) throw new TypeError("memoryview: a bytes-like object is required, not 'str'");
        return (byte[]) input;
    }

    private void writeInput(byte[] data) {
        try {
            if (data != null && data.length > 0) stdin.write(data);
        } catch (IOException e) {
            // a child that exits without reading: CPython's communicate() ignores BrokenPipeError
        }
        try {
            stdin.close();
        } catch (IOException e) {
            // same
        }
    }

    private Object finish(byte[] data) {
        return textMode ? Text.translate(data, charset, errors) : data;
    }

    /** Reads one pipe to its end on its own thread, keeping what it read so far for a TimeoutExpired. */
    private static final class Pump extends java.lang.Thread {
        private final InputStream in;
        private final Chunks buf = new Chunks(false);
        private boolean anyChunk;

        Pump(InputStream in, String which, long pid) {
            super("_readerthread " + which + " pid " + pid);
            this.in = in;
            setDaemon(true);
            start();
        }

        @Override
        public void run() {
            byte[] chunk = new byte[32768];
            try (in) {
                for (int n; ; ) {
                    n = in.read(chunk);
                    synchronized (buf) {
                        anyChunk = true;
                        if (n < 0) break;
                        buf.write(chunk, 0, n);
                    }
                }
            } catch (IOException e) {
                // the stream was closed under us (close() during a read): keep what was read
            }
        }

        /** CPython's {@code b''.join(chunks) if chunks else None}. */
        byte[] soFar() {
            synchronized (buf) {
                return anyChunk ? buf.toArray() : null;
            }
        }

        byte[] result() {
            synchronized (buf) {
                return buf.toArray();
            }
        }
    }

    // ------------------------------------------------------------ context manager and repr

    /** Python's {@code __exit__}: closes the pipes, then waits for the child (no zombie). */
    @Override
    public void close() {
        for (AutoCloseable c : new AutoCloseable[] {stdout, stderr, stdin}) {
            if (c == null) continue;
            try {
                c.close();
            } catch (Exception e) {
                // CPython ignores a failing flush of stdin here only via its finally; the wait below must happen
            }
        }
        await();
    }

    /** {@code <Popen: returncode: None args: ['sleep', '10']>}, cut to 80 characters as CPython does. */
    @Override
    public String toString() {
        String r = "<Popen: returncode: " + (returncode == null ? "None" : returncode) + " args: " + Py.repr(args) + ">";
        return r.length() > 80 ? r.substring(0, 76) + "...>" : r;
    }

    /**
     * The keyword arguments of {@link Popen} and {@link Subprocess#run} (and {@code call},
     * {@code check_call}, {@code check_output}), with Python's names and defaults; get one from
     * {@link Popen#options()}. {@code stdin}/{@code stdout}/{@code stderr} take
     * {@link Subprocess#PIPE}, {@link Subprocess#DEVNULL}, {@link Subprocess#STDOUT} (stderr only),
     * a file ({@link File} or {@link Path}: read from for stdin, truncated and written for stdout
     * and stderr, as a file opened with {@code 'w'}), a {@link Redirect} (e.g.
     * {@code Redirect.appendTo(f)}), the JVM's own {@link FileDescriptor#in}/{@code out}/{@code err}
     * (or the ints 0, 1, 2) on their own slot, or {@link Redirect#INHERIT} = Python's {@code None}.
     * The run-only parameters ({@code input}, {@code captureOutput}, {@code timeout}, {@code check})
     * given to a {@code Popen} raise CPython's {@code TypeError}.
     */
    public static final class Options {
        Object stdin, stdout, stderr;
        boolean stdoutGiven, checkGiven;
        Object input;
        boolean captureOutput;
        Double timeout;
        boolean check;
        boolean shell;
        String executable;
        Map<String, String> env;
        String cwd;
        Boolean text, universalNewlines;
        String encoding, errors;
        Object user, group;
        List<Object> extraGroups;
        int umask = -1;
        boolean startNewSession;
        Integer processGroup;
        int[] passFds = {};
        boolean closeFds = true;

        Options() {}

        /** A copy (shallow, as CPython's {@code **kwargs} pass-through): {@code run()} adjusts its own. */
        Options(Options other) {
            stdin = other.stdin;
            stdout = other.stdout;
            stderr = other.stderr;
            stdoutGiven = other.stdoutGiven;
            checkGiven = other.checkGiven;
            input = other.input;
            captureOutput = other.captureOutput;
            timeout = other.timeout;
            check = other.check;
            shell = other.shell;
            executable = other.executable;
            env = other.env;
            cwd = other.cwd;
            text = other.text;
            universalNewlines = other.universalNewlines;
            encoding = other.encoding;
            errors = other.errors;
            user = other.user;
            group = other.group;
            extraGroups = other.extraGroups;
            umask = other.umask;
            startNewSession = other.startNewSession;
            processGroup = other.processGroup;
            passFds = other.passFds;
            closeFds = other.closeFds;
        }

        /** Popen's own check: the parameters only {@code run()} knows are a TypeError there, as in CPython. */
        void rejectRunOnly(String function) {
            String bad = input != null ? "input" : captureOutput ? "capture_output" : timeout != null ? "timeout"
                    : checkGiven ? "check" : null;
            if (bad != null) throw new TypeError(function + " got an unexpected keyword argument '" + bad + "'");
        }

        private static Object slot(Object target, int fd) {
            if (target == Redirect.INHERIT) return null;
            if (target instanceof FileDescriptor f) {
                target = f == FileDescriptor.in ? Integer.valueOf(0) : f == FileDescriptor.out ? Integer.valueOf(1)
                        : f == FileDescriptor.err ? Integer.valueOf(2) : f;
            }
            if (target instanceof Integer i && i == fd) return null;
            return target;
        }

        // ------------------------------------------------------------ standard streams

        public Options stdin(int fd) { stdin = slot(fd, 0); return this; }
        public Options stdin(File file) { stdin = file; return this; }
        public Options stdin(Path file) { stdin = file.toFile(); return this; }
        public Options stdin(Redirect r) { stdin = slot(r, 0); return this; }
        public Options stdin(FileDescriptor fd) { stdin = slot(fd, 0); return this; }

        public Options stdout(int fd) { stdout = slot(fd, 1); stdoutGiven = true; return this; }
        public Options stdout(File file) { stdout = file; stdoutGiven = true; return this; }
        public Options stdout(Path file) { stdout = file.toFile(); stdoutGiven = true; return this; }
        public Options stdout(Redirect r) { stdout = slot(r, 1); stdoutGiven = true; return this; }
        public Options stdout(FileDescriptor fd) { stdout = slot(fd, 1); stdoutGiven = true; return this; }

        public Options stderr(int fd) { stderr = slot(fd, 2); return this; }
        public Options stderr(File file) { stderr = file; return this; }
        public Options stderr(Path file) { stderr = file.toFile(); return this; }
        public Options stderr(Redirect r) { stderr = slot(r, 2); return this; }
        public Options stderr(FileDescriptor fd) { stderr = slot(fd, 2); return this; }

        // ------------------------------------------------------------ run() only

        /** {@code input=}: bytes ({@code byte[]}) or, in text mode, a {@code String}, written to the child's stdin. */
        public Options input(byte[] data) { input = data; return this; }
        public Options input(String data) { input = data; return this; }
        public Options captureOutput(boolean on) { captureOutput = on; return this; }
        public Options timeout(double seconds) { timeout = seconds; return this; }
        public Options check(boolean on) { check = on; checkGiven = true; return this; }

        // ------------------------------------------------------------ the program and its environment

        public Options shell(boolean on) { shell = on; return this; }
        public Options executable(String program) { executable = program; return this; }
        public Options executable(Path program) { executable = program.toString(); return this; }

        /** {@code env=}: the child's whole environment (a copy is taken), instead of the JVM's. */
        public Options env(Map<String, String> environment) {
            env = environment == null ? null : new LinkedHashMap<>(environment);
            return this;
        }

        public Options cwd(String dir) { cwd = dir; return this; }
        public Options cwd(Path dir) { cwd = dir == null ? null : dir.toString(); return this; }
        public Options cwd(File dir) { cwd = dir == null ? null : dir.getPath(); return this; }

        // ------------------------------------------------------------ text mode

        public Options text(boolean on) { text = on; return this; }
        public Options universalNewlines(boolean on) { universalNewlines = on; return this; }
        public Options encoding(String name) { encoding = name; return this; }
        public Options errors(String handler) { errors = handler; return this; }

        // ------------------------------------------------------------ POSIX process attributes

        public Options user(String name) { user = name; return this; }
        public Options user(int uid) { user = uid; return this; }
        public Options group(String name) { group = name; return this; }
        public Options group(int gid) { group = gid; return this; }

        /** {@code extra_groups=}: group names ({@code String}) or ids ({@code Integer}). */
        public Options extraGroups(List<?> groups) { extraGroups = groups == null ? null : new ArrayList<>(groups); return this; }

        /** {@code umask=} (e.g. {@code 0077}); -1, the default, leaves the JVM's umask. */
        public Options umask(int mask) { umask = mask; return this; }
        public Options startNewSession(boolean on) { startNewSession = on; return this; }
        public Options processGroup(int pgid) { processGroup = pgid; return this; }
        public Options passFds(int... fds) { passFds = fds.clone(); return this; }
        public Options closeFds(boolean on) { closeFds = on; return this; }
    }
}
