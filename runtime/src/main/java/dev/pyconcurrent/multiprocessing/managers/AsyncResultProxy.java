package dev.pyconcurrent.multiprocessing.managers;

/**
 * What {@code PoolProxy.applyAsync}/{@code mapAsync} return: CPython's
 * {@code AutoProxy[AsyncResult]} over the pool's result in the server.
 */
public class AsyncResultProxy<R> extends BaseProxy {
    private static final long serialVersionUID = 1L;

    protected AsyncResultProxy() {}

    @Override
    String typeName() {
        return "AutoProxy[" + token().typeid() + "]";
    }

    /** {@code get()}. */
    public R get() {
        return callmethod("get");
    }

    /** {@code get(timeout)}: {@code multiprocessing.TimeoutError} when not ready in time. */
    public R get(double timeout) {
        return callmethod("get", timeout);
    }

    /** {@code ready()}. */
    public boolean ready() {
        return callmethod("ready");
    }

    /** {@code successful()}. */
    public boolean successful() {
        return callmethod("successful");
    }

    /** {@code wait()}. */
    public void await() {
        callmethod("await");
    }

    /** {@code wait(timeout)}. */
    public void await(double timeout) {
        callmethod("await", timeout);
    }
}
