package dev.pyconcurrent.subprocess;

/** Linux signal numbers and the names of Python's {@code signal.Signals} enum (x86-64/arm64 numbering). */
public final class Signals {
    private Signals() {}

    static final int SIGKILL = 9, SIGTERM = 15, SIGRTMAX = 64;

    private static final String[] NAMES = new String[SIGRTMAX + 1];

    static {
        String[] low = {null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
            "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD",
            "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM",
            "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};
        System.arraycopy(low, 0, NAMES, 0, low.length);
        NAMES[34] = "SIGRTMIN";
        NAMES[SIGRTMAX] = "SIGRTMAX";
    }

    /** {@code repr(signal.Signals(n))}, e.g. {@code <Signals.SIGKILL: 9>}; null where CPython raises ValueError. */
    public static String repr(int n) {
        if (n <= 0 || n > SIGRTMAX || NAMES[n] == null) return null;
        return "<Signals." + NAMES[n] + ": " + n + ">";
    }
}
