package dev.pyconcurrent.threading;

import dev.pyconcurrent.builtins.Action0;
import dev.pyconcurrent.builtins.Action1;
import dev.pyconcurrent.builtins.Action2;
import dev.pyconcurrent.builtins.Action3;
import dev.pyconcurrent.builtins.Py;

/**
 * Python's {@code threading.Timer}: a {@link Thread} that calls a function after
 * {@code interval} seconds unless {@link #cancel()}led first. Named {@code Thread-N} (no
 * target suffix, as in CPython, whose Timer passes no target to {@code Thread.__init__}).
 */
public class Timer extends Thread {
    private final double interval;
    private final Action0 call;
    private final Object function;
    private final Object[] args;
    private final Event finished = new Event();

    /** {@code Timer(interval, function)}. */
    public Timer(double interval, Action0 function) {
        this(interval, function, function, new Object[0]);
    }

    /** {@code Timer(interval, function, args=(a,))}. */
    public <A> Timer(double interval, Action1<A> function, A a) {
        this(interval, function, () -> function.call(a), new Object[] {a});
    }

    /** {@code Timer(interval, function, args=(a, b))}. */
    public <A, B> Timer(double interval, Action2<A, B> function, A a, B b) {
        this(interval, function, () -> function.call(a, b), new Object[] {a, b});
    }

    /** {@code Timer(interval, function, args=(a, b, c))}. */
    public <A, B, C> Timer(double interval, Action3<A, B, C> function, A a, B b, C c) {
        this(interval, function, () -> function.call(a, b, c), new Object[] {a, b, c});
    }

    private Timer(double interval, Object function, Action0 call, Object[] args) {
        super();
        this.interval = interval;
        this.function = function;
        this.call = call;
        this.args = args;
    }

    /** {@code interval}. */
    public double interval() {
        return interval;
    }

    /** {@code function}. */
    public Object function() {
        return function;
    }

    /** {@code args}. */
    public java.util.List<Object> args() {
        return java.util.Arrays.asList(args.clone());
    }

    /** {@code finished}: set once the function ran or the timer was cancelled. */
    public Event finished() {
        return finished;
    }

    /** {@code cancel()}: stops the timer if it has not fired yet. */
    public void cancel() {
        finished.set();
    }

    /** Waits {@code interval} seconds (or for {@link #cancel()}), then calls the function unless cancelled. */
    @Override
    public void run() {
        finished.await(interval);
        if (!finished.isSet()) {
            try {
                call.call();
            } catch (Exception e) {
                throw Py.rethrow(e);
            }
        }
        finished.set();
    }
}
