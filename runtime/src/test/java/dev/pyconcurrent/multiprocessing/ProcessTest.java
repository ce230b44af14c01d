package dev.pyconcurrent.multiprocessing;

import static dev.pyconcurrent.testing.CPython.assertPrints;
import static dev.pyconcurrent.testing.CPython.assertRaises;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.builtins.AssertionError;
import dev.pyconcurrent.builtins.BaseException;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.RuntimeError;
import dev.pyconcurrent.builtins.SystemExit;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.builtins.TypeError;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.multiprocessing.connection.Connection;
import dev.pyconcurrent.multiprocessing.connection.Hub;
import dev.pyconcurrent.multiprocessing.connection.Wire;
import dev.pyconcurrent.testing.CPython;
import dev.pyconcurrent.testing.NoChildLeft;
import dev.pyconcurrent.testing.NoThreadLeft;
import dev.pyconcurrent.time.Time;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Process life cycle across real child JVMs, against CPython 3.13's recorded behaviour (reference/multiprocessing.py). */
@ExtendWith({NoThreadLeft.class, NoChildLeft.class})
class ProcessTest {
    static final String T = "multiprocessing";
    static final Context SPAWN = Multiprocessing.getContext("spawn");

    @AfterAll
    static void endPool() throws InterruptedException {
        Forkserver.shutdown(); // other test classes check that this JVM has no child left
    }

    @BeforeAll
    static void hub() throws InterruptedException {
        // this JVM's listener and the forkserver pool live as long as the JVM: not leaks of the first test
        Hub.get();
        Multiprocessing.RawValue("i", 0); // and the shared-memory tracker's cleaner thread
        Multiprocessing.getContext("forkserver");
        Forkserver.awaitFilled();
    }

    /** reference/multiprocessing.py's norm(): pids and process numbers vary between runs. */
    static String norm(Object o) {
        String s = o instanceof String t ? t : Py.repr(o);
        return s.replaceAll("pid=\\d+", "pid=N").replaceAll("parent=\\d+", "parent=N").replaceAll("Process-\\d+", "Process-N");
    }

    static void exit(Object code) {
        throw new SystemExit(code);
    }

    static void boom() {
        throw new ValueError("boom");
    }

    // ------------------------------------------------------------------ errors and contexts

    @Test
    void errors() {
        assertPrints(T, "errors", () -> {
            for (BaseException e : List.of(new ProcessError(), new BufferTooShort(), new TimeoutError(), new AuthenticationError())) {
                List<String> mro = new ArrayList<>();
                for (Class<?> c = e.getClass(); c != RuntimeException.class; c = c.getSuperclass()) {
                    mro.add(((BaseException) c.getConstructor(Object[].class).newInstance((Object) new Object[0])).pyName());
                }
                mro.add("object");
                Py.print(e.pyName(), e.pyModule(), mro);
            }
            Py.print(Py.repr(new AuthenticationError("digest received was wrong")), dev.pyconcurrent.builtins.TimeoutError.class.isAssignableFrom(TimeoutError.class));
        });
    }

    /** A context sent to another process is the receiver's own (CPython pickles contexts by class). */
    @Test
    void contextsSerializeAsTheReceiversOwn() {
        Context forkserver = Multiprocessing.getContext("forkserver");
        assertTrue(SPAWN == Wire.loads(Wire.dumps(SPAWN)));
        assertTrue(forkserver == Wire.loads(Wire.dumps(forkserver)));
        Context module = Multiprocessing.defaultContext();
        assertTrue(module == Wire.loads(Wire.dumps(module)));
    }

    @Test
    void contexts() {
        assertRaises(ValueError.class, T, "context_unknown", () -> Multiprocessing.getContext("bogus"));
        // fork cannot exist on the JVM: the same error as an unknown name, as CPython where fork does not exist
        ValueError fork = assertThrowsValue(() -> Multiprocessing.getContext("fork"));
        assertEquals(CPython.of(T, "context_unknown").exceptionMessage().replace("bogus", "fork"), fork.getMessage());
        assertPrints(T, "context_reprs", () -> {
            Py.print(SPAWN, Multiprocessing.getContext("forkserver"));
            Py.print(SPAWN.getStartMethod(), Multiprocessing.getContext("forkserver").getStartMethod());
        });
        assertRaises(ValueError.class, T, "concrete_context_set_start_method", () -> SPAWN.setStartMethod("spawn"));
        assertRaises(RuntimeError.class, T, "set_start_method_twice", () -> {
            Context.Default ctx = new Context.Default();
            Py.print(ctx.getStartMethod(true));
            ctx.setStartMethod("spawn");
            Py.print(ctx.getStartMethod());
            ctx.setStartMethod("forkserver", true);
            Py.print(ctx.getStartMethod());
            ctx.setStartMethod(null, true);
            Py.print(ctx.getStartMethod(true));
            ctx.setStartMethod("spawn");
            ctx.setStartMethod("spawn");
        });
        assertEquals(List.of("spawn", "forkserver"), Multiprocessing.getAllStartMethods());
    }

    private static ValueError assertThrowsValue(org.junit.jupiter.api.function.Executable body) {
        return org.junit.jupiter.api.Assertions.assertThrows(ValueError.class, body);
    }

    @Test
    void mainProcess() {
        assertPrints(T, "main_process", () -> {
            Process me = Multiprocessing.currentProcess();
            Py.print(me, Multiprocessing.parentProcess(), me.name(), me.daemon(), me.authkey().length, Multiprocessing.activeChildren());
        });
    }

    // ------------------------------------------------------------------ life cycle

    @Test
    void reprLifeCycle() {
        assertPrints(T, "repr_life_cycle", () -> {
            Process p = SPAWN.Process(Time::sleep, 0.0);
            Py.print(norm(p), p.pid(), p.exitcode());
            p.start();
            Py.print(true, p.pid().equals(p.ident()), true);
            p.join();
            Py.print(norm(p), p.exitcode(), p.isAlive());
            p.close();
            Py.print(norm(p));
        });
    }

    @Test
    void daemonTerminatedAndKilled() {
        assertPrints(T, "repr_daemon_terminated", () -> {
            Process p = SPAWN.Process(Time::sleep, 60.0).daemon(true);
            p.start();
            p.terminate();
            p.join();
            Py.print(norm(p), p.exitcode());
        });
        assertPrints(T, "repr_killed", () -> {
            Process p = SPAWN.Process(Time::sleep, 60.0);
            p.start();
            p.kill();
            p.join();
            Py.print(norm(p), p.exitcode());
        });
    }

    static void readyThenSleep(Connection ready) {
        ready.send("running");
        Time.sleep(60.0);
    }

    /** A child already running its target when the signal comes: stdin's end of file must not turn -15 into 1. */
    @Test
    void terminateOrKillARunningChild() {
        for (boolean kill : new boolean[] {false, true}) {
            Connection[] ends = Multiprocessing.Pipe();
            Process p = SPAWN.Process(ProcessTest::readyThenSleep, ends[1]);
            p.start();
            assertEquals("running", ends[0].recv());
            if (kill) p.kill();
            else p.terminate();
            p.join();
            assertEquals(kill ? -9 : -15, p.exitcode());
            ends[0].close();
        }
    }

    /** Runs in the child: says so, then waits for an item that never comes. */
    static void readyThenGet(Connection ready, Queue<String> q) {
        ready.send("waiting");
        q.get();
    }

    /**
     * A child waiting on a queue when SIGTERM comes dies as CPython's does, without a word: the
     * JVM's exit closing the queue's feed under the waiting target must not end in a traceback.
     */
    @Test
    void terminateAChildWaitingOnAQueue() throws Throwable {
        Queue<String> q = new Queue<>();
        for (int i = 0; i < 12; i++) {   // the race was seen about once in ten
            Connection[] ends = Multiprocessing.Pipe();
            Process p = SPAWN.Process(ProcessTest::readyThenGet, ends[1], q);
            String err = stderr(() -> {
                p.start();
                assertTrue(ends[0].poll(60.0), "the child did not say it was waiting within 60 s");
                assertEquals("waiting", ends[0].recv());
                p.terminate();
                p.join(60.0);
            });
            assertEquals(-15, p.exitcode(), err);
            assertEquals("", err);
            ends[0].close();
        }
        q.close();
    }

    /**
     * SIGTERM right after start(), while the child JVM may still initialize: -15, and no JVM init
     * error on stderr (a JVM signalled while it initializes prints "Error occurred during
     * initialization of VM" and exits with 1; terminate() waits for the child to connect back).
     */
    @Test
    void terminateRightAfterStart() throws Throwable {
        for (int i = 0; i < 16; i++) {
            Process p = SPAWN.Process(Time::sleep, 60.0);
            String err = stderr(() -> {
                p.start();
                p.terminate();
                p.join();
            });
            assertEquals(-15, p.exitcode(), err);
            assertEquals("", err);
        }
    }

    @Test
    void exitCodes() {
        assertPrints(T, "exit_codes", () -> {
            for (Object code : new Object[] {0, 3, null, "bye"}) {
                Process p = SPAWN.Process(ProcessTest::exit, code);
                p.start();
                p.join();
                Py.print(Tuple.of(code), p.exitcode());
            }
        });
    }

    @Test
    void joinTimeout() {
        assertPrints(T, "join_timeout", () -> {
            Process p = SPAWN.Process(Time::sleep, 60.0);
            p.start();
            p.join(0.01);
            Py.print(p.exitcode(), p.isAlive());
            p.kill();
            p.join();
            Py.print(p.exitcode(), p.isAlive());
        });
    }

    @Test
    void stateErrors() {
        assertRaises(AssertionError.class, T, "start_twice", () -> {
            Process p = SPAWN.Process(Time::sleep, 0.0);
            p.start();
            try {
                p.start();
            } finally {
                p.join();
            }
        });
        assertRaises(AssertionError.class, T, "join_unstarted", () -> SPAWN.Process(Time::sleep, 0.0).join());
        assertRaises(ValueError.class, T, "sentinel_unstarted", () -> SPAWN.Process(Time::sleep, 0.0).sentinel());
        assertRaises(ValueError.class, T, "close_running", () -> {
            Process p = SPAWN.Process(Time::sleep, 60.0);
            p.start();
            try {
                p.close();
            } finally {
                p.kill();
                p.join();
            }
        });
        assertRaises(ValueError.class, T, "closed_attribute", () -> {
            Process p = SPAWN.Process(Time::sleep, 0.0);
            p.close();
            p.close();
            Py.print(norm(p));
            p.exitcode();
        });
        assertRaises(AssertionError.class, T, "daemon_after_start", () -> {
            Process p = SPAWN.Process(Time::sleep, 0.0);
            p.start();
            try {
                p.daemon(true);
            } finally {
                p.join();
            }
        });
    }

    @Test
    void namesAndCounter() {
        assertPrints(T, "name_and_counter", () -> {
            Process a = SPAWN.bind(new Process()), b = SPAWN.bind(new Process()).name("w");
            Process c = SPAWN.bind(new Process());
            Function<Process, Integer> n = p -> Integer.parseInt(p.name().split("-")[1]);
            Py.print(n.apply(c) - n.apply(a), b.name(), b.daemon(), a.exitcode(), a.pid());
        });
    }

    // ------------------------------------------------------------------ what a child does

    static void nested(Connection conn) {
        Process me = Multiprocessing.currentProcess();
        Process p = Multiprocessing.Process(Py::print);
        conn.send(Tuple.of(me.name(), Py.repr(Multiprocessing.parentProcess()), p.name(), me.daemon()));
    }

    @Test
    void childSeesItsNameParentAndNestedNames() {
        // CPython's twin runs under fork (ForkProcess-N) and prints: the child's tuple, then its stderr lines
        String expected = CPython.of(T, "child_names").stdout().replace("ForkProcess", "SpawnProcess");
        String[] err = new String[1];
        String out = CPython.stdout(() -> err[0] = stderr(() -> {
            Connection[] ab = SPAWN.Pipe();
            Process p = SPAWN.Process(ProcessTest::nested, ab[1]).daemon(true);
            p.start();
            Py.print(ab[0].recv());
            p.join();
            ab[0].close();
        }));
        assertEquals(expected, norm(out) + " " + Py.repr(err[0].lines().toList()) + "\n");
    }

    /** What {@code body} (and the children it joins) wrote to System.err. */
    static String stderr(org.junit.jupiter.api.function.Executable body) throws Throwable {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            body.execute();
        } catch (Throwable t) {
            System.setErr(saved);
            throw new java.lang.AssertionError("failed; stderr: " + err.toString(StandardCharsets.UTF_8), t);
        } finally {
            System.setErr(saved);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void uncaughtExceptionPrintsProcessNameAndTraceback() throws Throwable {
        String[] recorded = CPython.of(T, "child_uncaught_exception").stdout().split("\n");
        Process p = new Process(ProcessTest::boom);
        String[] lines = stderr(() -> {
            p.start();
            p.join();
        }).split("\n");
        // CPython: "1", then " Process ForkProcess-1: Traceback (most recent call last): ValueError: boom"
        assertEquals(recorded[0], String.valueOf(p.exitcode()));
        assertEquals(recorded[1].replace("ForkProcess-1", p.name()),
                " " + lines[0] + " " + lines[1] + " " + lines[lines.length - 1]);
    }

    /** A subclass overriding run(), as in Python: its fields travel with it. */
    static final class Greeter extends Process {
        private static final long serialVersionUID = 1L;
        private final Connection out;
        private final String greeting;

        Greeter(Connection out, String greeting) {
            this.out = out;
            this.greeting = greeting;
        }

        @Override
        public void run() {
            out.send(greeting + " from " + name());
        }
    }

    @Test
    void aSubclassOverridingRunRunsInTheChildUnderItsClassName() {
        Connection[] ab = SPAWN.Pipe();
        Greeter g = new Greeter(ab[1], "hello");
        assertTrue(g.name().startsWith("Greeter-"), g.name());
        g.start();
        assertEquals("hello from " + g.name(), ab[0].recv());
        g.join();
        assertEquals(0, g.exitcode());
        // CPython's repr of a stopped process (repr_life_cycle), with the subclass's name
        String stopped = CPython.of(T, "repr_life_cycle").stdout().split("\n")[2].split(">")[0] + ">";
        assertEquals(stopped.replace("SpawnProcess", "Greeter"), norm(g).replaceAll("Greeter-\\d+", "Greeter-N"));
        ab[0].close();
    }

    @Test
    void notSerializableTargetFailsInTheParentAtStart() {
        // CPython: TypeError: cannot pickle '_thread.lock' object; here the Java type is named
        Process p = SPAWN.Process(x -> Py.print(x), new Object());
        TypeError e = org.junit.jupiter.api.Assertions.assertThrows(TypeError.class, p::start);
        assertEquals(CPython.of(T, "unpicklable_argument").exceptionMessage().replace("_thread.lock", "Object"), e.getMessage());
        assertEquals(CPython.of(T, "unpicklable_argument").stdout(), Py.repr(p.pid()) + " " + Py.repr(Multiprocessing.activeChildren()) + "\n");
    }

    // ------------------------------------------------------------------ shared state through the facade

    static void add(dev.pyconcurrent.multiprocessing.sharedctypes.Synchronized v,
                    dev.pyconcurrent.multiprocessing.synchronize.Lock lock, Integer n) {
        for (int i = 0; i < n; i++) {
            lock.acquire();
            try {
                v.value((Integer) v.value() + 1);
            } finally {
                lock.release();
            }
        }
    }

    static void hold(dev.pyconcurrent.multiprocessing.synchronize.Lock lock, Connection conn) {
        lock.acquire();
        conn.send(norm(Py.repr(lock)));
        lock.release();
    }

    @Test
    void theFacadesSharedObjectsWorkInChildren() {
        // CPython's twin runs under fork: its children are ForkProcess-N; its stdout, then its (empty) stderr
        String expected = CPython.of(T, "shared_state_through_the_facade").stdout().replace("ForkProcess", "SpawnProcess");
        String out = CPython.stdout(() -> {
            var v = SPAWN.Value("i", 0);
            var lock = SPAWN.Lock();
            List<Process> ps = List.of(SPAWN.Process(ProcessTest::add, v, lock, 500), SPAWN.Process(ProcessTest::add, v, lock, 500));
            ps.forEach(Process::start);
            ps.forEach(Process::join);
            Py.print(v.value(), v, lock);
            Connection[] ab = SPAWN.Pipe();
            Process p = SPAWN.Process(ProcessTest::hold, lock, ab[1]);
            p.start();
            Py.print(ab[0].recv());
            p.join();
            Py.print(SPAWN.Event().isSet(), SPAWN.Semaphore(2), SPAWN.RawValue("d", 1.5), SPAWN.RawArray("i", 3).toList());
            Py.print("", "");
        });
        assertEquals(expected, out);
    }
}
