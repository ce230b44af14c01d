package dev.pyconcurrent.threading;

import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.Traceback;
import java.util.List;

/**
 * Python's {@code threading.ExceptHookArgs}: what {@link Threading#excepthook} receives for an
 * exception that escaped a thread's {@code run()}. {@code excTraceback} is the exception's Java
 * stack, outermost frame last (as {@link Throwable#getStackTrace()}); {@code thread} may be
 * {@code null}.
 */
public record ExceptHookArgs(Class<? extends Throwable> excType, Throwable excValue,
        List<StackTraceElement> excTraceback, Thread thread) {

    /** The arguments for {@code exc} raised in {@code thread}. */
    public static ExceptHookArgs of(Throwable exc, Thread thread) {
        return new ExceptHookArgs(exc == null ? null : exc.getClass(), exc,
                exc == null ? null : List.of(exc.getStackTrace()), thread);
    }

    /** {@code _thread._ExceptHookArgs(exc_type=<class 'ValueError'>, exc_value=ValueError('x'), …)}. */
    @Override
    public String toString() {
        return "_thread._ExceptHookArgs(exc_type="
                + (excValue == null ? Py.repr(excType) : "<class '" + Traceback.qualifiedName(excValue) + "'>")
                + ", exc_value=" + Py.repr(excValue)
                + ", exc_traceback=" + (excTraceback == null ? "None" : "<traceback object at " + Py.addressOf(excTraceback) + ">")
                + ", thread=" + Py.repr(thread) + ")";
    }
}
