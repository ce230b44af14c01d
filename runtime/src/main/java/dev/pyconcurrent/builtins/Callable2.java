package dev.pyconcurrent.builtins;

import java.io.Serializable;

/**
 * A Python callable of 2 arguments that returns a value (a submitted task, a mapped function).
 * Serializable for the same reasons as {@link Action2}.
 */
@FunctionalInterface
public interface Callable2<A, B, R> extends Serializable {
    R call(A a, B b) throws Exception;
}
