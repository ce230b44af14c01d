package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.builtins.PyException;

/** {@code multiprocessing.ProcessError}: the base of multiprocessing's own exceptions (defined in {@code multiprocessing.context}). */
public class ProcessError extends PyException {
    private static final long serialVersionUID = 1L;

    public ProcessError(Object... args) {
        super(args);
    }

    @Override
    public String pyModule() {
        return "multiprocessing.context";
    }
}
