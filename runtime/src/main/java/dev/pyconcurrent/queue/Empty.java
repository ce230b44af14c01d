package dev.pyconcurrent.queue;

import dev.pyconcurrent.builtins.PyException;

/** {@code _queue.Empty}: Raised by {@code get(block=False)} / {@code get_nowait()} on an empty queue. Python's class lives in {@code _queue} (the C module) and is re-exported by {@code queue}, so its {@code __module__} is {@code _queue}. */
public class Empty extends PyException {
    private static final long serialVersionUID = 1L;

    public Empty(Object... args) {
        super(args);
    }

    @Override
    public String pyModule() {
        return "_queue";
    }
}
