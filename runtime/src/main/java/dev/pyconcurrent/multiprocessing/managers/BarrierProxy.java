package dev.pyconcurrent.multiprocessing.managers;

/** CPython's {@code BarrierProxy} ({@code manager.Barrier(parties)}): {@code wait} is {@link #await}. */
public class BarrierProxy extends BaseProxy {
    private static final long serialVersionUID = 1L;

    protected BarrierProxy() {}

    /** {@code wait()}: the arrival index; BrokenBarrierError as the barrier raises it. */
    public int await() {
        return callmethod("await");
    }

    /** {@code wait(timeout)}. */
    public int await(double timeout) {
        return callmethod("await", timeout);
    }

    /** {@code abort()}. */
    public void abort() {
        callmethod("abort");
    }

    /** {@code reset()}. */
    public void reset() {
        callmethod("reset");
    }

    /** {@code parties}. */
    public int parties() {
        return callmethod("parties");
    }

    /** {@code n_waiting}. */
    public int nWaiting() {
        return callmethod("nWaiting");
    }

    /** {@code broken}. */
    public boolean broken() {
        return callmethod("broken");
    }
}
