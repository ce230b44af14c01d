package dev.pyconcurrent.threading;

import dev.pyconcurrent.builtins.Action1;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.SystemExit;
import dev.pyconcurrent.builtins.Traceback;
import dev.pyconcurrent.builtins.ValueError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Python's {@code threading} module-level functions and constants.
 *
 * <p>{@link #currentThread()} knows three kinds of threads: those started through
 * {@link Thread#start()}, the main thread ({@link #mainThread()}: the JVM's {@code main}
 * thread unless {@link #setMainThread} designates another), and any other Java thread, which
 * gets a {@code _DummyThread} named {@code Dummy-N} the first time it asks, as CPython names
 * threads it did not start.
 */
public final class Threading {
    private Threading() {}

    /**
     * {@code threading.TIMEOUT_MAX}: the largest timeout (seconds) the blocking calls accept,
     * CPython's value on Linux. Beyond it, waits raise {@code OverflowError}.
     */
    public static final double TIMEOUT_MAX = 9223372036.0;

    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** Started threads (from {@code start()} until their end) and live dummy threads, in start order. */
    private static final Map<java.lang.Thread, Thread> ACTIVE = new LinkedHashMap<>();
    private static final ReentrantLock ACTIVE_LOCK = new ReentrantLock();
    private static final ThreadLocal<Thread> CURRENT = new ThreadLocal<>();
    private static final ThreadLocal<Long> NATIVE_ID = new ThreadLocal<>();
    private static final MainThread MAIN = new MainThread(jvmMainThread());

    /**
     * {@code threading.__excepthook__} as a value: the original hook, what
     * {@link #excepthook()} returns until replaced, so {@code threading.excepthook is
     * threading.__excepthook__} is {@code Threading.excepthook() == Threading.DEFAULT_EXCEPTHOOK}.
     */
    public static final Action1<ExceptHookArgs> DEFAULT_EXCEPTHOOK = Threading::__excepthook__;
    private static volatile Action1<ExceptHookArgs> excepthook = DEFAULT_EXCEPTHOOK;
    private static volatile Object traceHook;
    private static volatile Object profileHook;
    private static volatile long stackSize;

    // ------------------------------------------------------------------ threads

    /** {@code current_thread()}: the {@link Thread} for the calling Java thread (a dummy one for foreign threads). */
    public static Thread currentThread() {
        java.lang.Thread jt = java.lang.Thread.currentThread();
        MainThread main = MAIN;
        if (main.jthread == jt) {
            main.captureNativeId();
            return main;
        }
        Thread t = CURRENT.get();
        if (t != null && t.jthread == jt) return t;
        DummyThread dummy = new DummyThread(jt);
        CURRENT.set(dummy);
        ACTIVE_LOCK.lock();
        try {
            purgeDeadDummies();
            ACTIVE.put(jt, dummy);
        } finally {
            ACTIVE_LOCK.unlock();
        }
        return dummy;
    }

    /** {@code main_thread()}. */
    public static Thread mainThread() {
        if (MAIN.jthread == java.lang.Thread.currentThread()) MAIN.captureNativeId();
        return MAIN;
    }

    /**
     * The hook for hosts (the Jupyter kernel): make {@code thread} the one Python calls
     * {@code MainThread}. {@link #mainThread()} keeps its identity and takes the new Java
     * thread's ident; threads created by {@code thread} are non-daemonic by default, as
     * CPython's main thread's children. The previous Java thread, if it asks again, gets a
     * dummy thread. Default: the JVM's {@code main} thread. {@code thread} must not be one
     * started through {@link Thread#start()} ({@code ValueError}).
     */
    public static void setMainThread(java.lang.Thread thread) {
        if (thread == null) throw new NullPointerException("thread");
        ACTIVE_LOCK.lock();
        try {
            Thread previous = ACTIVE.get(thread);
            if (previous != null && !(previous instanceof DummyThread)) {
                throw new ValueError("cannot make " + previous + " the main thread: it was started by threading.Thread");
            }
            if (previous != null) ACTIVE.remove(thread);
            MAIN.rebind(thread);
            if (thread == java.lang.Thread.currentThread()) MAIN.captureNativeId();
        } finally {
            ACTIVE_LOCK.unlock();
        }
    }

    /** {@code enumerate()}: every live thread: the main thread first, then in start order. */
    public static List<Thread> enumerate() {
        List<Thread> all = new ArrayList<>();
        if (MAIN.isAlive()) all.add(MAIN);
        ACTIVE_LOCK.lock();
        try {
            purgeDeadDummies();
            for (Thread t : ACTIVE.values()) if (t != MAIN) all.add(t);
        } finally {
            ACTIVE_LOCK.unlock();
        }
        return all;
    }

    /** {@code active_count()}: {@code len(enumerate())}. */
    public static int activeCount() {
        return enumerate().size();
    }

    private static void purgeDeadDummies() {
        for (Iterator<Map.Entry<java.lang.Thread, Thread>> it = ACTIVE.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<java.lang.Thread, Thread> e = it.next();
            if (e.getValue() instanceof DummyThread && !e.getKey().isAlive()) it.remove();
        }
    }

    static void register(java.lang.Thread jt, Thread t) {
        ACTIVE_LOCK.lock();
        try {
            ACTIVE.put(jt, t);
        } finally {
            ACTIVE_LOCK.unlock();
        }
    }

    static void unregister(java.lang.Thread jt, Thread t) {
        ACTIVE_LOCK.lock();
        try {
            ACTIVE.remove(jt, t);
        } finally {
            ACTIVE_LOCK.unlock();
        }
    }

    static void bindCurrent(Thread t) {
        CURRENT.set(t);
    }

    static int nextNumber() {
        return COUNTER.incrementAndGet();
    }

    static void giveBackNumber(int n) {
        COUNTER.compareAndSet(n, n - 1);
    }

    private static java.lang.Thread jvmMainThread() {
        java.lang.Thread me = java.lang.Thread.currentThread();
        if (isJvmMain(me)) return me;
        for (java.lang.Thread t : java.lang.Thread.getAllStackTraces().keySet()) {
            if (isJvmMain(t)) return t;
        }
        return me;
    }

    private static boolean isJvmMain(java.lang.Thread t) {
        ThreadGroup g = t.getThreadGroup();
        return t.getId() == 1 || ("main".equals(t.getName()) && g != null && "main".equals(g.getName()));
    }

    // ------------------------------------------------------------------ idents

    /** {@code get_ident()}: the calling thread's ident (its Java thread id). */
    public static long getIdent() {
        return java.lang.Thread.currentThread().getId();
    }

    static long identOf(java.lang.Thread t) {
        return t.getId();
    }

    /**
     * {@code get_native_id()}: the calling thread's id in the kernel (Linux TID, read from
     * {@code /proc/thread-self}); where that does not exist, the Java thread id.
     */
    public static long getNativeId() {
        Long id = NATIVE_ID.get();
        if (id == null) {
            id = readNativeId();
            NATIVE_ID.set(id);
        }
        return id;
    }

    private static long readNativeId() {
        try {
            Path link = Files.readSymbolicLink(Path.of("/proc/thread-self"));
            return Long.parseLong(link.getFileName().toString());
        } catch (IOException | UnsupportedOperationException | NumberFormatException | SecurityException e) {
            return getIdent();
        }
    }

    // ------------------------------------------------------------------ excepthook

    /** {@code threading.excepthook(args)}: calls the current hook (see {@link #setExcepthook}). */
    public static void excepthook(ExceptHookArgs args) {
        try {
            currentHook().call(args);
        } catch (Exception e) {
            throw Py.rethrow(e);
        }
    }

    /** The current {@code threading.excepthook}. */
    public static Action1<ExceptHookArgs> excepthook() {
        return currentHook();
    }

    /** {@code threading.excepthook = hook}; {@code null} restores {@link #__excepthook__}, as CPython falls back to it. */
    public static void setExcepthook(Action1<ExceptHookArgs> hook) {
        excepthook = hook;
    }

    private static Action1<ExceptHookArgs> currentHook() {
        Action1<ExceptHookArgs> hook = excepthook;
        return hook == null ? DEFAULT_EXCEPTHOOK : hook;
    }

    /**
     * {@code threading.__excepthook__}, the original hook: ignores {@code SystemExit}; otherwise
     * writes {@code Exception in thread NAME:} and the traceback to {@code System.err} (only
     * the exception line when {@code excTraceback} is {@code null}, as for a Python exception
     * without {@code __traceback__}).
     */
    public static void __excepthook__(ExceptHookArgs args) {
        if (args.excValue() instanceof SystemExit || (args.excType() != null && SystemExit.class.isAssignableFrom(args.excType()))) {
            return;
        }
        Object name = args.thread() != null ? args.thread().name() : getIdent();
        String text = "Exception in thread " + name + ":\n"
                + (args.excValue() == null ? "NoneType: None\n"
                        : args.excTraceback() == null ? Traceback.formatExceptionOnly(args.excValue())
                        : Traceback.format(args.excValue()));
        System.err.print(text);
        System.err.flush();
    }

    /** Runs the excepthook for an exception that escaped {@code thread}'s run(), as CPython's {@code _invoke_excepthook}. */
    static void invokeExcepthook(Throwable exc, Thread thread) {
        try {
            currentHook().call(ExceptHookArgs.of(exc, thread));
        } catch (Throwable hookFailure) {
            System.err.print("Exception in threading.excepthook:\n" + Traceback.format(hookFailure));
            System.err.flush();
        }
    }

    // ------------------------------------------------------------------ trace / profile

    /**
     * {@code settrace(func)}: stored and returned by {@link #gettrace()}, but never called: the
     * JVM has no Python trace events (see the deviations).
     */
    public static void settrace(Object func) {
        traceHook = func;
    }

    /** {@code settrace_all_threads(func)}: as {@link #settrace}. */
    public static void settraceAllThreads(Object func) {
        settrace(func);
    }

    /** {@code gettrace()}. */
    public static Object gettrace() {
        return traceHook;
    }

    /** {@code setprofile(func)}: stored, never called (see {@link #settrace}). */
    public static void setprofile(Object func) {
        profileHook = func;
    }

    /** {@code setprofile_all_threads(func)}: as {@link #setprofile}. */
    public static void setprofileAllThreads(Object func) {
        setprofile(func);
    }

    /** {@code getprofile()}. */
    public static Object getprofile() {
        return profileHook;
    }

    // ------------------------------------------------------------------ stack size

    /** {@code stack_size()}: the stack size for new threads, 0 for the JVM's default. */
    public static long stackSize() {
        return stackSize;
    }

    /**
     * {@code stack_size(size)}: sets the stack size (bytes) of threads started afterwards and
     * returns the previous one; 0 or at least 32768, as CPython on Linux.
     */
    public static long stackSize(long size) {
        if (size < 0) throw new ValueError("size must be 0 or a positive value");
        if (size != 0 && size < 32768) throw new ValueError("size not valid: " + size + " bytes");
        long old = stackSize;
        stackSize = size;
        return old;
    }

    static long stackSizeValue() {
        return stackSize;
    }
}
