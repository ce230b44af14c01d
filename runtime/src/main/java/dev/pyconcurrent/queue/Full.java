package dev.pyconcurrent.queue;

import dev.pyconcurrent.builtins.PyException;

/** {@code queue.Full}: Raised by {@code put(block=False)} / {@code put_nowait()} on a full queue, or when a put's timeout expires. */
public class Full extends PyException {
    private static final long serialVersionUID = 1L;

    public Full(Object... args) {
        super(args);
    }

    @Override
    public String pyModule() {
        return "queue";
    }
}
