package dev.pyconcurrent.subprocess;

import dev.pyconcurrent.builtins.OSError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.builtins.ValueError;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Python's {@code subprocess} module: {@code run}, {@code call}, {@code check_call},
 * {@code check_output}, {@code getoutput}, {@code getstatusoutput} and the {@code PIPE},
 * {@code STDOUT}, {@code DEVNULL} constants. Arguments are a {@code List<String>} or a
 * {@code String} (without {@code shell(true)} a string names a single program, as on POSIX);
 * keyword arguments come from {@link Popen#options()}:
 * <pre>{@code
 * // subprocess.run(["ls", "-l"], capture_output=True, text=True, timeout=5)
 * Subprocess.run(List.of("ls", "-l"), Popen.options().captureOutput(true).text(true).timeout(5));
 * }</pre>
 */
public final class Subprocess {
    private Subprocess() {}

    /** {@code subprocess.PIPE}: a new pipe to the child. */
    public static final int PIPE = -1;
    /** {@code subprocess.STDOUT}: stderr goes where stdout goes. */
    public static final int STDOUT = -2;
    /** {@code subprocess.DEVNULL}: {@code /dev/null}. */
    public static final int DEVNULL = -3;

    // ------------------------------------------------------------ run

    public static CompletedProcess run(List<String> args) {
        return run(args, Popen.options());
    }

    public static CompletedProcess run(String args) {
        return run(args, Popen.options());
    }

    public static CompletedProcess run(List<String> args, Popen.Options options) {
        return runAny(frozen(args), options);
    }

    public static CompletedProcess run(String args, Popen.Options options) {
        return runAny(args, options);
    }

    /**
     * Python's {@code run()}: starts the child, {@code communicate(input, timeout)}, and returns
     * a {@link CompletedProcess}. On a timeout the child is killed and reaped before
     * {@link TimeoutExpired} propagates; with {@code check(true)} a non-zero return code raises
     * {@link CalledProcessError} carrying the captured output.
     */
    static CompletedProcess runAny(Object args, Popen.Options options) {
        Popen.Options k = new Popen.Options(options);
        Object input = k.input;
        Double timeout = k.timeout;
        boolean check = k.check;
        if (input != null) {
            if (k.stdin != null) throw new ValueError("stdin and input arguments may not both be used.");
            k.stdin = PIPE;
        }
        if (k.captureOutput) {
            if (k.stdout != null || k.stderr != null) {
                throw new ValueError("stdout and stderr arguments may not be used with capture_output.");
            }
            k.stdout = PIPE;
            k.stderr = PIPE;
        }
        k.input = null;
        k.captureOutput = false;
        k.timeout = null;
        k.checkGiven = false;
        Popen process = new Popen(args, k, "Popen.__init__()");
        try {
            Tuple out;
            try {
                out = process.communicate(input, timeout);
            } catch (RuntimeException | Error e) { // TimeoutExpired, KeyboardInterrupt, ...: no child outlives run()
                process.kill();
                process.reap();
                throw e;
            }
            int retcode = process.poll();
            if (check && retcode != 0) throw CalledProcessError.withOutput(retcode, process.args(), out.get(0), out.get(1));
            return new CompletedProcess(process.args(), retcode, out.get(0), out.get(1));
        } finally {
            process.close();
        }
    }

    // ------------------------------------------------------------ call, check_call, check_output

    public static int call(List<String> args) {
        return call(args, Popen.options());
    }

    public static int call(String args) {
        return call(args, Popen.options());
    }

    public static int call(List<String> args, Popen.Options options) {
        return callAny(frozen(args), options);
    }

    public static int call(String args, Popen.Options options) {
        return callAny(args, options);
    }

    /** Python's {@code call()}: runs the command, waits (up to {@code timeout}: kill and TimeoutExpired) and returns the return code. */
    static int callAny(Object args, Popen.Options options) {
        Popen.Options k = new Popen.Options(options);
        Double timeout = k.timeout;
        k.timeout = null;
        try (Popen p = new Popen(args, k, "Popen.__init__()")) {
            try {
                return timeout == null ? p.await() : p.await(timeout);
            } catch (RuntimeException | Error e) {
                p.kill();
                p.reap();
                throw e;
            }
        }
    }

    public static int checkCall(List<String> args) {
        return checkCall(args, Popen.options());
    }

    public static int checkCall(String args) {
        return checkCall(args, Popen.options());
    }

    public static int checkCall(List<String> args, Popen.Options options) {
        return checkCallAny(frozen(args), options);
    }

    public static int checkCall(String args, Popen.Options options) {
        return checkCallAny(args, options);
    }

    /** Python's {@code check_call()}: {@code call()}, then {@code CalledProcessError(retcode, cmd)} if it was not 0; returns 0. */
    static int checkCallAny(Object args, Popen.Options options) {
        int retcode = callAny(args, options);
        if (retcode != 0) throw new CalledProcessError(retcode, args);
        return 0;
    }

    public static Object checkOutput(List<String> args) {
        return checkOutput(args, Popen.options());
    }

    public static Object checkOutput(String args) {
        return checkOutput(args, Popen.options());
    }

    public static Object checkOutput(List<String> args, Popen.Options options) {
        return checkOutputAny(frozen(args), options);
    }

    public static Object checkOutput(String args, Popen.Options options) {
        return checkOutputAny(args, options);
    }

    /**
     * Python's {@code check_output()}: {@code run(..., stdout=PIPE, check=True).stdout} — a
     * {@code byte[]}, or a {@code String} in text mode. Setting {@code stdout} or {@code check}
     * raises CPython's ValueError.
     */
    static Object checkOutputAny(Object args, Popen.Options options) {
        if (options.stdoutGiven) throw new ValueError("stdout argument not allowed, it will be overridden.");
        if (options.checkGiven) throw new ValueError("check argument not allowed, it will be overridden.");
        Popen.Options k = new Popen.Options(options).stdout(PIPE).check(true);
        return runAny(args, k).stdout();
    }

    // ------------------------------------------------------------ getoutput, getstatusoutput

    public static Tuple getstatusoutput(String cmd) {
        return getstatusoutput(cmd, null, null);
    }

    /**
     * Python's {@code getstatusoutput(cmd, encoding=, errors=)}: runs {@code cmd} in the shell
     * with stderr merged into stdout, in text mode, and returns {@code (exitcode, output)}
     * with one trailing newline removed.
     */
    public static Tuple getstatusoutput(String cmd, String encoding, String errors) {
        Popen.Options o = Popen.options().shell(true).text(true).stderr(STDOUT);
        if (encoding != null) o.encoding(encoding);
        if (errors != null) o.errors(errors);
        String data;
        int exitcode;
        try {
            data = (String) checkOutputAny(cmd, o);
            exitcode = 0;
        } catch (CalledProcessError ex) {
            data = (String) ex.output();
            exitcode = ex.returncode();
        }
        if (data.endsWith("\n")) data = data.substring(0, data.length() - 1);
        return Tuple.of(exitcode, data);
    }

    public static String getoutput(String cmd) {
        return getoutput(cmd, null, null);
    }

    /** Python's {@code getoutput()}: {@code getstatusoutput(cmd)[1]}. */
    public static String getoutput(String cmd, String encoding, String errors) {
        return (String) getstatusoutput(cmd, encoding, errors).get(1);
    }

    // ------------------------------------------------------------ helpers

    /** An unmodifiable copy of the argument list (Python keeps the caller's object; a copy keeps {@code p.args()} stable). */
    static List<String> frozen(List<String> args) {
        return args == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(args));
    }

    /** {@code '%s' % cmd}: a string as it is, a list as its repr. */
    static String str(Object cmd) {
        return Py.str(cmd);
    }

    /** {@code os.kill(pid, sig)} for a signal the JDK cannot send: runs {@code kill -N pid} (procps/util-linux) exactly. */
    static void kill(int sig, long pid) {
        kill(sig, Long.toString(pid), pid);
    }

    /** {@code os.killpg(pgid, sig)}: {@code kill -N -- -pgid}, every process of the group at once (the JDK has no killpg). */
    static void killGroup(int sig, long pgid) {
        kill(sig, "-" + pgid, pgid);
    }

    /**
     * Runs {@code kill -N -- target}, waiting for it even if this thread is interrupted: a kill
     * is how a KeyboardInterrupt is handled, and must not be cut short by it.
     */
    private static void kill(int sig, String target, long pid) {
        if (Spawner.NATIVE != null) {
            // kill(2) itself where the FFM launch is available: no process started to send a signal
            int errno = Spawner.NATIVE.kill(Long.parseLong(target), sig);
            if (errno != 0 && ProcessHandle.of(pid).isPresent()) throw OSError.of(errno, null);
            return;
        }
        Process k;
        try {
            k = new ProcessBuilder(Launch.tool("kill"), "-" + sig, "--", target).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new OSError("cannot run kill: " + e.getMessage());
        }
        String said;
        try (InputStream out = k.getInputStream()) {
            said = new String(out.readAllBytes()).strip();
        } catch (IOException e) {
            said = e.getMessage();
        }
        int rc = waitFor(k);
        if (rc != 0 && ProcessHandle.of(pid).isPresent()) throw new OSError("kill -" + sig + " -- " + target + " failed: " + said);
    }

    /** {@code process.waitFor()} that an interrupt does not cut short: the flag is restored once the process has ended. */
    static int waitFor(Process process) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return process.waitFor();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) java.lang.Thread.currentThread().interrupt();
        }
    }
}
