package dev.pyconcurrent.threading;

import dev.pyconcurrent.builtins.AttributeError;
import dev.pyconcurrent.builtins.Py;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Python's {@code threading.local}: attributes whose values are per thread.
 *
 * <p>{@code local.x = 1} is {@code local.set("x", 1)}, {@code local.x} is
 * {@code local.get("x")} ({@code AttributeError} with CPython's message when this thread has
 * not set it), {@code del local.x} is {@code local.del("x")}.
 *
 * <p>The subclass pattern: as Python re-runs a {@code local} subclass's {@code __init__} in
 * every thread that touches the object, {@link #init()} runs once per thread, before that
 * thread's first access; override it to give each thread its initial attributes, and add
 * typed accessors over {@link #get}/{@link #set}:
 * <pre>{@code
 * class MyLocal extends Local {
 *     @Override protected void init() { set("number", 2); }
 *     int squared() { int n = get("number"); return n * n; }
 * }
 * }</pre>
 * A thread's attributes go away with the thread or with the object.
 */
public class Local {
    private final ThreadLocal<Map<String, Object>> dicts = new ThreadLocal<>();

    /** Per-thread initialisation (Python's {@code __init__} re-run per thread); nothing by default. */
    protected void init() {}

    /** This thread's attributes ({@code __dict__}), created (and {@link #init()} run) on first use. */
    public Map<String, Object> dict() {
        Map<String, Object> d = dicts.get();
        if (d == null) {
            d = new LinkedHashMap<>();
            dicts.set(d);
            try {
                init();
            } catch (RuntimeException | Error e) {
                dicts.remove();
                throw e;
            }
        }
        return d;
    }

    /** {@code getattr(local, name)}: {@code AttributeError: '_thread._local' object has no attribute 'x'} if unset. */
    @SuppressWarnings("unchecked")
    public <T> T get(String name) {
        Map<String, Object> d = dict();
        if (!d.containsKey(name)) throw missing(name);
        return (T) d.get(name);
    }

    /** {@code getattr(local, name, default)}. */
    @SuppressWarnings("unchecked")
    public <T> T get(String name, T defaultValue) {
        Map<String, Object> d = dict();
        return d.containsKey(name) ? (T) d.get(name) : defaultValue;
    }

    /** {@code hasattr(local, name)}. */
    public boolean has(String name) {
        return dict().containsKey(name);
    }

    /** {@code local.name = value}. */
    public void set(String name, Object value) {
        dict().put(name, value);
    }

    /** {@code del local.name}: {@code AttributeError} if unset. */
    public void del(String name) {
        Map<String, Object> d = dict();
        if (!d.containsKey(name)) throw missing(name);
        d.remove(name);
    }

    private AttributeError missing(String name) {
        return new AttributeError("'" + typeName() + "' object has no attribute " + Py.reprString(name));
    }

    private String typeName() {
        if (getClass() == Local.class) return "_thread._local";
        Class<?> c = getClass();
        while (c.getSimpleName().isEmpty()) c = c.getSuperclass();
        return c.getSimpleName();
    }

    /** {@code <_thread._local object at 0x…>}; a subclass shows its own name. */
    @Override
    public String toString() {
        return "<" + typeName() + " object at " + Py.addressOf(this) + ">";
    }
}
