package dev.pyconcurrent.subprocess;

/**
 * Python's {@code subprocess.CalledProcessError}: {@code check=True} (or {@code check_call},
 * {@code check_output}, {@code CompletedProcess.check_returncode}) saw a non-zero return code.
 * {@code str()} is CPython's: {@code Command '['false']' returned non-zero exit status 1.} or,
 * for a negative return code, {@code Command '…' died with <Signals.SIGKILL: 9>.}. As in
 * CPython, {@code args} (and so the repr) holds only what was passed positionally:
 * {@code run(check=True)} passes output and stderr as keywords ({@code CalledProcessError(1,
 * ['false'])}), {@code check_returncode()} positionally.
 */
public class CalledProcessError extends SubprocessError {
    private static final long serialVersionUID = 1L;

    private final int returncode;
    private final Object cmd;
    private Object output;
    private Object stderr;

    /** {@code CalledProcessError(returncode, cmd)}. */
    public CalledProcessError(int returncode, Object cmd) {
        super(returncode, cmd);
        this.returncode = returncode;
        this.cmd = cmd;
    }

    /** {@code CalledProcessError(returncode, cmd, output, stderr)}, all positional. */
    public CalledProcessError(int returncode, Object cmd, Object output, Object stderr) {
        super(returncode, cmd, output, stderr);
        this.returncode = returncode;
        this.cmd = cmd;
        this.output = output;
        this.stderr = stderr;
    }

    /** {@code CalledProcessError(returncode, cmd, output=output, stderr=stderr)}: keywords stay out of {@code args}. */
    public static CalledProcessError withOutput(int returncode, Object cmd, Object output, Object stderr) {
        CalledProcessError e = new CalledProcessError(returncode, cmd);
        e.output = output;
        e.stderr = stderr;
        return e;
    }

    public int returncode() {
        return returncode;
    }

    public Object cmd() {
        return cmd;
    }

    /** The captured standard output (bytes as {@code byte[]}, text as {@code String}), or null. */
    public Object output() {
        return output;
    }

    /** Alias of {@link #output()}, as in CPython. */
    public Object stdout() {
        return output;
    }

    public Object stderr() {
        return stderr;
    }

    @Override
    public String getMessage() {
        if (returncode < 0) {
            String sig = Signals.repr(-returncode);
            return sig != null ? "Command '" + Subprocess.str(cmd) + "' died with " + sig + "."
                    : "Command '" + Subprocess.str(cmd) + "' died with unknown signal " + -returncode + ".";
        }
        return "Command '" + Subprocess.str(cmd) + "' returned non-zero exit status " + returncode + ".";
    }
}
