package dev.pyconcurrent.multiprocessing.managers;

/**
 * CPython's {@code NamespaceProxy} ({@code manager.Namespace()}): {@code ns.x} is
 * {@code ns.get("x")} (AttributeError {@code 'Namespace' object has no attribute 'x'}),
 * {@code ns.x = 1} is {@code ns.set("x", 1)}, {@code del ns.x} is {@code ns.delete("x")}.
 */
public class NamespaceProxy extends BaseProxy {
    private static final long serialVersionUID = 1L;

    protected NamespaceProxy() {}

    /** {@code ns.name}. */
    public <T> T get(String name) {
        return callmethod("__getattribute__", name);
    }

    /** {@code ns.name = value}. */
    public NamespaceProxy set(String name, Object value) {
        callmethod("__setattr__", name, value);
        return this;
    }

    /** {@code del ns.name}. */
    public void delete(String name) {
        callmethod("__delattr__", name);
    }
}
