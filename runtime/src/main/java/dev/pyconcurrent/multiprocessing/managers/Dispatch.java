package dev.pyconcurrent.multiprocessing.managers;

import dev.pyconcurrent.builtins.AttributeError;
import dev.pyconcurrent.builtins.IndexError;
import dev.pyconcurrent.builtins.KeyError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.StopIteration;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.builtins.TypeError;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.multiprocessing.dummy.Array;
import dev.pyconcurrent.multiprocessing.dummy.Namespace;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * How the server calls a method of a shared object by name (internal). Python's special and
 * list/dict method names ({@code __getitem__}, {@code append}, {@code popitem}…) are
 * implemented here over {@code java.util.List}/{@code Map} with Python's semantics and
 * messages; any other name is the object's public Java method of that name whose parameters
 * take the arguments (Java's overload rule: without unboxing first, then with Python's numbers
 * converted, an int taking a long that fits).
 */
final class Dispatch {
    private Dispatch() {}

    private static final Object NOT_SPECIAL = new Object();
    private static final List<String> LIST_NAMES = List.of("__len__", "__getitem__", "__setitem__", "__delitem__",
            "__contains__", "append", "extend", "count", "index", "insert", "pop", "remove", "reverse", "sort");
    private static final List<String> DICT_NAMES = List.of("__len__", "__getitem__", "__setitem__", "__delitem__",
            "__contains__", "get", "pop", "popitem", "setdefault", "update", "keys", "values", "items", "copy");
    private static final List<String> NAMESPACE_NAMES = List.of("__getattribute__", "__setattr__", "__delattr__");
    private static final List<String> ARRAY_NAMES = List.of("__len__", "__getitem__", "__setitem__");

    private static final ClassValue<Map<String, List<Method>>> METHODS = new ClassValue<>() {
        @Override
        protected Map<String, List<Method>> computeValue(Class<?> c) {
            Map<String, List<Method>> byName = new HashMap<>();
            for (Method m : c.getMethods()) {
                if (m.getDeclaringClass() == Object.class || m.isVarArgs()) continue;
                Method a = accessible(m);
                if (a != null) byName.computeIfAbsent(m.getName(), k -> new ArrayList<>()).add(a);
            }
            return byName;
        }
    };

    /** CPython's {@code public_methods(obj)}: the public methods' names, and the Python names implemented here. */
    static List<String> publicMethods(Object obj) {
        TreeSet<String> names = new TreeSet<>(METHODS.get(obj.getClass()).keySet());
        names.removeIf(n -> n.startsWith("_"));
        names.addAll(specialNames(obj));
        return new ArrayList<>(names);
    }

    private static List<String> specialNames(Object obj) {
        if (obj instanceof List) return LIST_NAMES;
        if (obj instanceof Map) return DICT_NAMES;
        if (obj instanceof Namespace) return NAMESPACE_NAMES;
        if (obj instanceof Array) return ARRAY_NAMES;
        if (obj instanceof Iterator) return List.of("__next__");
        return List.of();
    }

    /** {@code getattr(obj, name)(*args)}. */
    static Object call(Object obj, String name, Object[] args) throws Throwable {
        Object r = special(obj, name, args);
        return r != NOT_SPECIAL ? r : invoke(obj, name, args);
    }

    @SuppressWarnings("unchecked")
    private static Object special(Object obj, String name, Object[] a) throws Throwable {
        if (obj instanceof List<?> l) return list((List<Object>) l, name, a);
        if (obj instanceof Map<?, ?> m) return dict((Map<Object, Object>) m, name, a);
        if (obj instanceof Namespace ns) {
            switch (name) {
                case "__getattribute__": return ns.get((String) a[0]);
                case "__setattr__": ns.set((String) a[0], a[1]); return null;
                case "__delattr__": ns.delete((String) a[0]); return null;
                default: return NOT_SPECIAL;
            }
        }
        if (obj instanceof Array arr) {
            switch (name) {
                case "__len__": return arr.size();
                case "__getitem__": return arr.get(index(a[0], arr.size(), "array index out of range"));
                case "__setitem__": arr.set(index(a[0], arr.size(), "array assignment index out of range"), a[1]); return null;
                default: return NOT_SPECIAL;
            }
        }
        if (obj instanceof Iterator<?> it && name.equals("__next__")) {
            if (!it.hasNext()) throw new StopIteration();
            return it.next();
        }
        // CPython's BarrierProxy reads attributes this way; here a method without arguments of that name
        if (name.equals("__getattribute__") && a.length == 1) return invoke(obj, camel((String) a[0]), new Object[0]);
        return NOT_SPECIAL;
    }

    // ------------------------------------------------------------------ list

    private static Object list(List<Object> l, String name, Object[] a) {
        switch (name + "/" + a.length) {
            case "__len__/0": return l.size();
            case "__getitem__/1": return l.get(index(a[0], l.size(), "list index out of range"));
            case "__setitem__/2": l.set(index(a[0], l.size(), "list assignment index out of range"), a[1]); return null;
            case "__delitem__/1": l.remove(index(a[0], l.size(), "list assignment index out of range")); return null;
            case "__contains__/1": return indexOf(l, a[0]) >= 0;
            case "append/1": l.add(a[0]); return null;
            case "extend/1": l.addAll(items(a[0])); return null;
            case "count/1": return (int) l.stream().filter(x -> Py.eq(x, a[0])).count();
            case "index/1": {
                int i = indexOf(l, a[0]);
                if (i < 0) throw new ValueError(Py.repr(a[0]) + " is not in list");
                return i;
            }
            case "insert/2": {
                int i = toInt(a[0]);
                int n = l.size();
                l.add(Math.max(0, Math.min(n, i < 0 ? i + n : i)), a[1]);
                return null;
            }
            case "pop/0":
                if (l.isEmpty()) throw new IndexError("pop from empty list");
                return l.remove(l.size() - 1);
            case "pop/1":
                if (l.isEmpty()) throw new IndexError("pop from empty list");
                return l.remove(index(a[0], l.size(), "pop index out of range"));
            case "remove/1": {
                int i = indexOf(l, a[0]);
                if (i < 0) throw new ValueError("list.remove(x): x not in list");
                l.remove(i);
                return null;
            }
            case "reverse/0": java.util.Collections.reverse(l); return null;
            case "sort/0": l.sort(Py::compare); return null;
            default: return NOT_SPECIAL;
        }
    }

    private static int indexOf(List<Object> l, Object x) {
        for (int i = 0; i < l.size(); i++) {
            if (Py.eq(l.get(i), x)) return i;
        }
        return -1;
    }

    /** A Python index: negative counts from the end; IndexError {@code message} outside. */
    private static int index(Object i, int size, String message) {
        if (!(i instanceof Integer || i instanceof Long)) {
            throw new TypeError("list indices must be integers or slices, not " + Py.typeName(i));
        }
        long k = ((Number) i).longValue();
        if (k < 0) k += size;
        if (k < 0 || k >= size) throw new IndexError(message);
        return (int) k;
    }

    private static Collection<?> items(Object iterable) {
        if (iterable instanceof Collection<?> c) return c;
        if (iterable instanceof Iterable<?> it) {
            List<Object> l = new ArrayList<>();
            it.forEach(l::add);
            return l;
        }
        throw new TypeError("'" + Py.typeName(iterable) + "' object is not iterable");
    }

    // ------------------------------------------------------------------ dict

    private static Object dict(Map<Object, Object> m, String name, Object[] a) {
        switch (name + "/" + a.length) {
            case "__len__/0": return m.size();
            case "__getitem__/1":
                if (!m.containsKey(a[0])) throw new KeyError(a[0]);
                return m.get(a[0]);
            case "__setitem__/2": m.put(a[0], a[1]); return null;
            case "__delitem__/1":
                if (!m.containsKey(a[0])) throw new KeyError(a[0]);
                m.remove(a[0]);
                return null;
            case "__contains__/1": return m.containsKey(a[0]);
            case "get/2": return m.getOrDefault(a[0], a[1]);
            case "pop/1":
                if (!m.containsKey(a[0])) throw new KeyError(a[0]);
                return m.remove(a[0]);
            case "pop/2": return m.containsKey(a[0]) ? m.remove(a[0]) : a[1];
            case "popitem/0": {
                if (m.isEmpty()) throw new KeyError("popitem(): dictionary is empty");
                Object last = null;
                for (Object k : m.keySet()) last = k;
                return Tuple.of(last, m.remove(last));
            }
            case "setdefault/1": return m.computeIfAbsent(a[0], k -> null);
            case "setdefault/2":
                if (!m.containsKey(a[0])) m.put(a[0], a[1]);
                return m.get(a[0]);
            case "update/1": m.putAll((Map<?, ?>) a[0]); return null;
            case "keys/0": return new ArrayList<>(m.keySet());
            case "values/0": return new ArrayList<>(m.values());
            case "items/0": {
                List<Tuple> items = new ArrayList<>(m.size());
                m.forEach((k, v) -> items.add(Tuple.of(k, v)));
                return items;
            }
            case "copy/0": return new LinkedHashMap<>(m);
            default: return NOT_SPECIAL;
        }
    }

    // ------------------------------------------------------------------ Java methods

    private static Object invoke(Object obj, String name, Object[] args) throws Throwable {
        List<Method> candidates = METHODS.get(obj.getClass()).get(name);
        if (candidates == null) {
            throw new AttributeError("'" + Py.typeName(obj) + "' object has no attribute " + Py.repr(name));
        }
        for (boolean convert : new boolean[] {false, true}) {
            for (Method m : candidates) {
                if (m.getParameterCount() != args.length) continue;
                Object[] converted = arguments(m.getParameterTypes(), args, convert);
                if (converted == null) continue;
                try {
                    return m.invoke(obj, converted);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        int arity = candidates.get(0).getParameterCount();
        if (candidates.stream().allMatch(m -> m.getParameterCount() != args.length) && candidates.stream().allMatch(m -> m.getParameterCount() == arity)) {
            throw arityError(name, arity, args.length);
        }
        throw new TypeError(Py.typeName(obj) + "." + name + "() does not take the arguments " + Py.repr(Tuple.of(args)));
    }

    /** CPython's {@code f() takes 2 positional arguments but 3 were given}. */
    static TypeError arityError(String name, int arity, int given) {
        return new TypeError(name + "() takes " + arity + " positional argument" + (arity == 1 ? "" : "s") + " but " + given
                + (given == 1 ? " was" : " were") + " given");
    }

    /** The arguments as {@code types} take them, or null; {@code convert}: Python's numbers to the parameter's type. */
    private static Object[] arguments(Class<?>[] types, Object[] args, boolean convert) {
        Object[] out = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            Class<?> t = types[i];
            Object a = args[i];
            if (!t.isPrimitive() && (a == null || t.isInstance(a))) out[i] = a;
            else if (!convert || a == null) return null;
            else if ((out[i] = number(t, a)) == null) return null;
        }
        return out;
    }

    private static Object number(Class<?> t, Object a) {
        if ((t == boolean.class || t == Boolean.class) && a instanceof Boolean) return a;
        boolean integral = a instanceof Integer || a instanceof Long || a instanceof Short || a instanceof Byte || a instanceof BigInteger;
        if (t == int.class || t == Integer.class) return integral && fitsInt((Number) a) ? ((Number) a).intValue() : null;
        if (t == long.class || t == Long.class) return integral ? ((Number) a).longValue() : null;
        if (t == double.class || t == Double.class) return a instanceof Number n ? n.doubleValue() : null;
        if (t == float.class || t == Float.class) return a instanceof Number n ? n.floatValue() : null;
        return null;
    }

    private static boolean fitsInt(Number n) {
        return n.longValue() == n.intValue() && !(n instanceof BigInteger b && b.bitLength() > 31);
    }

    private static int toInt(Object i) {
        if (!(i instanceof Integer || i instanceof Long)) throw new TypeError("'" + Py.typeName(i) + "' object cannot be interpreted as an integer");
        return (int) ((Number) i).longValue();
    }

    /** The method as callable from here: made accessible, or the same method of a public supertype. */
    private static Method accessible(Method m) {
        if (Modifier.isPublic(m.getDeclaringClass().getModifiers())) return m;
        try {
            m.setAccessible(true);
            return m;
        } catch (RuntimeException e) {
            for (Class<?> i : m.getDeclaringClass().getInterfaces()) {
                try {
                    return accessible(i.getMethod(m.getName(), m.getParameterTypes()));
                } catch (NoSuchMethodException ignored) {
                    // not this one
                }
            }
            return null;
        }
    }

    /** Python's attribute name in Java's camelCase ({@code n_waiting} → {@code nWaiting}). */
    static String camel(String name) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char c : name.toCharArray()) {
            if (c == '_' && sb.length() > 0) up = true;
            else {
                sb.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return sb.toString();
    }
}
