package dev.pyconcurrent.subprocess;

import dev.pyconcurrent.builtins.Py;

/**
 * Python's {@code subprocess.CompletedProcess}: what {@link Subprocess#run} returns. Output is
 * a {@code byte[]} in binary mode, a {@code String} in text mode, null when not captured.
 * {@code toString()} is CPython's repr, e.g.
 * {@code CompletedProcess(args=['echo', 'hi'], returncode=0, stdout=b'hi\n', stderr=b'')}.
 */
public final class CompletedProcess {
    private final Object args;
    private final int returncode;
    private final Object stdout;
    private final Object stderr;

    public CompletedProcess(Object args, int returncode, Object stdout, Object stderr) {
        this.args = args;
        this.returncode = returncode;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public CompletedProcess(Object args, int returncode) {
        this(args, returncode, null, null);
    }

    /** The list or string the process was started with. */
    public Object args() {
        return args;
    }

    /** The exit status; negative {@code -N} when the child died of signal {@code N}. */
    public int returncode() {
        return returncode;
    }

    public Object stdout() {
        return stdout;
    }

    public Object stderr() {
        return stderr;
    }

    /** Python's {@code check_returncode()}: raises {@link CalledProcessError} for a non-zero return code. */
    public void checkReturncode() {
        if (returncode != 0) throw new CalledProcessError(returncode, args, stdout, stderr);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("CompletedProcess(args=").append(Py.repr(args))
                .append(", returncode=").append(returncode);
        if (stdout != null) sb.append(", stdout=").append(Py.repr(stdout));
        if (stderr != null) sb.append(", stderr=").append(Py.repr(stderr));
        return sb.append(')').toString();
    }
}
