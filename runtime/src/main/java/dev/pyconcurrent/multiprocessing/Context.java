package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.builtins.Action0;
import dev.pyconcurrent.multiprocessing.pool.Pool;
import dev.pyconcurrent.builtins.Action1;
import dev.pyconcurrent.builtins.Action2;
import dev.pyconcurrent.builtins.Action3;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.RuntimeError;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.multiprocessing.connection.Connection;
import dev.pyconcurrent.multiprocessing.connection.Connections;
import dev.pyconcurrent.multiprocessing.managers.SyncManager;
import dev.pyconcurrent.multiprocessing.sharedctypes.CArray;
import dev.pyconcurrent.multiprocessing.sharedctypes.CValue;
import dev.pyconcurrent.multiprocessing.sharedctypes.SharedArray;
import dev.pyconcurrent.multiprocessing.sharedctypes.SharedValue;
import dev.pyconcurrent.multiprocessing.sharedctypes.Sharedctypes;
import dev.pyconcurrent.multiprocessing.sharedctypes.Synchronized;
import dev.pyconcurrent.multiprocessing.sharedctypes.SynchronizedArray;
import dev.pyconcurrent.multiprocessing.synchronize.Barrier;
import dev.pyconcurrent.multiprocessing.synchronize.BoundedSemaphore;
import dev.pyconcurrent.multiprocessing.synchronize.Condition;
import dev.pyconcurrent.multiprocessing.synchronize.Event;
import dev.pyconcurrent.multiprocessing.synchronize.Lock;
import dev.pyconcurrent.multiprocessing.synchronize.RLock;
import dev.pyconcurrent.multiprocessing.synchronize.SemLock;
import dev.pyconcurrent.multiprocessing.synchronize.Semaphore;
import dev.pyconcurrent.os.Os;
import java.io.Serializable;
import java.util.List;

/**
 * A multiprocessing context ({@code multiprocessing.get_context(method)}): Python's callables
 * under Python's names, capitals included ({@code ctx.Process(f)}, {@code ctx.Queue(8)},
 * {@code ctx.Pipe()}), so that Java reads like Python. Start methods: {@code spawn} (a new JVM,
 * the default here: CPython 3.13's Linux default {@code fork} cannot exist on the JVM) and
 * {@code forkserver} (a pool of warm JVMs). {@code get_context("fork")} raises
 * {@code ValueError: cannot find context for 'fork'}.
 */
public class Context implements Serializable {
    private static final long serialVersionUID = 1L;
    static final List<String> METHODS = List.of("spawn", "forkserver");
    static final Context SPAWN = new Context("spawn"), FORKSERVER = new Context("forkserver");

    /** The concrete method, or null for the default context. */
    private final String method;

    Context(String method) {
        this.method = method;
    }

    /**
     * A context sent to another process (a notebook variable, an argument) is that process's own:
     * the concrete ones as themselves, the default one as its module's (as CPython's contexts,
     * which pickle by their class). The forkserver pool is not started by the arrival.
     */
    Object readResolve() {
        if (method == null) return Multiprocessing.defaultContext();
        return method.equals("spawn") ? SPAWN : FORKSERVER;
    }

    // ------------------------------------------------------------------ contexts

    /** {@code get_context()}: for the default context, the context it has become (fixing it to spawn if unset). */
    public Context getContext() {
        return this;
    }

    /** {@code get_context(method)}: ValueError {@code cannot find context for 'x'}. */
    public Context getContext(String method) {
        if (method == null) return getContext();
        Context c = switch (method) {
            case "spawn" -> SPAWN;
            case "forkserver" -> FORKSERVER;
            default -> throw new ValueError("cannot find context for " + Py.repr(method));
        };
        if (c == FORKSERVER) Forkserver.ensureRunning();
        return c;
    }

    /** {@code get_start_method()}. */
    public String getStartMethod() {
        return method;
    }

    /** {@code get_start_method(allow_none)}. */
    public String getStartMethod(boolean allowNone) {
        return getStartMethod();
    }

    /** {@code set_start_method(method)}: ValueError on a concrete context. */
    public void setStartMethod(String method) {
        setStartMethod(method, false);
    }

    public void setStartMethod(String method, boolean force) {
        throw new ValueError("cannot set start method of concrete context");
    }

    /** {@code get_all_start_methods()}: the default first. */
    public List<String> getAllStartMethods() {
        return METHODS;
    }

    // ------------------------------------------------------------------ processes

    /** {@code Process()}: a process of this context whose {@code run()} a subclass overrides... or use {@link Process#Process()} . */
    public Process Process(Action0 target) {
        return bind(new Process(target));
    }

    public <A> Process Process(Action1<A> target, A a) {
        return bind(new Process(target, a));
    }

    public <A, B> Process Process(Action2<A, B> target, A a, B b) {
        return bind(new Process(target, a, b));
    }

    public <A, B, C> Process Process(Action3<A, B, C> target, A a, B b, C c) {
        return bind(new Process(target, a, b, c));
    }

    /** Makes a process (e.g. of a subclass) start by this context's method. */
    public <P extends Process> P bind(P p) {
        p.startMethod(method);
        return p;
    }

    /** {@code current_process()}. */
    public Process currentProcess() {
        return Procs.current();
    }

    /** {@code parent_process()}: None in the main process. */
    public Process parentProcess() {
        return Procs.parent();
    }

    /** {@code active_children()}: the children still running (joining the ended ones). */
    public List<Process> activeChildren() {
        return Procs.activeChildren();
    }

    /** {@code cpu_count()}. */
    public int cpuCount() {
        return Os.cpuCount();
    }

    // ------------------------------------------------------------------ communication

    /** {@code Pipe()}. */
    public Connection[] Pipe() {
        return Connections.Pipe();
    }

    /** {@code Pipe(duplex)}. */
    public Connection[] Pipe(boolean duplex) {
        return Connections.Pipe(duplex);
    }

    /** {@code Queue()}. */
    public <E> Queue<E> Queue() {
        return new Queue<>();
    }

    /** {@code Queue(maxsize)}. */
    public <E> Queue<E> Queue(int maxsize) {
        return new Queue<>(maxsize);
    }

    /** {@code SimpleQueue()}. */
    public <E> SimpleQueue<E> SimpleQueue() {
        return new SimpleQueue<>();
    }

    /** {@code JoinableQueue()}. */
    public <E> JoinableQueue<E> JoinableQueue() {
        return new JoinableQueue<>();
    }

    /** {@code JoinableQueue(maxsize)}. */
    public <E> JoinableQueue<E> JoinableQueue(int maxsize) {
        return new JoinableQueue<>(maxsize);
    }

    // ------------------------------------------------------------------ pools

    /** {@code ctx.Pool()}: a {@link Pool} whose workers are this context's processes. */
    public Pool Pool() {
        return new Pool(Pool.options().context(this));
    }

    /** {@code ctx.Pool(processes)}. */
    public Pool Pool(int processes) {
        return new Pool(Pool.options().processes(processes).context(this));
    }

    /** {@code ctx.Pool(processes, initializer)}. */
    public Pool Pool(int processes, Action0 initializer) {
        return new Pool(Pool.options().processes(processes).initializer(initializer).context(this));
    }

    /** {@code ctx.Pool(**options)}: the options' context is set to this one. */
    public Pool Pool(Pool.Options options) {
        return new Pool(options.context(this));
    }

    // ------------------------------------------------------------------ managers

    /**
     * {@code Manager()}: a started {@link SyncManager} whose server process runs by this
     * context's start method.
     */
    public SyncManager Manager() {
        SyncManager m = new SyncManager(SyncManager.options().ctx(this));
        m.start();
        return m;
    }

    // ------------------------------------------------------------------ synchronization (in shared memory)

    /** {@code Lock()}: a non-recursive lock shared with the processes it is passed to. */
    public Lock Lock() {
        return new Lock();
    }

    /** {@code RLock()}. */
    public RLock RLock() {
        return new RLock();
    }

    /** {@code Semaphore(value)}. */
    public Semaphore Semaphore(int value) {
        return new Semaphore(value);
    }

    /** {@code BoundedSemaphore(value)}. */
    public BoundedSemaphore BoundedSemaphore(int value) {
        return new BoundedSemaphore(value);
    }

    /** {@code Condition()}: over a new RLock. */
    public Condition Condition() {
        return new Condition();
    }

    /** {@code Condition(lock)}. */
    public Condition Condition(SemLock lock) {
        return new Condition(lock);
    }

    /** {@code Event()}. */
    public Event Event() {
        return new Event();
    }

    /** {@code Barrier(parties)}. */
    public Barrier Barrier(int parties) {
        return new Barrier(parties);
    }

    /** {@code Barrier(parties, action, timeout)}. */
    public Barrier Barrier(int parties, Action0 action, double timeout) {
        return new Barrier(parties, action, timeout);
    }

    // ------------------------------------------------------------------ shared values

    /** {@code Value(typecode, value)}: a ctypes object in shared memory behind its own RLock. */
    public Synchronized Value(String typecode, Object value) {
        return Sharedctypes.Value(typecode, value);
    }

    /** {@code Value(typecode, value, lock=...)}. */
    public SharedValue Value(String typecode, Object value, Sharedctypes.Options options) {
        return Sharedctypes.Value(typecode, value, options);
    }

    /** {@code Array(typecode, size_or_initializer)}. */
    public SynchronizedArray Array(String typecode, Object sizeOrInitializer) {
        return Sharedctypes.Array(typecode, sizeOrInitializer);
    }

    /** {@code Array(typecode, size_or_initializer, lock=...)}. */
    public SharedArray Array(String typecode, Object sizeOrInitializer, Sharedctypes.Options options) {
        return Sharedctypes.Array(typecode, sizeOrInitializer, options);
    }

    /** {@code RawValue(typecode, value)}: no lock. */
    public CValue RawValue(String typecode, Object value) {
        return Sharedctypes.RawValue(typecode, value);
    }

    /** {@code RawArray(typecode, size_or_initializer)}: no lock. */
    public CArray RawArray(String typecode, Object sizeOrInitializer) {
        return Sharedctypes.RawArray(typecode, sizeOrInitializer);
    }

    @Override
    public String toString() {
        String type = method == null ? "DefaultContext" : method.equals("spawn") ? "SpawnContext" : "ForkServerContext";
        return "<multiprocessing.context." + type + " object at " + Py.addressOf(this) + ">";
    }

    /** The default context ({@code multiprocessing}'s module functions): its method can be set once. */
    static final class Default extends Context {
        private transient volatile Context actual;

        Default() {
            super(null);
        }

        @Override
        public Context getContext() {
            if (actual == null) actual = SPAWN;
            return actual;
        }

        @Override
        public String getStartMethod() {
            return getContext().getStartMethod();
        }

        @Override
        public String getStartMethod(boolean allowNone) {
            return actual == null && allowNone ? null : getStartMethod();
        }

        @Override
        public synchronized void setStartMethod(String method, boolean force) {
            if (actual != null && !force) throw new RuntimeError("context has already been set");
            if (method == null && force) {
                actual = null;
                return;
            }
            actual = getContext(method);
        }
    }
}
