package dev.pyconcurrent.contextvars;

import dev.pyconcurrent.builtins.Action0;
import dev.pyconcurrent.builtins.Callable0;
import dev.pyconcurrent.builtins.Callable1;
import dev.pyconcurrent.builtins.Callable2;
import dev.pyconcurrent.builtins.Callable3;
import dev.pyconcurrent.builtins.KeyError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.RuntimeError;
import dev.pyconcurrent.builtins.Tuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Python's {@code contextvars.Context}: a mapping of {@link ContextVar}s to values, and the
 * thing a thread runs "in".
 *
 * <p>Each Java thread starts in a new, empty context, as each thread does in CPython 3.13 (GIL
 * build; 3.14 adds {@code Thread(context=…)} and inheriting the caller's context in
 * free-threaded builds, which this runtime does not do). {@link Contextvars#copyContext()} takes
 * a copy of the current one; {@link #run} enters a context for the duration of a call, and a
 * context can be entered by one call at a time, across all threads.
 *
 * <p>The mapping is immutable underneath, as CPython's HAMT is: a {@link #copy()} shares it and
 * does not see later sets in the original (nor the original those in the copy). Here a set
 * copies the map (O(n) in the number of variables set in the context, a handful in practice)
 * and a copy is O(1). Iteration follows the order in which variables were first set (CPython's
 * is its hash order, which is unspecified).
 */
public final class Context implements Iterable<ContextVar<?>> {
    static final Object ABSENT = new Object();
    private static final ThreadLocal<Context> CURRENT = ThreadLocal.withInitial(Context::new);

    /** Never mutated once assigned: every change installs a new map. */
    private volatile Map<ContextVar<?>, Object> vars;
    private final AtomicBoolean entered = new AtomicBoolean();

    /** {@code Context()}: a new, empty context. */
    public Context() {
        this(Map.of());
    }

    private Context(Map<ContextVar<?>, Object> vars) {
        this.vars = vars;
    }

    static Context current() {
        return CURRENT.get();
    }

    Object lookup(ContextVar<?> var) {
        return vars.getOrDefault(var, ABSENT);
    }

    void put(ContextVar<?> var, Object value) {
        Map<ContextVar<?>, Object> next = new LinkedHashMap<>(vars);
        next.put(var, value);
        vars = next;
    }

    void remove(ContextVar<?> var) {
        Map<ContextVar<?>, Object> next = new LinkedHashMap<>(vars);
        next.remove(var);
        vars = next;
    }

    // ------------------------------------------------------------------ run

    /**
     * {@code ctx.run(callable)}: calls it with this context as the current one, then restores
     * the previous one; returns the callable's result. Sets made by the callable stay in this
     * context.
     *
     * @throws RuntimeError {@code cannot enter context: <_contextvars.Context object at 0x…> is already entered}
     */
    public <R> R run(Callable0<R> callable) {
        if (!entered.compareAndSet(false, true)) {
            throw new RuntimeError("cannot enter context: " + this + " is already entered");
        }
        Context saved = CURRENT.get();
        CURRENT.set(this);
        try {
            return callable.call();
        } catch (Exception e) {
            throw Py.rethrow(e);
        } finally {
            CURRENT.set(saved);
            entered.set(false);
        }
    }

    /** {@code ctx.run(callable)} for a callable without a result. */
    public void run(Action0 callable) {
        run(() -> {
            callable.call();
            return null;
        });
    }

    /** {@code ctx.run(callable, a)}. */
    public <A, R> R run(Callable1<A, R> callable, A a) {
        return run(() -> callable.call(a));
    }

    /** {@code ctx.run(callable, a, b)}. */
    public <A, B, R> R run(Callable2<A, B, R> callable, A a, B b) {
        return run(() -> callable.call(a, b));
    }

    /** {@code ctx.run(callable, a, b, c)}. */
    public <A, B, C, R> R run(Callable3<A, B, C, R> callable, A a, B b, C c) {
        return run(() -> callable.call(a, b, c));
    }

    /** {@code ctx.copy()}: a shallow copy sharing the current values. */
    public Context copy() {
        return new Context(vars);
    }

    // ------------------------------------------------------------------ mapping

    /**
     * {@code ctx[var]}.
     *
     * @throws KeyError (its str is the variable's repr) if the variable has no value here
     */
    @SuppressWarnings("unchecked")
    public <T> T getItem(ContextVar<T> var) {
        Object value = lookup(var);
        if (value == ABSENT) throw new KeyError(var);
        return (T) value;
    }

    /** {@code ctx.get(var)}: the value, or {@code null} (None). */
    public <T> T get(ContextVar<T> var) {
        return get(var, null);
    }

    /** {@code ctx.get(var, default)}. */
    @SuppressWarnings("unchecked")
    public <T> T get(ContextVar<T> var, T defaultValue) {
        Object value = lookup(var);
        return value == ABSENT ? defaultValue : (T) value;
    }

    /** {@code var in ctx}. */
    public boolean contains(ContextVar<?> var) {
        return vars.containsKey(var);
    }

    /** {@code len(ctx)}. */
    public int len() {
        return vars.size();
    }

    /** {@code ctx.keys()}: the variables with a value here. */
    public List<ContextVar<?>> keys() {
        return List.copyOf(vars.keySet());
    }

    /** {@code ctx.values()}. */
    public List<Object> values() {
        return Collections.unmodifiableList(new ArrayList<>(vars.values()));
    }

    /** {@code ctx.items()}: {@code (var, value)} tuples. */
    public List<Tuple> items() {
        List<Tuple> items = new ArrayList<>();
        vars.forEach((k, v) -> items.add(Py.tuple(k, v)));
        return items;
    }

    /** {@code iter(ctx)}: over the variables, as of now. */
    @Override
    public Iterator<ContextVar<?>> iterator() {
        return keys().iterator();
    }

    /** {@code ctx == other}: the same variables with equal values. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Context other)) return false;
        Map<ContextVar<?>, Object> a = vars, b = other.vars;
        if (a.size() != b.size()) return false;
        for (Map.Entry<ContextVar<?>, Object> e : a.entrySet()) {
            Object v = b.getOrDefault(e.getKey(), ABSENT);
            if (v == ABSENT || !Py.eq(e.getValue(), v)) return false;
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (ContextVar<?> k : vars.keySet()) h += System.identityHashCode(k);
        return h;
    }

    /** {@code <_contextvars.Context object at 0x…>}. */
    @Override
    public String toString() {
        return "<_contextvars.Context object at " + Py.addressOf(this) + ">";
    }
}
