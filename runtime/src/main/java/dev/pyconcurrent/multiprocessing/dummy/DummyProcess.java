package dev.pyconcurrent.multiprocessing.dummy;

import dev.pyconcurrent.builtins.Action0;
import dev.pyconcurrent.builtins.Action1;
import dev.pyconcurrent.builtins.Action2;
import dev.pyconcurrent.builtins.Action3;
import dev.pyconcurrent.builtins.RuntimeError;
import dev.pyconcurrent.threading.Thread;
import dev.pyconcurrent.threading.Threading;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Python's {@code multiprocessing.dummy.DummyProcess} ({@code dummy.Process}): a
 * {@code threading.Thread} with the process API's extras, numbered by the threads' shared
 * {@code Thread-N} counter ({@code <DummyProcess(Thread-16 (noop), initial)>}).
 * {@link #exitcode()} is 0 once started and ended, {@code null} before; a started one is
 * among its starting thread's {@link Dummy#activeChildren()}.
 */
public class DummyProcess extends Thread {
    /** CPython's {@code current_process()._children}, per thread, weakly. */
    private static final Map<Thread, Set<DummyProcess>> CHILDREN = Collections.synchronizedMap(new WeakHashMap<>());

    private final Thread parent = Threading.currentThread();
    private volatile boolean startCalled;

    /** {@code DummyProcess()}: override {@link #run()}. */
    public DummyProcess() {
        super();
    }

    /** {@code DummyProcess(target=f)}. */
    public DummyProcess(Action0 target) {
        super(target);
    }

    /** {@code DummyProcess(target=f, args=(a,))}. */
    public <A> DummyProcess(Action1<A> target, A a) {
        super(target, a);
    }

    /** {@code DummyProcess(target=f, args=(a, b))}. */
    public <A, B> DummyProcess(Action2<A, B> target, A a, B b) {
        super(target, a, b);
    }

    /** {@code DummyProcess(target=f, args=(a, b, c))}. */
    public <A, B, C> DummyProcess(Action3<A, B, C> target, A a, B b, C c) {
        super(target, a, b, c);
    }

    /** {@code start()}: only from the thread that created it ({@code RuntimeError: Parent is … but current_process is …}). */
    @Override
    public void start() {
        Thread current = Threading.currentThread();
        if (parent != current) throw new RuntimeError("Parent is " + parent + " but current_process is " + current);
        startCalled = true;
        CHILDREN.computeIfAbsent(parent, p -> Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()))).add(this);
        super.start();
    }

    /** {@code exitcode}: 0 once started and ended, else {@code None}. */
    public Integer exitcode() {
        return startCalled && !isAlive() ? 0 : null;
    }

    /** {@code active_children()} of the current thread: its started children still alive (the ended ones are dropped). */
    static List<DummyProcess> activeChildren() {
        Set<DummyProcess> children = CHILDREN.get(Threading.currentThread());
        if (children == null) return new ArrayList<>();
        synchronized (children) {
            children.removeIf(p -> !p.isAlive());
            return new ArrayList<>(children);
        }
    }

    /** Fluent {@code name = ...} keeping the type. */
    @Override
    public DummyProcess name(String name) {
        super.name(name);
        return this;
    }

    /** Fluent {@code daemon = ...} keeping the type. */
    @Override
    public DummyProcess daemon(boolean daemonic) {
        super.daemon(daemonic);
        return this;
    }
}
