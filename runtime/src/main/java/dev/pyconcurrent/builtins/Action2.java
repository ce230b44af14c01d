package dev.pyconcurrent.builtins;

import java.io.Serializable;

/**
 * A Python callable of 2 arguments whose result is ignored (a thread's target, a callback).
 * Serializable, so that a lambda or method reference can cross a process boundary and so that
 * its name ({@code __name__}) can be recovered for default names like {@code Thread-1 (worker)};
 * it may throw checked exceptions, which propagate unchanged as Python's would.
 */
@FunctionalInterface
public interface Action2<A, B> extends Serializable {
    void call(A a, B b) throws Exception;
}
