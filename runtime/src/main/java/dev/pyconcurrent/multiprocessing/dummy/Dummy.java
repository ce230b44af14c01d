package dev.pyconcurrent.multiprocessing.dummy;

import java.util.List;

/** Python's {@code multiprocessing.dummy} module functions (placeholder, completed below). */
public final class Dummy {
    private Dummy() {}

    /** {@code active_children()}. */
    public static List<DummyProcess> activeChildren() {
        return DummyProcess.activeChildren();
    }
}
