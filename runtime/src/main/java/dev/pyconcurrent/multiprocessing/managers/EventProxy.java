package dev.pyconcurrent.multiprocessing.managers;

/** CPython's {@code EventProxy} ({@code manager.Event()}): {@code wait} is {@link #await}. */
public class EventProxy extends BaseProxy {
    private static final long serialVersionUID = 1L;

    protected EventProxy() {}

    /** {@code is_set()}. */
    public boolean isSet() {
        return callmethod("isSet");
    }

    /** {@code set()}. */
    public void set() {
        callmethod("set");
    }

    /** {@code clear()}. */
    public void clear() {
        callmethod("clear");
    }

    /** {@code wait()}. */
    public boolean await() {
        return callmethod("await");
    }

    /** {@code wait(timeout)}. */
    public boolean await(double timeout) {
        return callmethod("await", timeout);
    }
}
