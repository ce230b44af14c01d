package dev.pyconcurrent.multiprocessing;

import dev.pyconcurrent.builtins.Action0;
import dev.pyconcurrent.builtins.Action1;
import dev.pyconcurrent.builtins.Action2;
import dev.pyconcurrent.builtins.Action3;
import dev.pyconcurrent.builtins.AssertionError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.os.Os;
import java.io.Serializable;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Python's {@code multiprocessing.Process}: an activity run in a separate process, here a new JVM
 * (see {@link Context} for how it starts).
 *
 * <p>As {@code threading.Thread}: a target and its positional arguments
 * ({@code new Process(Demo::work, 1, 2)}) or a subclass overriding {@link #run()}; name and
 * daemon flag are fluent setters before {@link #start()}. The whole object, target and arguments
 * included, is serialized to the child at {@code start()}, so they must be {@link Serializable}
 * ({@code builtins.Action0..3} lambdas are): otherwise {@code start()} raises CPython's pickling
 * {@code TypeError} in the parent. Default names are CPython's ({@code Process-1}, in a child
 * {@code Process-1:1}); {@link #exitcode()} is 0, the {@code SystemExit} code, 1 for an uncaught
 * exception (printed as {@code Process Process-1:} and its traceback on the child's stderr), or
 * {@code -N} for a child ended by signal N.
 */
public class Process implements Serializable {
    private static final long serialVersionUID = 1L;

    private Object target;
    private Object[] args;
    private String name;
    private boolean daemon;
    private byte[] authkey;
    private final int[] identity;
    private final Long parentPid;
    private final String parentName;
    /** The start method of the context this process came from; null: the default context's at start. */
    String startMethod;
    /** Whether {@link #name} is still the default one (a context then renames {@code Process-1} {@code SpawnProcess-1}). */
    private boolean defaultName = true;
    /** {@code _MainProcess} / {@code _ParentProcess}: the process objects not made by a constructor. */
    private final String kind;
    private final Long pid;

    private transient volatile Popen popen;
    private transient volatile boolean closed;

    /** {@code Process()}: a process whose {@link #run()} a subclass overrides. */
    public Process() {
        this((Object) null, new Object[0]);
    }

    /** {@code Process(target=f)}. */
    public Process(Action0 target) {
        this((Object) target, new Object[0]);
    }

    /** {@code Process(target=f, args=(a,))}. */
    public <A> Process(Action1<A> target, A a) {
        this((Object) target, new Object[] {a});
    }

    /** {@code Process(target=f, args=(a, b))}. */
    public <A, B> Process(Action2<A, B> target, A a, B b) {
        this((Object) target, new Object[] {a, b});
    }

    /** {@code Process(target=f, args=(a, b, c))}. */
    public <A, B, C> Process(Action3<A, B, C> target, A a, B b, C c) {
        this((Object) target, new Object[] {a, b, c});
    }

    private Process(Object target, Object[] args) {
        Process current = Procs.current();
        this.identity = Arrays.copyOf(current.identity, current.identity.length + 1);
        this.identity[current.identity.length] = Procs.nextCount();
        this.parentPid = Os.getpid();
        this.parentName = current.name;
        this.daemon = current.daemon;
        this.authkey = current.authkey;
        this.target = target;
        this.args = args;
        this.kind = null;
        this.pid = null;
        this.name = defaultName();
    }

    private String defaultName() {
        return typeName() + "-" + Arrays.stream(identity).mapToObj(String::valueOf).collect(Collectors.joining(":"));
    }

    /** Binds this process to a context's start method ({@code ctx.Process(...)}: CPython's {@code SpawnProcess}, {@code ForkServerProcess}). */
    void startMethod(String method) {
        this.startMethod = method;
        if (defaultName) this.name = defaultName();
    }

    /** The main process ({@code kind = "_MainProcess"}) or the parent of this one ({@code "_ParentProcess"}). */
    Process(String kind, String name, Long pid, byte[] authkey) {
        this.kind = kind;
        this.name = name;
        this.pid = pid;
        this.identity = new int[0];
        this.parentPid = null;
        this.parentName = null;
        this.authkey = authkey;
    }

    // ------------------------------------------------------------------ attributes

    /** {@code name}. */
    public String name() {
        return name;
    }

    /** {@code name = ...}. */
    public Process name(String name) {
        if (name == null) throw new AssertionError("name must be a string");
        this.name = name;
        this.defaultName = false;
        return this;
    }

    /** {@code daemon}: a daemonic process is terminated when its parent exits, and may not start children. */
    public boolean daemon() {
        return daemon;
    }

    /** {@code daemon = ...}; AssertionError {@code process has already started} after {@link #start()}. */
    public Process daemon(boolean daemonic) {
        if (popen != null) throw new AssertionError("process has already started");
        this.daemon = daemonic;
        return this;
    }

    /** {@code authkey}: the key of this process's connections (inherited; the main process draws 32 random bytes). */
    public byte[] authkey() {
        return authkey.clone();
    }

    /** {@code authkey = ...}. */
    public Process authkey(byte[] key) {
        this.authkey = key.clone();
        return this;
    }

    /** {@code pid} / {@code ident}: the child's process id, None before {@link #start()}. */
    public Long pid() {
        checkClosed();
        if (this == Procs.current()) return Os.getpid();
        if (pid != null) return pid;
        Popen p = popen;
        return p == null ? null : p.pid();
    }

    /** {@code ident}: the same as {@link #pid()}. */
    public Long ident() {
        return pid();
    }

    /** {@code exitcode}: None while running or before start. */
    public Integer exitcode() {
        checkClosed();
        Popen p = popen;
        return p == null ? null : p.poll();
    }

    /**
     * {@code sentinel}: a number that identifies the process's end in {@code connection.wait};
     * here the child's pid (the JDK has no descriptor to wait on). ValueError
     * {@code process not started} before start.
     */
    public long sentinel() {
        checkClosed();
        Popen p = popen;
        if (p == null) throw new ValueError("process not started");
        return p.pid();
    }

    // ------------------------------------------------------------------ life cycle

    /** {@code run()}: calls the target with its arguments; override it in a subclass. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void run() {
        Object t = target;
        Object[] a = args;
        try {
            if (t instanceof Action0 f) f.call();
            else if (t instanceof Action1 f) f.call(a[0]);
            else if (t instanceof Action2 f) f.call(a[0], a[1]);
            else if (t instanceof Action3 f) f.call(a[0], a[1], a[2]);
        } catch (Exception e) {
            throw Py.rethrow(e);
        }
    }

    /** {@code start()}: starts the child; CPython's AssertionErrors for a second start or a daemonic parent. */
    public void start() {
        checkClosed();
        if (popen != null) throw new AssertionError("cannot start a process twice");
        if (parentPid == null || parentPid != Os.getpid()) {
            throw new AssertionError("can only start a process object created by current process");
        }
        if (Procs.current().daemon && Procs.current().kind == null) {
            throw new AssertionError("daemonic processes are not allowed to have children");
        }
        Procs.cleanup();
        String method = startMethod != null ? startMethod : Multiprocessing.getStartMethod();
        popen = Popen.start(this, method);
        target = null; // as CPython, the parent forgets them once they are sent
        args = null;
        Procs.addChild(this);
    }

    /** {@code terminate()}: SIGTERM. */
    public void terminate() {
        checkClosed();
        if (popen != null) popen.terminate();
    }

    /** {@code kill()}: SIGKILL. */
    public void kill() {
        checkClosed();
        if (popen != null) popen.kill();
    }

    /** {@code join()}: waits for the child to end (its output pumped to the end). */
    public void join() {
        join(-1);
    }

    /** {@code join(timeout)}: waits at most {@code timeout} seconds; check {@link #exitcode()} after. */
    public void join(double timeout) {
        checkClosed();
        if (parentPid == null || parentPid != Os.getpid()) throw new AssertionError("can only join a child process");
        Popen p = popen;
        if (p == null) throw new AssertionError("can only join a started process");
        if (p.await(timeout) != null) Procs.removeChild(this);
    }

    /** {@code is_alive()}. */
    public boolean isAlive() {
        checkClosed();
        if (this == Procs.current()) return true;
        if (parentPid == null || parentPid != Os.getpid()) throw new AssertionError("can only test a child process");
        Popen p = popen;
        if (p == null) return false;
        if (p.poll() == null) return true;
        Procs.removeChild(this);
        return false;
    }

    /** {@code close()}: releases the child's resources; ValueError while it runs. */
    public void close() {
        Popen p = popen;
        if (p != null) {
            if (p.poll() == null) {
                throw new ValueError("Cannot close a process while it is still running. You should first call join() or terminate().");
            }
            p.close();
            popen = null;
            Procs.removeChild(this);
        }
        closed = true;
    }

    private void checkClosed() {
        if (closed) throw new ValueError("process object is closed");
    }

    // ------------------------------------------------------------------ internals

    int[] identity() {
        return identity;
    }

    Long parentPid() {
        return parentPid;
    }

    String parentName() {
        return parentName;
    }

    Popen popen() {
        return popen;
    }

    /** Runs in the child: CPython's {@code _bootstrap} exit code rules; the traceback of an uncaught exception on stderr. */
    int bootstrap() {
        int code;
        try {
            run();
            code = 0;
        } catch (dev.pyconcurrent.builtins.SystemExit e) {
            Object c = e.code();
            if (c == null) code = 0;
            else if (c instanceof Integer || c instanceof Long) code = ((Number) c).intValue();
            else {
                System.err.println(Py.str(c));
                code = 1;
            }
        } catch (Throwable t) {
            // a JVM on its way out (SIGTERM) closes what the target waits on: CPython's process dies
            // of the signal without running more of its code, so it says nothing
            if (!ChildMain.shuttingDown()) {
                System.err.print("Process " + name + ":\n" + dev.pyconcurrent.builtins.Traceback.format(t));
                Snapshot.noteSkipped(t);
            }
            code = 1;
        }
        System.out.flush();
        System.err.flush();
        return code;
    }

    private String typeName() {
        Class<?> c = getClass();
        if (c == Process.class && startMethod != null) return startMethod.equals("spawn") ? "SpawnProcess" : "ForkServerProcess";
        while (c.getSimpleName().isEmpty()) c = c.getSuperclass();
        return c.getSimpleName();
    }

    /** CPython's repr: {@code <Process name='Process-1' pid=9888 parent=9847 stopped exitcode=-SIGTERM daemon>}. */
    @Override
    public String toString() {
        Integer exitcode = null;
        String status;
        Popen p = popen;
        if (this == Procs.current()) status = "started";
        else if (closed) status = "closed";
        else if (parentPid == null || parentPid != Os.getpid()) status = "unknown";
        else if (p == null) status = "initial";
        else {
            exitcode = p.poll();
            status = exitcode != null ? "stopped" : "started";
        }
        StringBuilder sb = new StringBuilder("<").append(kind != null ? kind : typeName())
                .append(" name=").append(Py.reprString(name));
        if (p != null) sb.append(" pid=").append(p.pid());
        sb.append(" parent=").append(parentPid == null ? "None" : parentPid).append(' ').append(status);
        if (exitcode != null) sb.append(" exitcode=").append(Popen.exitcodeName(exitcode));
        if (daemon) sb.append(" daemon");
        return sb.append('>').toString();
    }
}
