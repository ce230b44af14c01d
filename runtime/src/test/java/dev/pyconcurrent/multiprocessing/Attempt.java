package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.Traceback;
import java.util.concurrent.Callable;

/** The reference scripts' {@code attempt(fn, *args)}: prints the result's repr, or the exception's name and message. */
public final class Attempt {
    private Attempt() {}

    public static void attempt(Callable<?> body) {
        try {
            Py.print(Py.repr(body.call()));
        } catch (Exception e) {
            Py.print(Traceback.name(e), Traceback.message(e));
        }
    }

    /** A statement as a callable returning None. */
    public static Callable<Object> run(Runnable r) {
        return () -> {
            r.run();
            return null;
        };
    }
}
