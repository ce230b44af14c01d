package dev.pyconcurrent.futures;

import dev.pyconcurrent.builtins.Action0;
import dev.pyconcurrent.builtins.Action1;
import dev.pyconcurrent.builtins.Action2;
import dev.pyconcurrent.builtins.Action3;
import dev.pyconcurrent.builtins.Callable0;
import dev.pyconcurrent.builtins.Callable1;
import dev.pyconcurrent.builtins.Callable2;
import dev.pyconcurrent.builtins.Callable3;
import dev.pyconcurrent.builtins.TypeError;
import java.io.Serializable;

/**
 * A submitted call: the user's callable ({@code Callable0..3} or {@code Action0..3}) and its
 * positional arguments, kept apart so that an executor can run it here or serialize both to
 * another process (ProcessPoolExecutor). {@link #invoke()} is {@code fn(*args)}; an
 * {@code Action}'s result is {@code null} (Python's {@code None}).
 */
public final class Call<R> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Object fn;
    private final Object[] args;

    private Call(Object fn, Object[] args) {
        this.fn = fn;
        this.args = args;
    }

    /** {@code fn(*args)} for a {@code Callable0..3} or {@code Action0..3} and as many arguments (also the task of a {@code multiprocessing.pool}). */
    public static <R> Call<R> of(Object fn, Object... args) {
        return new Call<>(fn, args);
    }

    /** The callable. */
    public Object fn() {
        return fn;
    }

    /** The positional arguments (a copy). */
    public Object[] args() {
        return args.clone();
    }

    /** Calls {@code fn(*args)}; exceptions propagate unchanged, a null {@code fn} is CPython's TypeError for calling None. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public R invoke() throws Exception {
        Object f = fn;
        if (f == null) throw new TypeError("'NoneType' object is not callable");
        Object[] a = args;
        switch (a.length) {
            case 0:
                if (f instanceof Callable0 c) return (R) c.call();
                ((Action0) f).call();
                return null;
            case 1:
                if (f instanceof Callable1 c) return (R) c.call(a[0]);
                ((Action1) f).call(a[0]);
                return null;
            case 2:
                if (f instanceof Callable2 c) return (R) c.call(a[0], a[1]);
                ((Action2) f).call(a[0], a[1]);
                return null;
            default:
                if (f instanceof Callable3 c) return (R) c.call(a[0], a[1], a[2]);
                ((Action3) f).call(a[0], a[1], a[2]);
                return null;
        }
    }
}
