package dev.pyconcurrent.queue;

import dev.pyconcurrent.builtins.PyException;

/** {@code queue.ShutDown}: Raised by put/get on a queue that was {@link Queue#shutdown() shut down} (new in 3.13). */
public class ShutDown extends PyException {
    private static final long serialVersionUID = 1L;

    public ShutDown(Object... args) {
        super(args);
    }

    @Override
    public String pyModule() {
        return "queue";
    }
}
