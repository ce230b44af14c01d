package dev.pyconcurrent.builtins;

import java.util.Map;

/**
 * Python's {@code OSError}: a system call failed. Built as {@code OSError(errno, strerror[,
 * filename[, filename2]])} its {@code str} is {@code [Errno 2] No such file or directory: 'x'}
 * and its {@code args} keep only {@code (errno, strerror)}, as CPython's do; built with any
 * other arguments it behaves as a plain exception. {@link #of(int, String)} picks the
 * subclass CPython picks for an errno ({@code ENOENT} → {@link FileNotFoundError}, …).
 */
public class OSError extends PyException {
    private static final long serialVersionUID = 1L;

    /** Linux errno values and their C library messages, for the errnos pyconcurrent raises. */
    public static final int EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, E2BIG = 7, ENOEXEC = 8,
            EBADF = 9, ECHILD = 10, EAGAIN = 11, EACCES = 13, EEXIST = 17, ENOTDIR = 20,
            EISDIR = 21, EINVAL = 22, EPIPE = 32, ECONNABORTED = 103, ECONNRESET = 104,
            ETIMEDOUT = 110, ECONNREFUSED = 111;

    private static final Map<Integer, String> STRERROR = Map.ofEntries(
            Map.entry(EPERM, "Operation not permitted"),
            Map.entry(ENOENT, "No such file or directory"),
            Map.entry(ESRCH, "No such process"),
            Map.entry(EINTR, "Interrupted system call"),
            Map.entry(E2BIG, "Argument list too long"),
            Map.entry(ENOEXEC, "Exec format error"),
            Map.entry(EBADF, "Bad file descriptor"),
            Map.entry(ECHILD, "No child processes"),
            Map.entry(EAGAIN, "Resource temporarily unavailable"),
            Map.entry(EACCES, "Permission denied"),
            Map.entry(EEXIST, "File exists"),
            Map.entry(ENOTDIR, "Not a directory"),
            Map.entry(EISDIR, "Is a directory"),
            Map.entry(EINVAL, "Invalid argument"),
            Map.entry(EPIPE, "Broken pipe"),
            Map.entry(ECONNABORTED, "Software caused connection abort"),
            Map.entry(ECONNRESET, "Connection reset by peer"),
            Map.entry(ETIMEDOUT, "Connection timed out"),
            Map.entry(ECONNREFUSED, "Connection refused"));

    private final Integer errno;
    private final String strerror;
    private final Object filename;
    private final Object filename2;

    public OSError(Object... args) {
        super(errnoForm(args) ? new Object[] {args[0], args[1]} : args);
        boolean e = errnoForm(args);
        this.errno = e ? ((Number) args[0]).intValue() : null;
        this.strerror = e ? Py.str(args[1]) : null;
        this.filename = e && args.length > 2 ? args[2] : null;
        this.filename2 = e && args.length > 3 ? args[3] : null;
    }

    private static boolean errnoForm(Object[] args) {
        return args != null && args.length >= 2 && args.length <= 4 && args[0] instanceof Number;
    }

    /** The OSError subclass CPython raises for {@code errno}, with the C library's message. */
    public static OSError of(int errno, Object filename) {
        String msg = strerror(errno);
        Object[] a = filename == null ? new Object[] {errno, msg} : new Object[] {errno, msg, filename};
        return switch (errno) {
            case ENOENT -> new FileNotFoundError(a);
            case EACCES, EPERM -> new PermissionError(a);
            case EEXIST -> new FileExistsError(a);
            case ESRCH -> new ProcessLookupError(a);
            case ECHILD -> new ChildProcessError(a);
            case EINTR -> new InterruptedError(a);
            case EISDIR -> new IsADirectoryError(a);
            case ENOTDIR -> new NotADirectoryError(a);
            case EAGAIN -> new BlockingIOError(a);
            case EPIPE -> new BrokenPipeError(a);
            case ECONNABORTED -> new ConnectionAbortedError(a);
            case ECONNRESET -> new ConnectionResetError(a);
            case ECONNREFUSED -> new ConnectionRefusedError(a);
            case ETIMEDOUT -> new TimeoutError(a);
            default -> new OSError(a);
        };
    }

    /** {@code os.strerror(errno)} for the errnos above; CPython's text for unknown ones. */
    public static String strerror(int errno) {
        return STRERROR.getOrDefault(errno, "Unknown error " + errno);
    }

    /** Python's {@code e.errno} (None unless built in the errno form). */
    public Integer errno() {
        return errno;
    }

    public String strerror() {
        return strerror;
    }

    public Object filename() {
        return filename;
    }

    public Object filename2() {
        return filename2;
    }

    @Override
    public String getMessage() {
        if (errno == null) return super.getMessage();
        String s = "[Errno " + errno + "] " + strerror;
        if (filename != null) s += ": " + Py.repr(filename);
        if (filename2 != null) s += " -> " + Py.repr(filename2);
        return s;
    }
}
