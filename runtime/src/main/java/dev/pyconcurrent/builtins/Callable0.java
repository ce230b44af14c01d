package dev.pyconcurrent.builtins;

import java.io.Serializable;

/**
 * A Python callable of no arguments that returns a value (a submitted task, a mapped function).
 * Serializable for the same reasons as {@link Action0}.
 */
@FunctionalInterface
public interface Callable0<R> extends Serializable {
    R call() throws Exception;
}
