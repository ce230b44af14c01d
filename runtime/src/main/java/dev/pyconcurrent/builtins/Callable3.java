package dev.pyconcurrent.builtins;

import java.io.Serializable;

/**
 * A Python callable of 3 arguments that returns a value (a submitted task, a mapped function).
 * Serializable for the same reasons as {@link Action3}.
 */
@FunctionalInterface
public interface Callable3<A, B, C, R> extends Serializable {
    R call(A a, B b, C c) throws Exception;
}
