package dev.pyconcurrent.subprocess;

import dev.pyconcurrent.builtins.Py;

/**
 * Python's {@code subprocess.TimeoutExpired}: a timeout passed to {@code run}, {@code call},
 * {@link Popen#await(double)} or {@link Popen#communicate} ran out. {@code str()} is
 * {@code Command '['sleep', '5']' timed out after 0.1 seconds}; {@link #output()} /
 * {@link #stderr()} carry what had been read from the pipes so far (bytes, even in text mode,
 * as in CPython; null when nothing was read). Its {@code args} are {@code (cmd, timeout)}.
 */
public class TimeoutExpired extends SubprocessError {
    private static final long serialVersionUID = 1L;

    private final Object cmd;
    private final double timeout;
    private Object output;
    private Object stderr;

    public TimeoutExpired(Object cmd, double timeout) {
        super(cmd, timeout);
        this.cmd = cmd;
        this.timeout = timeout;
    }

    /** {@code TimeoutExpired(cmd, timeout, output, stderr)}, all positional. */
    public TimeoutExpired(Object cmd, double timeout, Object output, Object stderr) {
        super(cmd, timeout, output, stderr);
        this.cmd = cmd;
        this.timeout = timeout;
        this.output = output;
        this.stderr = stderr;
    }

    /** {@code TimeoutExpired(cmd, timeout, output=output, stderr=stderr)}: keywords stay out of {@code args}. */
    public static TimeoutExpired withOutput(Object cmd, double timeout, Object output, Object stderr) {
        TimeoutExpired e = new TimeoutExpired(cmd, timeout);
        e.output = output;
        e.stderr = stderr;
        return e;
    }

    public Object cmd() {
        return cmd;
    }

    public double timeout() {
        return timeout;
    }

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
        return "Command '" + Subprocess.str(cmd) + "' timed out after " + Py.reprFloat(timeout) + " seconds";
    }
}
