package dev.pyconcurrent.threading;

import dev.pyconcurrent.builtins.Action0;
import dev.pyconcurrent.builtins.Action1;
import dev.pyconcurrent.builtins.Action2;
import dev.pyconcurrent.builtins.Action3;
import dev.pyconcurrent.builtins.AttributeError;
import dev.pyconcurrent.builtins.KeyboardInterrupt;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.RuntimeError;
import dev.pyconcurrent.time.Timeout;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Python's {@code threading.Thread}: a thread of control, wrapping (not extending) a
 * {@link java.lang.Thread}.
 *
 * <p>Give it a target and its positional arguments ({@code new Thread(Demo::worker, 1, 2)}),
 * or subclass it and override {@link #run()}. The name and daemon flag are fluent setters
 * usable before {@link #start()} ({@code new Thread(task).name("w").daemon(true).start()}).
 * Default names are CPython's: {@code Thread-N (target)} with a counter shared by every
 * thread and {@link Timer} of the JVM, the suffix being the target's name
 * ({@link Py#nameOf}), none when it has none.
 *
 * <p>The Java thread is created at {@link #start()} in the starting thread's
 * {@link ThreadGroup} (Java's default), with the Python name as its name, and is a Java
 * daemon thread exactly when this thread is daemonic (the JVM, like CPython at exit, waits
 * for the non-daemon ones). An exception escaping {@link #run()} goes to
 * {@link Threading#excepthook}; {@code SystemExit} is silently ignored there, as in CPython.
 * {@link #ident()} is the Java thread id, {@link #nativeId()} the Linux thread id.
 */
public class Thread {
    private Object target;
    private Object[] args;
    /** CPython deletes {@code _target} after {@code run()}: a second run raises AttributeError. */
    private boolean ran;
    private volatile String name;
    /** The counter value behind a default name, given back if the name is replaced at once. */
    private int nameNumber;
    private volatile boolean daemon;
    volatile java.lang.Thread jthread;
    volatile Long ident;
    volatile Long nativeId;
    private final java.util.concurrent.atomic.AtomicBoolean startCalled = new java.util.concurrent.atomic.AtomicBoolean();
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);

    /** {@code Thread()}: a thread whose {@link #run()} a subclass overrides (the default does nothing). */
    public Thread() {
        this((Object) null, new Object[0]);
    }

    /** {@code Thread(target=f)}. */
    public Thread(Action0 target) {
        this((Object) target, new Object[0]);
    }

    /** {@code Thread(target=f, args=(a,))}. */
    public <A> Thread(Action1<A> target, A a) {
        this((Object) target, new Object[] {a});
    }

    /** {@code Thread(target=f, args=(a, b))}. */
    public <A, B> Thread(Action2<A, B> target, A a, B b) {
        this((Object) target, new Object[] {a, b});
    }

    /** {@code Thread(target=f, args=(a, b, c))}. */
    public <A, B, C> Thread(Action3<A, B, C> target, A a, B b, C c) {
        this((Object) target, new Object[] {a, b, c});
    }

    private Thread(Object target, Object[] args) {
        this.nameNumber = Threading.nextNumber();
        String n = "Thread-" + nameNumber;
        String targetName = Py.nameOf(target);
        this.name = targetName == null ? n : n + " (" + targetName + ")";
        this.target = target;
        this.args = args;
        this.daemon = Threading.currentThread().daemon();
    }

    /** For the main and dummy threads: already running Java threads. */
    Thread(String name, boolean daemon, java.lang.Thread running) {
        this.name = name;
        this.daemon = daemon;
        this.jthread = running;
        this.startCalled.set(true);
        this.ident = running.getId();
        started.countDown();
    }

    // ------------------------------------------------------------------ attributes

    /** {@code name}. */
    public String name() {
        nameNumber = 0; // a default name once seen stays taken
        return name;
    }

    /**
     * {@code name = ...}. Replacing a default name right after construction (before the name
     * was read or the thread started, and when no other thread took a number since) gives its
     * number back to the counter, so that
     * {@code new Thread(f).name("w")} numbers the next threads as CPython's
     * {@code Thread(target=f, name="w")} does.
     */
    public Thread name(String name) {
        int n = nameNumber;
        if (n > 0 && !startCalled.get()) {
            nameNumber = 0;
            Threading.giveBackNumber(n);
        }
        this.name = String.valueOf(Py.str(name));
        java.lang.Thread jt = jthread;
        if (jt != null) {
            try {
                jt.setName(this.name);
            } catch (SecurityException ignored) {
                // the Java name is a debugging aid only
            }
        }
        return this;
    }

    /** {@code daemon}. */
    public boolean daemon() {
        return daemon;
    }

    /** {@code daemon = ...}: {@code RuntimeError: cannot set daemon status of active thread} once started. */
    public Thread daemon(boolean daemonic) {
        if (startCalled.get()) throw new RuntimeError("cannot set daemon status of active thread");
        this.daemon = daemonic;
        return this;
    }

    /** {@code ident}: the Java thread id once started, {@code null} before. */
    public Long ident() {
        return ident;
    }

    /** {@code native_id}: the kernel's thread id (Linux TID) once started, {@code null} before. */
    public Long nativeId() {
        Long id = nativeId;
        if (id == null && ident != null && java.lang.Thread.currentThread() == jthread) {
            id = nativeId = Threading.getNativeId();
        }
        return id;
    }

    /** Deprecated {@code getName()}. */
    public String getName() {
        return name();
    }

    /** Deprecated {@code setName(name)}. */
    public void setName(String name) {
        name(name);
    }

    /** Deprecated {@code isDaemon()}. */
    public boolean isDaemon() {
        return daemon();
    }

    /** Deprecated {@code setDaemon(daemonic)}. */
    public void setDaemon(boolean daemonic) {
        daemon(daemonic);
    }

    /** The {@code java.lang.Thread} running this thread, {@code null} before {@link #start()}. */
    public java.lang.Thread javaThread() {
        return jthread;
    }

    // ------------------------------------------------------------------ life cycle

    /**
     * {@code start()}: runs {@link #run()} in a new Java thread and returns once it is running
     * (so {@link #ident()} is set). {@code RuntimeError: threads can only be started once}.
     */
    public void start() {
        if (!startCalled.compareAndSet(false, true)) throw new RuntimeError("threads can only be started once");
        java.lang.Thread jt = new java.lang.Thread(null, this::bootstrap, name, Threading.stackSizeValue());
        jt.setDaemon(daemon);
        jthread = jt;
        Threading.register(jt, this);
        try {
            jt.start();
        } catch (OutOfMemoryError e) {
            Threading.unregister(jt, this);
            throw (RuntimeError) new RuntimeError("can't start new thread").from(e);
        }
        try {
            started.await();
        } catch (InterruptedException e) {
            throw KeyboardInterrupt.interrupted(e);
        }
    }

    private void bootstrap() {
        try {
            ident = jthread.getId();
            nativeId = Threading.getNativeId();
            Threading.bindCurrent(this);
            started.countDown();
            try {
                run();
            } catch (Throwable t) {
                Threading.invokeExcepthook(t, this);
            }
        } finally {
            Threading.unregister(jthread, this);
            done.countDown();
        }
    }

    /**
     * {@code run()}: calls the target with its arguments, once: as CPython drops the target
     * after the call, a second call raises {@code AttributeError}. Override it in a subclass. Exceptions propagate to the caller, which is
     * {@link Threading#excepthook} for a started thread.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void run() {
        if (ran) throw new AttributeError("'" + typeName() + "' object has no attribute '_target'");
        ran = true;
        Object t = target;
        Object[] a = args;
        try {
            if (t instanceof Action0 f) f.call();
            else if (t instanceof Action1 f) f.call(a[0]);
            else if (t instanceof Action2 f) f.call(a[0], a[1]);
            else if (t instanceof Action3 f) f.call(a[0], a[1], a[2]);
        } catch (Exception e) {
            throw Py.rethrow(e);
        } finally {
            target = null;
            args = null;
        }
    }

    /**
     * {@code join()}: waits until the thread has ended (its {@link #run()} and the excepthook
     * included). {@code RuntimeError} before {@link #start()} and for the current thread.
     */
    public void join() {
        checkJoinable();
        try {
            done.await();
            jthread.join();
        } catch (InterruptedException e) {
            throw KeyboardInterrupt.interrupted(e);
        }
    }

    /**
     * {@code join(timeout)}: waits at most {@code timeout} seconds (a negative one as 0, as in
     * CPython); check {@link #isAlive()} afterwards to know whether it ended.
     */
    public void join(double timeout) {
        checkJoinable();
        long nanos = Timeout.nanos(timeout < 0 ? 0 : timeout);
        try {
            if (nanos > 0 ? done.await(nanos, TimeUnit.NANOSECONDS) : done.getCount() == 0) {
                jthread.join();
            }
        } catch (InterruptedException e) {
            throw KeyboardInterrupt.interrupted(e);
        }
    }

    void checkJoinable() {
        if (started.getCount() != 0) throw new RuntimeError("cannot join thread before it is started");
        if (this == Threading.currentThread()) throw new RuntimeError("cannot join current thread");
    }

    /** {@code is_alive()}: started and not yet ended. */
    public boolean isAlive() {
        return started.getCount() == 0 && done.getCount() != 0;
    }

    boolean isStarted() {
        return started.getCount() == 0;
    }

    /** Whether the thread has ended (repr's {@code stopped}). */
    boolean isStopped() {
        return done.getCount() == 0;
    }

    /** The class name CPython's repr shows ({@code Thread}, {@code Timer}, a subclass's name). */
    String typeName() {
        Class<?> c = getClass();
        while (c.getSimpleName().isEmpty()) c = c.getSuperclass();
        return c.getSimpleName();
    }

    /** {@code <Thread(Thread-1 (worker), started daemon 12)>}: initial / started / stopped, daemon, ident. */
    @Override
    public String toString() {
        String status = isStarted() ? "started" : "initial";
        if (isStopped()) status = "stopped";
        if (daemon) status += " daemon";
        Long id = ident;
        if (id != null) status += " " + id;
        return "<" + typeName() + "(" + name() + ", " + status + ")>";
    }
}
