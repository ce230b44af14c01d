package dev.pyconcurrent.multiprocessing.managers;

/**
 * CPython's {@code AutoProxy}: the proxy of a type registered without a proxy type; its repr
 * names it {@code AutoProxy[typeid]}. Its methods are reached with {@link #callmethod}
 * ({@code proxy.callmethod("add", 1, 2)}), or register an interface as the proxy type to call
 * them directly.
 */
public class AutoProxy extends BaseProxy {
    private static final long serialVersionUID = 1L;

    AutoProxy() {}
}
