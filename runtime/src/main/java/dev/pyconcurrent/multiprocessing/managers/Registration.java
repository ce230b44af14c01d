package dev.pyconcurrent.multiprocessing.managers;

import dev.pyconcurrent.builtins.Action0;
import dev.pyconcurrent.builtins.Action1;
import dev.pyconcurrent.builtins.Action2;
import dev.pyconcurrent.builtins.Action3;
import dev.pyconcurrent.builtins.Callable0;
import dev.pyconcurrent.builtins.Callable1;
import dev.pyconcurrent.builtins.Callable2;
import dev.pyconcurrent.builtins.Callable3;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.builtins.TypeError;
import dev.pyconcurrent.futures.Call;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One entry of a manager's registry ({@code register(typeid, callable, proxytype, exposed,
 * method_to_typeid, create_method)}): sent to the server process, where {@link #create} makes
 * the shared objects. {@code callable}: a {@code Callable0..3}/{@code Action0..3}, a
 * {@link Factory}, or null (the object is the one argument, as for the types a method
 * returns); {@code proxytype}: a {@link BaseProxy} subclass, an interface reached through a
 * {@code java.lang.reflect.Proxy}, or null ({@link AutoProxy}).
 */
final class Registration implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Object callable;
    private final List<String> exposed;
    private final Map<String, String> methodToTypeid;
    private final Class<?> proxytype;
    private final boolean createMethod;

    // a class, not a record: a fresh server JVM's first record deserialization costs tens of milliseconds
    Registration(Object callable, List<String> exposed, Map<String, String> methodToTypeid, Class<?> proxytype, boolean createMethod) {
        this.callable = callable;
        this.exposed = exposed;
        this.methodToTypeid = methodToTypeid;
        this.proxytype = proxytype;
        this.createMethod = createMethod;
    }

    Object callable() {
        return callable;
    }

    List<String> exposed() {
        return exposed;
    }

    Map<String, String> methodToTypeid() {
        return methodToTypeid;
    }

    Class<?> proxytype() {
        return proxytype;
    }

    boolean createMethod() {
        return createMethod;
    }

    /** A factory taking any number of arguments (the built-in types' constructors, e.g. {@code Queue()} / {@code Queue(8)}). */
    @FunctionalInterface
    interface Factory extends Serializable {
        Object create(Object[] args) throws Exception;
    }

    /** {@code callable(*args)}: a callable of another arity is CPython's TypeError. */
    Object create(String typeid, Tuple args) throws Exception {
        if (callable instanceof Factory f) return f.create(args.toArray());
        int arity = arity(callable);
        if (arity != args.size()) throw Dispatch.arityError(typeid, arity, args.size());
        return Call.of(callable, args.toArray()).invoke();
    }

    private static int arity(Object f) {
        if (f instanceof Callable0 || f instanceof Action0) return 0;
        if (f instanceof Callable1 || f instanceof Action1) return 1;
        if (f instanceof Callable2 || f instanceof Action2) return 2;
        if (f instanceof Callable3 || f instanceof Action3) return 3;
        throw new TypeError(Py.repr(f) + " is not a callable of 0 to 3 arguments");
    }
}
