package dev.pyconcurrent.builtins;

import java.io.Serializable;

/**
 * A Python callable of 1 argument that returns a value (a submitted task, a mapped function).
 * Serializable for the same reasons as {@link Action1}.
 */
@FunctionalInterface
public interface Callable1<A, R> extends Serializable {
    R call(A a) throws Exception;
}
