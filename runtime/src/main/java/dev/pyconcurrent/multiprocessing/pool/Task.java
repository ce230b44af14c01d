package dev.pyconcurrent.multiprocessing.pool;

import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.futures.Call;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One message to a worker, CPython's {@code (job, i, func, args, kwds)}: a whole chunk of a
 * {@code map} is one task. Made of serializable values only, so that a process worker gets
 * it as one message.
 *
 * <p>{@code kind} stands for CPython's wrapper functions: {@link Kind#CALL} is
 * {@code func(*args)}, {@link Kind#MAPSTAR} {@code mapstar} ({@code [func(x) for x in args]}),
 * {@link Kind#STARMAPSTAR} {@code starmapstar} ({@code [func(*x) for x in args]}),
 * {@link Kind#RERAISE} {@code _helper_reraises_exception} (raises {@code args[0]}: the
 * exception the task's iterable raised).
 */
record Task(long job, int index, Kind kind, Object fn, Tuple args) implements Serializable {
    /** CPython's task functions. */
    enum Kind { CALL, MAPSTAR, STARMAPSTAR, RERAISE }

    /** Runs the task where it is received; its exception propagates. */
    Object run() throws Exception {
        switch (kind) {
            case CALL:
                return Call.of(fn, args.toArray()).invoke();
            case MAPSTAR: {
                List<Object> out = new ArrayList<>(args.size());
                for (Object x : args) out.add(Call.of(fn, x).invoke());
                return out;
            }
            case STARMAPSTAR: {
                List<Object> out = new ArrayList<>(args.size());
                for (Object x : args) out.add(Call.of(fn, ((List<?>) x).toArray()).invoke());
                return out;
            }
            default:
                throw Py.rethrow((Throwable) args.get(0));
        }
    }
}
