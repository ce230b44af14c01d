package dev.pyconcurrent.multiprocessing.managers;

import dev.pyconcurrent.builtins.Callable0;
import dev.pyconcurrent.builtins.Py;

/**
 * CPython's {@code ConditionProxy} ({@code manager.Condition()}): {@code wait} is
 * {@link #await}, {@code notify} {@link #signal}, {@code notify_all} {@link #signalAll} (the
 * project's renames of {@code Object}'s final methods); {@link #awaitFor} evaluates its
 * predicate here, between waits in the server, as CPython's does.
 */
public class ConditionProxy extends AcquirerProxy {
    private static final long serialVersionUID = 1L;

    protected ConditionProxy() {}

    /** {@code wait()}. */
    public boolean await() {
        return callmethod("await");
    }

    /** {@code wait(timeout)}. */
    public boolean await(double timeout) {
        return callmethod("await", timeout);
    }

    /** {@code notify()}. */
    public void signal() {
        callmethod("signal");
    }

    /** {@code notify(n)}. */
    public void signal(int n) {
        callmethod("signal", n);
    }

    /** {@code notify_all()}. */
    public void signalAll() {
        callmethod("signalAll");
    }

    /** {@code wait_for(predicate)}. */
    public <T> T awaitFor(Callable0<T> predicate) {
        return awaitFor(predicate, -1);
    }

    /** {@code wait_for(predicate, timeout)} (negative: no timeout). */
    public <T> T awaitFor(Callable0<T> predicate, double timeout) {
        long end = timeout < 0 ? 0 : System.nanoTime() + (long) (timeout * 1e9);
        T result = test(predicate);
        while (!truthy(result)) {
            if (timeout >= 0) {
                double left = (end - System.nanoTime()) / 1e9;
                if (left <= 0) break;
                await(left);
            } else {
                await();
            }
            result = test(predicate);
        }
        return result;
    }

    private static <T> T test(Callable0<T> predicate) {
        try {
            return predicate.call();
        } catch (Exception e) {
            throw Py.rethrow(e);
        }
    }

    private static boolean truthy(Object o) {
        if (o == null) return false;
        if (o instanceof Boolean b) return b;
        if (o instanceof Number n) return n.doubleValue() != 0;
        return true;
    }
}
