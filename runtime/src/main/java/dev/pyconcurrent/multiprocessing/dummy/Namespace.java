package dev.pyconcurrent.multiprocessing.dummy;

import dev.pyconcurrent.builtins.AttributeError;
import dev.pyconcurrent.builtins.Py;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code multiprocessing.dummy.Namespace}: an object whose attributes are set freely
 * ({@code ns.x = 1} is {@code ns.set("x", 1)}, {@code ns.x} is {@code ns.get("x")}).
 * {@code Namespace(a=1, b='x')}: the repr lists the attributes not starting with {@code _},
 * sorted.
 */
public class Namespace {
    private final Map<String, Object> attributes = new LinkedHashMap<>();

    /** {@code Namespace()}. */
    public Namespace() {}

    /** {@code Namespace(**kwds)}. */
    public Namespace(Map<String, ?> kwds) {
        attributes.putAll(kwds);
    }

    /** {@code ns.name}: {@code AttributeError: 'Namespace' object has no attribute 'name'} if unset. */
    public Object get(String name) {
        if (!attributes.containsKey(name)) throw missing(name);
        return attributes.get(name);
    }

    /** {@code ns.name = value}. */
    public Namespace set(String name, Object value) {
        attributes.put(name, value);
        return this;
    }

    /** {@code del ns.name}. */
    public void delete(String name) {
        if (!attributes.containsKey(name)) throw new AttributeError(name);
        attributes.remove(name);
    }

    private AttributeError missing(String name) {
        return new AttributeError("'" + getClass().getSimpleName() + "' object has no attribute " + Py.repr(name));
    }

    /** {@code Namespace(a=1, b='x')}. */
    @Override
    public String toString() {
        List<String> items = new ArrayList<>();
        attributes.forEach((k, v) -> {
            if (!k.startsWith("_")) items.add(k + "=" + Py.repr(v));
        });
        items.sort(null);
        return getClass().getSimpleName() + "(" + String.join(", ", items) + ")";
    }
}
