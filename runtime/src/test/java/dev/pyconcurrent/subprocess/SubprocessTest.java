package dev.pyconcurrent.subprocess;

import static dev.pyconcurrent.subprocess.Subprocess.DEVNULL;
import static dev.pyconcurrent.subprocess.Subprocess.PIPE;
import static dev.pyconcurrent.subprocess.Subprocess.STDOUT;
import static dev.pyconcurrent.testing.CPython.assertPrints;
import static dev.pyconcurrent.testing.CPython.assertRaises;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyconcurrent.builtins.AttributeError;
import dev.pyconcurrent.builtins.FileNotFoundError;
import dev.pyconcurrent.builtins.IndexError;
import dev.pyconcurrent.builtins.UnicodeDecodeError;
import dev.pyconcurrent.builtins.KeyError;
import dev.pyconcurrent.builtins.LookupError;
import dev.pyconcurrent.builtins.NotADirectoryError;
import dev.pyconcurrent.builtins.OSError;
import dev.pyconcurrent.builtins.PermissionError;
import dev.pyconcurrent.builtins.Py;
import dev.pyconcurrent.builtins.Tuple;
import dev.pyconcurrent.builtins.TypeError;
import dev.pyconcurrent.builtins.ValueError;
import dev.pyconcurrent.testing.Spawned;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** subprocess against CPython 3.13, case by case (reference/subprocess.py), with real programs on both sides. */
class SubprocessTest {
    private static final String T = "subprocess";

    private static List<String> L(String... a) {
        return List.of(a);
    }

    private static Popen.Options o() {
        return Popen.options();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Every child started by a test has been reaped: none is left running or as a zombie. */
    @AfterEach
    void noChildLeft() throws Exception {
        // A child whose status Java has seen may still be in the JDK's reaper for a moment, and a
        // pump sees EOF right after its child is reaped: wait for each (bounded), then assert.
        for (ProcessHandle h : ProcessHandle.current().children().toList()) {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // reported below
            }
        }
        List<ProcessHandle> left = ProcessHandle.current().children().toList();
        assertEquals(List.of(), left.stream().map(h -> h.pid() + " " + h.info().commandLine().orElse("?")).toList());
        for (Thread t : communicateThreads()) t.join(10_000);
        assertEquals(List.of(), communicateThreads().stream().filter(Thread::isAlive).map(Thread::getName).toList(),
                "communicate() threads left running");
    }

    private static List<Thread> communicateThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("_readerthread") || t.getName().startsWith("_stdin_write")).toList();
    }

    private static String timeless(Object text) {
        return Py.str(text).replaceAll("after [0-9.e-]+ seconds", "after N seconds");
    }

    // ---------------------------------------------------------------- run and CompletedProcess

    @Test
    void runCapture() {
        assertPrints(T, "run_capture", () -> {
            Py.print(Subprocess.run(L("echo", "hi"), o().captureOutput(true)));
            Py.print(Subprocess.run(L("printf", "a\\nb"), o().captureOutput(true).text(true)));
            Py.print(Subprocess.run(L("sh", "-c", "echo out; echo err >&2"), o().captureOutput(true)));
        });
    }

    @Test
    void runNoCapture() {
        assertPrints(T, "run_no_capture", () -> {
            Py.print(Subprocess.run(L("true")));
            Py.print(Subprocess.run(L("false")));
            Py.print(Subprocess.run("true"));
            Py.print(Subprocess.run(L("sh", "-c", "exit 3")).returncode());
        });
    }

    @Test
    void runInput() {
        assertPrints(T, "run_input", () -> {
            Py.print(Subprocess.run(L("cat"), o().input(b("abc\u0000\u00ff")).captureOutput(true)));
            Py.print(Subprocess.run(L("cat"), o().input("h\u00e9llo\r\nx\ry").captureOutput(true).text(true)));
            Py.print(Subprocess.run(L("cat"), o().input(b("to devnull")).stdout(DEVNULL)));
            byte[] big = new byte[3_000_000];
            Arrays.fill(big, (byte) 'z');
            Py.print(((byte[]) Subprocess.run(L("cat"), o().input(big).stdout(PIPE)).stdout()).length);
        });
    }

    @Test
    void runStderrToStdout() {
        assertPrints(T, "run_stderr_to_stdout", () -> {
            Py.print(Subprocess.run(L("sh", "-c", "echo out; echo err >&2"), o().stdout(PIPE).stderr(STDOUT)));
            Py.print(Subprocess.run(L("sh", "-c", "echo out; echo err >&2"), o().stdout(DEVNULL).stderr(PIPE)));
        });
    }

    private static TreeSet<Integer> set(byte[] data) {
        TreeSet<Integer> s = new TreeSet<>();
        for (byte x : data) s.add((int) x);
        return s;
    }

    private static String pySet(byte[] data) {
        return set(data).stream().map(String::valueOf).collect(Collectors.joining(", ", "{", "}"));
    }

    @Test
    void runBigOutputOnBothPipesDoesNotDeadlock() {
        assertPrints(T, "run_big_output_both_pipes", () -> {
            String script = "for i in 1 2 3 4 5 6; do head -c 1000000 /dev/zero; head -c 1000001 /dev/zero >&2; done";
            CompletedProcess done = Subprocess.run(L("sh", "-c", script), o().captureOutput(true));
            byte[] out = (byte[]) done.stdout(), err = (byte[]) done.stderr();
            Py.print(done.returncode(), out.length, err.length, Py.str(pySet(out)).replace("'", ""), pySet(err));
        });
    }

    @Test
    void runCheck() {
        assertPrints(T, "run_check_ok", () -> Py.print(Subprocess.run(L("echo", "fine"), o().check(true).captureOutput(true))));
        assertRaises(CalledProcessError.class, T, "run_check_fails", () -> Subprocess.run(L("false"), o().check(true)));
        assertPrints(T, "run_check_error_attributes", () -> {
            try {
                Subprocess.run(L("sh", "-c", "echo out; echo err >&2; exit 2"), o().check(true).captureOutput(true));
            } catch (CalledProcessError e) {
                Py.print(Py.repr(e), "|", e, "|", e.returncode(), e.cmd(), e.output(), e.stdout(), e.stderr());
            }
        });
        assertRaises(CalledProcessError.class, T, "run_check_signal", () -> Subprocess.run(L("sh", "-c", "kill -9 $$"), o().check(true)));
    }

    @Test
    void signalReturncodes() {
        assertPrints(T, "signal_returncodes", () -> {
            Py.print(Subprocess.run(L("sh", "-c", "kill -9 $$")).returncode());
            Py.print(Subprocess.run(L("sh", "-c", "kill -TERM $$")).returncode());
            Py.print(Subprocess.run(L("sh", "-c", "kill -USR1 $$")).returncode());
            Py.print(Subprocess.run(L("sh", "-c", "kill -HUP $$")));
        });
    }

    @Test
    void calledProcessErrorForms() {
        assertPrints(T, "called_process_error_forms", () -> {
            for (CalledProcessError e : List.of(new CalledProcessError(1, L("a", "b"), "out", "err"),
                    new CalledProcessError(1, L("false")), new CalledProcessError(-99, "x"), new CalledProcessError(-9, "x"),
                    new CalledProcessError(-6, L("a")), new CalledProcessError(-34, "rt"), new CalledProcessError(-64, "rt"),
                    new CalledProcessError(-35, "rt"), new CalledProcessError(0, "zero"),
                    new CalledProcessError(255, "cmd with spaces"))) {
                Py.print(Py.repr(e), "|", e, "|", e.returncode(), e.cmd(), e.output(), e.stdout(), e.stderr());
            }
            Py.print(new CalledProcessError(1, "x") instanceof SubprocessError, CalledProcessError.class.getSuperclass().getSimpleName());
        });
    }

    @Test
    void timeoutExpiredForms() {
        assertPrints(T, "timeout_expired_forms", () -> {
            for (TimeoutExpired e : List.of(new TimeoutExpired(L("a"), 0.5), new TimeoutExpired("sleep 5", 2.0, b("out"), b("err")),
                    TimeoutExpired.withOutput(L("sleep", "5"), 0.25, b("x"), null))) {
                Py.print(Py.repr(e), "|", e, "|", e.cmd(), e.timeout(), e.output(), e.stdout(), e.stderr());
            }
        });
    }

    @Test
    void completedProcessForms() {
        assertPrints(T, "completed_process_forms", () -> {
            Py.print(new CompletedProcess(L("a"), 0));
            Py.print(new CompletedProcess("a b", -9, b(""), null));
            Py.print(new CompletedProcess(L("a"), 1, null, "err"));
            new CompletedProcess(L("a"), 0, b("x"), b("y")).checkReturncode();
            Py.print((Object) null);
        });
        assertRaises(CalledProcessError.class, T, "completed_process_check_returncode",
                () -> new CompletedProcess(L("a", "b"), 3, b("out"), b("err")).checkReturncode());
        assertPrints(T, "completed_process_check_returncode_repr", () -> {
            try {
                new CompletedProcess(L("a", "b"), 3, b("out"), b("err")).checkReturncode();
            } catch (CalledProcessError e) {
                Py.print(Py.repr(e));
            }
        });
    }

    // ---------------------------------------------------------------- timeouts

    @Test
    void runTimeoutKillsAndReportsTheRemainingTime() {
        assertPrints(T, "run_timeout", () -> {
            try {
                Subprocess.run(L("sleep", "5"), o().timeout(0.2));
            } catch (TimeoutExpired e) {
                Py.print(timeless(e), "|", e.timeout() < 0.2, e.output(), e.stderr());
            }
        });
    }

    @Test
    void runTimeoutCarriesTheOutputSoFar() {
        assertPrints(T, "run_timeout_with_output", () -> {
            try {
                Subprocess.run(L("sh", "-c", "echo partial; echo oops >&2; exec sleep 5"), o().captureOutput(true).timeout(1.5));
            } catch (TimeoutExpired e) {
                Py.print(e, "|", Py.repr(e), "|", e.timeout(), e.output(), e.stdout(), e.stderr());
            }
        });
    }

    @Test
    void callTimeout() {
        assertPrints(T, "call_timeout", () -> {
            try {
                Subprocess.call(L("sleep", "5"), o().timeout(0.25));
            } catch (TimeoutExpired e) {
                Py.print(e, "|", Py.repr(e));
            }
        });
    }

    @Test
    void popenWaitTimeout() {
        assertPrints(T, "popen_wait_timeout", () -> {
            Popen p = new Popen(L("sleep", "5"));
            try {
                p.await(0.25);
            } catch (TimeoutExpired e) {
                Py.print(e, "|", Py.repr(e), e.output());
            }
            Py.print(p.returncode(), p.poll());
            p.kill();
            Py.print(p.await(), p.returncode(), p.poll());
            Py.print(Py.repr(p));
        });
    }

    @Test
    void communicateTimeoutThenResume() {
        assertPrints(T, "communicate_timeout_then_resume", () -> {
            Popen p = new Popen(L("sh", "-c", "echo a; exec sleep 5"), o().stdin(PIPE).stdout(PIPE));
            try {
                p.communicate(1.5);
            } catch (TimeoutExpired e) {
                Py.print(e, "|", e.output(), e.stderr());
            }
            try {
                p.communicate(b("more"));
            } catch (ValueError e) {
                Py.print(e.pyName(), e);
            }
            p.kill();
            Py.print(p.communicate(), p.returncode());
        });
    }

    // ---------------------------------------------------------------- call, check_call, check_output

    @Test
    void callForms() {
        assertPrints(T, "call_forms", () -> Py.print(Subprocess.call(L("sh", "-c", "exit 3")), Subprocess.call(L("true")),
                Subprocess.call("false"), Subprocess.call("exit 4", o().shell(true))));
        assertRaises(TypeError.class, T, "call_rejects_input", () -> Subprocess.call(L("cat"), o().input(b("x"))));
    }

    @Test
    void checkCall() {
        assertPrints(T, "check_call_ok", () -> Py.print(Subprocess.checkCall(L("true"))));
        assertRaises(CalledProcessError.class, T, "check_call_fails", () -> Subprocess.checkCall(L("sh", "-c", "exit 3")));
        assertPrints(T, "check_call_error_repr", () -> {
            try {
                Subprocess.checkCall(L("sh", "-c", "exit 3"));
            } catch (CalledProcessError e) {
                Py.print(Py.repr(e), e.output(), e.stderr());
            }
        });
    }

    @Test
    void checkOutput() {
        assertPrints(T, "check_output_forms", () -> {
            Py.print(Subprocess.checkOutput(L("echo", "hi")));
            Py.print(Py.repr(Subprocess.checkOutput(L("printf", "a\\r\\nb"), o().text(true))));
            Py.print(Subprocess.checkOutput(L("sh", "-c", "echo out; echo err >&2"), o().stderr(STDOUT)));
            Py.print(Subprocess.checkOutput(L("cat"), o().input(b("piped"))));
            Py.print(Py.repr(Subprocess.checkOutput("echo $((6*7))", o().shell(true).text(true))));
        });
        assertRaises(CalledProcessError.class, T, "check_output_fails", () -> Subprocess.checkOutput(L("sh", "-c", "echo partial; exit 5")));
        assertPrints(T, "check_output_error_attributes", () -> {
            try {
                Subprocess.checkOutput(L("sh", "-c", "echo partial; exit 5"));
            } catch (CalledProcessError e) {
                Py.print(Py.repr(e), e.output(), e.stderr());
            }
        });
        assertRaises(ValueError.class, T, "check_output_rejects_stdout", () -> Subprocess.checkOutput(L("echo"), o().stdout(PIPE)));
        assertRaises(ValueError.class, T, "check_output_rejects_check", () -> Subprocess.checkOutput(L("echo"), o().check(false)));
    }

    @Test
    void getoutputForms() {
        assertPrints(T, "getoutput_forms", () -> {
            Py.print(Py.repr(Subprocess.getoutput("echo hi")), Py.repr(Subprocess.getoutput("printf 'a\\n\\n'")),
                    Py.repr(Subprocess.getoutput("echo err >&2")));
            Py.print(Subprocess.getstatusoutput("echo hi"));
            Py.print(Subprocess.getstatusoutput("exit 3"));
            Py.print(Subprocess.getstatusoutput("kill $$"));
            Py.print(Subprocess.getstatusoutput("cat /nonexistent"));
            Py.print(Subprocess.getstatusoutput("printf 'caf\\303\\251'"));
        });
    }

    // ---------------------------------------------------------------- arguments

    @Test
    void shellForms() {
        assertPrints(T, "shell_forms", () -> {
            Py.print(Subprocess.run("echo $((1+2))", o().shell(true).captureOutput(true)));
            Py.print(Subprocess.run(L("echo $0 $1", "x", "y"), o().shell(true).captureOutput(true)));
            Py.print(Subprocess.run("echo $0", o().shell(true).executable("/bin/sh").captureOutput(true)));
        });
    }

    @Test
    void executableSetsTheProgramNotArgv0() {
        assertPrints(T, "executable_sets_program_not_argv0", () ->
                Py.print(Subprocess.run(L("whatever", "-c", "echo $0"), o().executable("/bin/sh").captureOutput(true))));
    }

    @Test
    void envForms() {
        assertPrints(T, "env_forms", () -> {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("FOO", "bar");
            env.put("PATH", System.getenv("PATH"));
            Py.print(Subprocess.run(L("sh", "-c", "echo $FOO"), o().env(env).captureOutput(true)));
            Py.print(Subprocess.run(L("env"), o().env(Map.of("A", "1")).captureOutput(true)));
            Py.print(Subprocess.run(L("sh", "-c", "echo ${PATH:-unset}"), o().env(Map.of()).captureOutput(true)));
        });
    }

    @Test
    void cwdForms() {
        assertPrints(T, "cwd_forms", () -> {
            Py.print(Subprocess.run(L("pwd"), o().cwd("/tmp").captureOutput(true)));
            Py.print(Subprocess.run(L("./true"), o().cwd("/bin").captureOutput(true)));
        });
    }

    @Test
    void fileRedirects(@TempDir Path dir) {
        assertPrints(T, "file_redirects", () -> {
            File out = dir.resolve("out.txt").toFile();
            Py.print(Subprocess.run(L("sh", "-c", "echo to-file; echo err-too >&2"), o().stdout(out).stderr(STDOUT)));
            Py.print(Py.repr(Files.readString(out.toPath())));
            Py.print(Subprocess.run(L("cat"), o().stdin(out.toPath()).captureOutput(true)));
        });
    }

    @Test
    void textModeDecoding() {
        assertPrints(T, "text_mode_decoding", () -> {
            Py.print(Subprocess.run(L("printf", "a\\377\\r\\nb\\rc"), o().captureOutput(true).text(true).errors("replace")));
            Py.print(Subprocess.run(L("printf", "a\\377"), o().captureOutput(true).errors("backslashreplace")));
            Py.print(Subprocess.run(L("printf", "a\\377"), o().captureOutput(true).errors("surrogateescape")));
            Py.print(Subprocess.run(L("printf", "caf\\351"), o().captureOutput(true).encoding("latin-1")));
            Py.print(Subprocess.run(L("printf", "a\\377"), o().captureOutput(true).text(true).errors("ignore")));
            Py.print(Subprocess.run(L("printf", "a\\r\\nb"), o().captureOutput(true).universalNewlines(true)));
            Py.print(Subprocess.run(L("true"), o().captureOutput(true).text(false)));
        });
        assertRaises(UnicodeDecodeError.class, T, "text_mode_strict_error",
                () -> Subprocess.run(L("printf", "ab\\377"), o().captureOutput(true).text(true)));
        assertRaises(UnicodeDecodeError.class, T, "text_mode_truncated_utf8",
                () -> Subprocess.run(L("printf", "ab\\303"), o().captureOutput(true).text(true)));
        assertRaises(UnicodeDecodeError.class, T, "text_mode_bad_continuation",
                () -> Subprocess.run(L("printf", "\\303("), o().captureOutput(true).text(true)));
        assertRaises(UnicodeDecodeError.class, T, "text_mode_ascii_error",
                () -> Subprocess.run(L("printf", "\\303"), o().captureOutput(true).encoding("ascii")));
        assertRaises(LookupError.class, T, "text_mode_unknown_handler",
                () -> Subprocess.run(L("printf", "a\\377"), o().captureOutput(true).text(true).errors("nope")));
        assertPrints(T, "text_mode_unknown_handler_unused",
                () -> Py.print(Subprocess.run(L("printf", "fine"), o().captureOutput(true).text(true).errors("nope"))));
        assertRaises(LookupError.class, T, "text_mode_unknown_encoding",
                () -> Subprocess.run(L("printf", "a"), o().captureOutput(true).encoding("nope")));
        assertRaises(AttributeError.class, T, "text_mode_bytes_input",
                () -> Subprocess.run(L("cat"), o().input(b("x")).captureOutput(true).text(true)));
        assertRaises(TypeError.class, T, "binary_mode_text_input",
                () -> Subprocess.run(L("cat"), o().input("x").captureOutput(true)));
        assertRaises(SubprocessError.class, T, "text_and_universal_newlines_disagree",
                () -> Subprocess.run(L("true"), o().text(true).universalNewlines(false)));
    }

    @Test
    void userGroupUmask() {
        assertPrints(T, "user_group_umask", () -> {
            Py.print(Subprocess.run(L("id", "-u"), o().user("nobody").captureOutput(true)));
            Py.print(Subprocess.run(L("id", "-u"), o().user(65534).captureOutput(true)));
            Py.print(Subprocess.run(L("id", "-g"), o().group("nogroup").captureOutput(true)));
            Py.print(Subprocess.run(L("id", "-G"), o().group(65534).extraGroups(List.of()).captureOutput(true)));
            Py.print(Subprocess.run(L("id", "-G"), o().extraGroups(List.of("nogroup", 0)).captureOutput(true)));
            Py.print(Subprocess.run(L("sh", "-c", "umask"), o().umask(0077).captureOutput(true)));
            Py.print(Subprocess.run(L("sh", "-c", "umask"), o().umask(0022).captureOutput(true)));
        });
        assertRaises(KeyError.class, T, "user_unknown", () -> Subprocess.run(L("true"), o().user("nosuchuser")));
        assertRaises(KeyError.class, T, "group_unknown", () -> Subprocess.run(L("true"), o().group("nosuchgroup")));
        assertRaises(ValueError.class, T, "user_negative", () -> Subprocess.run(L("true"), o().user(-3)));
        assertRaises(ValueError.class, T, "group_negative", () -> Subprocess.run(L("true"), o().group(-1)));
        assertRaises(ValueError.class, T, "extra_group_negative", () -> Subprocess.run(L("true"), o().extraGroups(List.of(-2))));
    }

    @Test
    void sessionAndProcessGroup() {
        assertPrints(T, "session_and_process_group", () -> {
            String probe = "read a b c d pgrp sid rest < /proc/$$/stat; [ \"$pgrp\" = \"$$\" ] && echo group-leader; "
                    + "[ \"$sid\" = \"$$\" ] && echo session-leader; echo done";
            for (Popen.Options opts : List.of(o(), o().startNewSession(true), o().processGroup(0))) {
                String out = (String) Subprocess.run(L("sh", "-c", probe), opts.captureOutput(true).text(true)).stdout();
                Py.print(List.of(out.strip().split("\\s+")));
            }
        });
    }

    // ---------------------------------------------------------------- bad arguments

    @Test
    void badArguments() {
        assertRaises(ValueError.class, T, "input_and_stdin", () -> Subprocess.run(L("cat"), o().input(b("x")).stdin(PIPE)));
        assertRaises(ValueError.class, T, "capture_and_stdout", () -> Subprocess.run(L("echo"), o().captureOutput(true).stdout(PIPE)));
        assertRaises(ValueError.class, T, "capture_and_stderr", () -> Subprocess.run(L("echo"), o().captureOutput(true).stderr(DEVNULL)));
        assertRaises(ValueError.class, T, "stdout_is_stdout", () -> new Popen(L("true"), o().stdout(STDOUT)));
        assertRaises(TypeError.class, T, "popen_rejects_run_keywords", () -> new Popen(L("true"), o().input(b(""))));
        assertRaises(TypeError.class, T, "popen_rejects_capture_output", () -> new Popen(L("true"), o().captureOutput(true)));
        assertRaises(TypeError.class, T, "popen_rejects_timeout", () -> new Popen(L("true"), o().timeout(1)));
        assertRaises(IndexError.class, T, "empty_args", () -> Subprocess.run(L()));
        assertRaises(ValueError.class, T, "env_name_with_equals", () -> Subprocess.run(L("true"), o().env(Map.of("A=B", "x"))));
        assertRaises(ValueError.class, T, "embedded_null", () -> Subprocess.run(L("tr\0ue")));
        assertRaises(TypeError.class, T, "args_none", () -> Subprocess.run((List<String>) null));
        assertRaises(TypeError.class, T, "args_item_none", () -> Subprocess.run(java.util.Arrays.asList("echo", null)));
    }

    @Test
    void launchFailures() {
        assertRaises(FileNotFoundError.class, T, "missing_program", () -> Subprocess.run(L("nosuch")));
        assertRaises(FileNotFoundError.class, T, "missing_program_in_string", () -> Subprocess.run("echo hi"));
        assertRaises(FileNotFoundError.class, T, "missing_program_with_path", () -> Subprocess.run(L("/nonexistent/prog", "x")));
        assertRaises(PermissionError.class, T, "not_executable", () -> Subprocess.run(L("/etc/passwd")));
        assertRaises(PermissionError.class, T, "directory_as_program", () -> Subprocess.run(L("/tmp")));
        assertRaises(FileNotFoundError.class, T, "missing_cwd", () -> Subprocess.run(L("true"), o().cwd("/nonexistent")));
        assertRaises(NotADirectoryError.class, T, "cwd_not_a_directory", () -> Subprocess.run(L("true"), o().cwd("/etc/passwd")));
        assertRaises(FileNotFoundError.class, T, "missing_program_in_env_path",
                () -> Subprocess.run(L("sh", "-c", "true"), o().env(Map.of("PATH", "/nonexistent"))));
        assertRaises(FileNotFoundError.class, T, "missing_program_with_umask", () -> Subprocess.run(L("nosuch"), o().umask(0022)));
    }

    // ---------------------------------------------------------------- Popen

    @Test
    void popenPipesAndWith() {
        assertPrints(T, "popen_pipes_and_with", () -> {
            Popen p;
            try (Popen q = new Popen(L("cat"), o().stdin(PIPE).stdout(PIPE))) {
                p = q;
                q.stdin().write(b("line1\n"));
                q.stdin().close();
                Py.print(q.stdout().readAllBytes(), q.returncode());
            }
            Py.print(p.returncode(), Py.repr(p));
        });
    }

    @Test
    void popenCommunicateForms() {
        assertPrints(T, "popen_communicate_forms", () -> {
            Popen p = new Popen(L("cat"), o().stdin(PIPE).stdout(PIPE));
            Py.print(p.communicate(b("abc")), p.returncode());
            p = new Popen(L("sh", "-c", "cat; echo e >&2"), o().stdin(PIPE).stdout(PIPE).stderr(PIPE).text(true));
            Py.print(p.communicate("t\r\nx"), p.returncode(), p.textMode(), p.universalNewlines(), p.encoding(), p.errors());
            p = new Popen(L("true"));
            Py.print(p.communicate(), p.returncode());
            p = new Popen(L("sh", "-c", "echo e >&2"), o().stderr(PIPE));
            Py.print(p.communicate(), p.returncode());
            p = new Popen(L("cat"), o().stdin(PIPE).stdout(DEVNULL));
            Py.print(p.communicate(b("ignored")), p.returncode());
            p = new Popen(L("echo", "x"), o().stdout(PIPE));
            Py.print(p.communicate(10), p.returncode());
            Py.print(p.communicate(), p.returncode());
        });
    }

    @Test
    void popenSignals() {
        assertPrints(T, "popen_signals", () -> {
            for (int sig : new int[] {15, 9, 10, 2, 1}) {
                Popen p = new Popen(L("sleep", "5"));
                p.sendSignal(sig);
                Py.print(p.await(), p.returncode());
            }
            Popen p = new Popen(L("sleep", "5"));
            p.terminate();
            Py.print(p.await());
            p = new Popen(L("sleep", "5"));
            p.kill();
            Py.print(p.await());
            p.kill();
            p.terminate();
            p.sendSignal(10);
            Py.print(p.returncode());
        });
        assertPrints(T, "popen_signal_zero", () -> {
            Popen p = new Popen(L("sleep", "5"));
            p.sendSignal(0);
            Py.print(p.poll());
            p.kill();
            Py.print(p.await());
        });
        assertRaises(OSError.class, T, "popen_bad_signal", () -> {
            Popen p = new Popen(L("sleep", "5"));
            try {
                p.sendSignal(99);
            } finally {
                p.kill();
                p.await();
            }
        });
    }

    @Test
    void popenReprs() {
        assertPrints(T, "popen_reprs", () -> {
            Popen p = new Popen(L("true"));
            Py.print(Py.repr(p));
            p.await();
            Py.print(Py.repr(p));
            p = new Popen(L("echo", "x".repeat(100)), o().stdout(DEVNULL));
            Py.print(Py.repr(p), Py.repr(p).length());
            p.await();
            Py.print(Py.repr(p));
            p = new Popen("true");
            Py.print(Py.repr(p), p.args());
            p.await();
            p = new Popen(L("true"));
            p.await();
            Py.print(p.stdin(), p.stdout(), p.stderr(), p.args(), p.returncode(), p.poll());
        });
    }

    @Test
    void popenExitCodes() {
        assertPrints(T, "popen_exit_codes", () -> {
            StringBuilder sb = new StringBuilder();
            for (int code : new int[] {0, 1, 2, 42, 127, 255}) {
                sb.append(new Popen(L("sh", "-c", "exit " + code)).await()).append(' ');
            }
            Py.print(sb);
        });
    }

    // ---------------------------------------------------------------- what the JVM cannot do: clear errors

    @Test
    void unsupportedOptionsAreErrorsNotIgnored() {
        ValueError e = org.junit.jupiter.api.Assertions.assertThrows(ValueError.class, () -> new Popen(L("true"), o().passFds(5)));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("pass_fds is not supported on the JVM"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(ValueError.class, () -> new Popen(L("true"), o().closeFds(false)));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("close_fds=False is not supported"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(ValueError.class, () -> new Popen(L("true"), o().stdout(7)));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("stdout=7 is not supported on the JVM"), e.getMessage());
    }

    @Test
    void inheritedDescriptorsAndRedirects(@TempDir Path dir) throws IOException {
        // the JVM's own descriptors on their own slot are Python's None (inherit)
        assertEquals(0, Subprocess.run(L("true"), o().stdin(java.io.FileDescriptor.in).stdout(java.io.FileDescriptor.out)
                .stderr(2)).returncode());
        Path log = dir.resolve("log");
        Files.writeString(log, "first\n");
        Subprocess.run(L("echo", "second"), o().stdout(ProcessBuilder.Redirect.appendTo(log.toFile())));
        assertEquals("first\nsecond\n", Files.readString(log));
    }

    @Test
    void interruptedWaitIsKeyboardInterruptAndTheChildIsReaped() throws Exception {
        Popen p = new Popen(L("sleep", "5"));
        Thread.currentThread().interrupt();
        org.junit.jupiter.api.Assertions.assertThrows(dev.pyconcurrent.builtins.KeyboardInterrupt.class, p::await);
        org.junit.jupiter.api.Assertions.assertTrue(Thread.interrupted(), "interrupt flag restored");
        Thread.currentThread().interrupt();
        org.junit.jupiter.api.Assertions.assertThrows(dev.pyconcurrent.builtins.KeyboardInterrupt.class,
                () -> Subprocess.run(L("sleep", "5")));
        org.junit.jupiter.api.Assertions.assertTrue(Thread.interrupted(), "interrupt flag restored");
        p.kill();
        assertEquals(-9, p.await());
    }

    @Test
    void pipesReadByTheCaller() throws IOException {
        try (Popen p = new Popen(L("sh", "-c", "printf abc; printf def >&2"), o().stdout(PIPE).stderr(PIPE))) {
            InputStream out = p.stdout();
            assertEquals("abc", new String(out.readAllBytes(), StandardCharsets.UTF_8));
            assertEquals("def", new String(p.stderr().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(0, p.await(10));
            Tuple t = p.communicate();
            assertEquals("(b'', b'')", Py.repr(t));
        }
    }

    @Test
    void interruptingABlockedCheckOutputRaisesKeyboardInterruptAndReapsTheChild() throws Exception {
        Throwable[] raised = new Throwable[1];
        Object[] returned = new Object[1];
        Thread caller = new Thread(() -> {
            try {
                returned[0] = Subprocess.checkOutput(L("sleep", "5"));
            } catch (Throwable t) {
                raised[0] = t;
            }
        });
        caller.start();
        // wait until the child exists: the interrupt then lands in a blocking call
        Spawned.until(() -> ProcessHandle.current().children().findAny().isPresent());
        caller.interrupt();
        caller.join(10_000);
        org.junit.jupiter.api.Assertions.assertFalse(caller.isAlive());
        org.junit.jupiter.api.Assertions.assertNull(returned[0], "returned instead of raising");
        org.junit.jupiter.api.Assertions.assertInstanceOf(dev.pyconcurrent.builtins.KeyboardInterrupt.class, raised[0]);
    }

    @Test
    void communicateJoinsTheChunksOfALongOutputAndReusesThem() {
        // 1.3 MB: many of Popen's 64 KiB chunks, and the calling thread's spare chunks reused by the next calls
        byte[] expected = java.util.stream.IntStream.rangeClosed(1, 200_000).mapToObj(Integer::toString)
                .collect(java.util.stream.Collectors.joining("\n", "", "\n")).getBytes(StandardCharsets.US_ASCII);
        assertPrints(T, "communicate_long_output", () -> {
            for (int i = 0; i < 3; i++) {
                Popen p = new Popen(L("seq", "1", "200000"), o().stdout(PIPE));
                byte[] byThisThread = (byte[]) p.communicate().get(0);
                org.junit.jupiter.api.Assertions.assertArrayEquals(expected, byThisThread);
                printDigest(byThisThread);
                Popen q = new Popen(L("seq", "1", "200000"), o().stdout(PIPE));
                byte[] byAReaderThread = (byte[]) q.communicate(60.0).get(0);
                org.junit.jupiter.api.Assertions.assertArrayEquals(expected, byAReaderThread);
                printDigest(byAReaderThread);
            }
        });
    }

    /** As the reference case prints a long output: its length, sha256, first and last 8 bytes. */
    private static void printDigest(byte[] out) throws java.security.NoSuchAlgorithmException {
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(out));
        Py.print(out.length, sha, java.util.Arrays.copyOfRange(out, 0, 8), java.util.Arrays.copyOfRange(out, out.length - 8, out.length));
    }

    @Test
    void communicateMegabytesInAndOutAtOnce() {
        assertPrints(T, "communicate_megabytes_in_and_out_at_once", () -> {
            Popen p = new Popen(L("tee", "/dev/stderr"), o().stdin(PIPE).stdout(PIPE).stderr(PIPE));
            byte[] in = new byte[4_000_000];
            Arrays.fill(in, (byte) 'y');
            Tuple t = p.communicate(in, 60);
            byte[] out = (byte[]) t.get(0), err = (byte[]) t.get(1);
            Py.print(p.returncode(), out.length, err.length, Arrays.equals(out, in) && Arrays.equals(err, in));
        });
    }

    @Test
    void manyThreadsRunningChildrenAtOnce() throws Exception {
        int threads = 4, runs = 15;
        List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            for (int t = 0; t < threads; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < runs; i++) {
                        CompletedProcess done = Subprocess.run(L("sh", "-c", "echo $0; echo $1 >&2; exit $(($1 % 3))",
                                String.valueOf(id), String.valueOf(i)), o().captureOutput(true).text(true));
                        sb.append(done.stdout()).append(done.stderr()).append(done.returncode()).append(';');
                    }
                    return sb.toString();
                }));
            }
            for (int t = 0; t < threads; t++) {
                StringBuilder expected = new StringBuilder();
                for (int i = 0; i < runs; i++) expected.append(t).append('\n').append(i).append('\n').append(i % 3).append(';');
                assertEquals(expected.toString(), results.get(t).get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void getoutputEncodingAndErrors() {
        assertPrints(T, "getoutput_encoding_and_errors", () -> {
            Py.print(Py.repr(Subprocess.getoutput("printf 'caf\\351'", "latin-1", null)));
            Py.print(Subprocess.getstatusoutput("printf 'caf\\351'; exit 1", null, "replace"));
            Py.print(Subprocess.getstatusoutput("printf 'a\\377'", "utf-8", "backslashreplace"));
        });
    }

    @Test
    void redirectFilesThatCannotBeOpened() {
        assertRaises(FileNotFoundError.class, T, "stdin_file_missing", () -> Subprocess.run(L("cat"), o().stdin(new File("/nonexistent/in"))));
        assertRaises(dev.pyconcurrent.builtins.IsADirectoryError.class, T, "stdout_file_is_directory",
                () -> Subprocess.run(L("echo"), o().stdout(new File("/tmp"))));
    }

    @Test
    void exactReturncodeModeTellsExit130FromSigint() throws IOException {
        String before = System.getProperty(Launch.EXACT);
        if (before == null) {
            // the JDK's launch: the heuristic, 128 + N is read as signal N; the FFM launch (JDK 22+) is exact always
            assertEquals(Spawner.NATIVE == null ? -2 : 130, Subprocess.run(L("sh", "-c", "exit 130")).returncode());
        }
        System.setProperty(Launch.EXACT, "true");
        try {
            assertEquals(130, Subprocess.run(L("sh", "-c", "exit 130")).returncode());
            assertEquals(255, Subprocess.run(L("sh", "-c", "exit 255")).returncode());
            assertEquals(3, Subprocess.run(L("sh", "-c", "exit 3")).returncode());
            assertEquals(-9, Subprocess.run(L("sh", "-c", "kill -9 $$")).returncode());
            assertEquals(-2, Subprocess.run(L("sh", "-c", "kill -INT $$")).returncode());
            Popen p = new Popen(L("sh", "-c", "echo $$; exec sleep 5"), o().stdout(PIPE));
            String first = new String(readLine(p.stdout()), StandardCharsets.UTF_8);
            assertEquals(String.valueOf(p.pid()), first, "pid() is the program's, not the supervisor's");
            p.sendSignal(10);
            assertEquals(-10, p.await());
            p.close();
            Popen q = new Popen(L("sleep", "5"));
            q.kill();
            assertEquals(-9, q.await());
            CalledProcessError e = org.junit.jupiter.api.Assertions.assertThrows(CalledProcessError.class,
                    () -> Subprocess.checkOutput(L("sh", "-c", "printf x; exit 200")));
            assertEquals(200, e.returncode());
            assertEquals("x", new String((byte[]) e.output(), StandardCharsets.UTF_8));
            org.junit.jupiter.api.Assertions.assertThrows(FileNotFoundError.class, () -> Subprocess.run(L("nosuch")));
            TimeoutExpired t = org.junit.jupiter.api.Assertions.assertThrows(TimeoutExpired.class,
                    () -> Subprocess.run(L("sleep", "5"), o().timeout(0.3)));
            org.junit.jupiter.api.Assertions.assertTrue(t.timeout() < 0.3);
        } finally {
            if (before == null) System.clearProperty(Launch.EXACT);
        }
    }

    private static byte[] readLine(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        for (int c; (c = in.read()) >= 0 && c != '\n'; ) b.write(c);
        return b.toByteArray();
    }

    @Test
    void envWithNone() {
        Map<String, String> noneValue = new LinkedHashMap<>();
        noneValue.put("A", null);
        assertRaises(TypeError.class, T, "env_none_value", () -> Subprocess.run(List.of("true"), Popen.options().env(noneValue)));
        Map<String, String> noneKey = new LinkedHashMap<>();
        noneKey.put(null, "x");
        assertRaises(TypeError.class, T, "env_none_key", () -> Subprocess.run(List.of("true"), Popen.options().env(noneKey)));
    }

    // ---------------------------------------------------------------- shell pipelines: one process group (issue 16)

    private static final String PIPELINE = "sleep 1000 | cat";

    /** The JVM's descendants once the shell's {@code sleep 1000} and {@code cat} are both running: the shell, sleep and cat. */
    private static List<ProcessHandle> runningPipeline() {
        List<List<ProcessHandle>> seen = new java.util.ArrayList<>();
        Spawned.until(() -> {
            List<ProcessHandle> d = ProcessHandle.current().descendants().toList();
            boolean running = d.stream().anyMatch(SubprocessTest::isSleep) && d.stream().anyMatch(h -> runs(h, "cat"));
            if (running) seen.add(d);
            return running;
        });
        return seen.get(0);
    }

    private static boolean runs(ProcessHandle h, String program) {
        return h.info().command().orElse("").endsWith("/" + program);
    }

    private static boolean isSleep(ProcessHandle h) {
        return runs(h, "sleep") && h.info().arguments().map(a -> List.of(a).equals(List.of("1000"))).orElse(false);
    }

    /** Every process of {@code processes} has ended (reaped by its parent or by init), within 10 s. */
    private static void assertEnded(List<ProcessHandle> processes) {
        Spawned.until(() -> processes.stream().noneMatch(ProcessHandle::isAlive));
    }

    /** {@code /proc/<pid>/stat}'s process group and session ids. */
    private static List<Long> groupAndSession(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return List.of(Long.parseLong(f[2]), Long.parseLong(f[3]));
    }

    @Test
    void runTimeoutEndsTheWholeShellPipeline() throws Exception {
        List<ProcessHandle> pipeline = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Spawned s = new Spawned()) {
            s.start(() -> pipeline.addAll(runningPipeline()));
            TimeoutExpired e = org.junit.jupiter.api.Assertions.assertThrows(TimeoutExpired.class,
                    () -> Subprocess.run(PIPELINE, o().shell(true).captureOutput(true).timeout(2)));
            assertEquals("Command 'sleep 1000 | cat' timed out after N seconds", timeless(e));
        }
        assertEnded(pipeline);
    }

    @Test
    void interruptedShellPipelineIsKeyboardInterruptAndNothingIsLeft() throws Exception {
        Throwable[] raised = new Throwable[1];
        Thread caller = new Thread(() -> {
            try {
                Subprocess.run(PIPELINE, o().shell(true));
            } catch (Throwable t) {
                raised[0] = t;
            }
        });
        caller.start();
        List<ProcessHandle> pipeline = runningPipeline();
        caller.interrupt();
        Spawned.join(caller);
        org.junit.jupiter.api.Assertions.assertInstanceOf(dev.pyconcurrent.builtins.KeyboardInterrupt.class, raised[0]);
        assertEnded(pipeline);
    }

    @Test
    void killAndTerminateEndTheShellsWholeGroupAndPidIsTheShells() throws Exception {
        String exactBefore = System.getProperty(Launch.EXACT);
        try {
            for (String exact : List.of("false", "true")) {
                System.setProperty(Launch.EXACT, exact);
                for (int sig : new int[] {9, 15}) {
                    Popen p = new Popen(PIPELINE, o().shell(true));
                    List<ProcessHandle> pipeline = runningPipeline();
                    ProcessHandle sleep = pipeline.stream().filter(SubprocessTest::isSleep).findFirst().orElseThrow();
                    assertEquals(p.pid(), sleep.parent().orElseThrow().pid(), "pid() is the shell's");
                    assertEquals(List.of(p.pid(), p.pid()), groupAndSession(p.pid()), "the shell leads its own group and session");
                    if (sig == 9) p.kill();
                    else p.terminate();
                    assertEquals(-sig, p.await());
                    assertEnded(pipeline);
                }
            }
        } finally {
            if (exactBefore == null) System.clearProperty(Launch.EXACT);
            else System.setProperty(Launch.EXACT, exactBefore);
        }
    }

    @Test
    void withoutShellOrWithTheCallersGroupKillEndsOnlyTheChildAsInCPython() throws Exception {
        long jvmGroup = groupAndSession(ProcessHandle.current().pid()).get(0);
        for (Popen.Options opts : List.of(o(), o().shell(true).startNewSession(true), o().shell(true).processGroup(0))) {
            Popen p = opts.shell ? new Popen(PIPELINE, opts) : new Popen(L("sh", "-c", PIPELINE), opts);
            List<ProcessHandle> pipeline = runningPipeline();
            List<Long> ids = groupAndSession(p.pid());
            if (!opts.shell) assertEquals(jvmGroup, ids.get(0), "a child without shell=True stays in the JVM's group");
            p.kill();
            assertEquals(-9, p.await());
            List<ProcessHandle> left = pipeline.stream().filter(h -> isSleep(h) || runs(h, "cat")).toList();
            assertEquals(true, left.stream().allMatch(ProcessHandle::isAlive), "only the shell was killed, as by CPython");
            if (opts.shell) {
                assertEquals(p.pid(), ids.get(0), "the caller's own group, led by the shell");
                Subprocess.killGroup(9, p.pid()); // os.killpg(p.pid, SIGKILL): the Python idiom
            } else {
                left.forEach(ProcessHandle::destroyForcibly);
            }
            assertEnded(left);
        }
    }

    @Test
    void shellGroupsCanBeTurnedOff() throws Exception {
        long jvmGroup = groupAndSession(ProcessHandle.current().pid()).get(0);
        System.setProperty(Launch.SHELL_GROUPS, "false");
        try (Popen p = new Popen("exec sleep 1000", o().shell(true))) {
            assertEquals(jvmGroup, groupAndSession(p.pid()).get(0));
            p.kill();
        } finally {
            System.clearProperty(Launch.SHELL_GROUPS);
        }
    }

    @Test
    void theNativeLaunchIsUsedWhereTheBuildMakesIt() {
        // set by the build's ffm execution (JDK >= 22, --enable-native-access=ALL-UNNAMED)
        if (Boolean.getBoolean("pyconcurrent.test.expectFfm")) org.junit.jupiter.api.Assertions.assertNotNull(Spawner.NATIVE);
        // set by the default run where the build made the JNI library (gcc there, JDK 17)
        if (Boolean.getBoolean("pyconcurrent.test.expectJni")) org.junit.jupiter.api.Assertions.assertNotNull(Spawner.NATIVE);
        if ("false".equals(System.getProperty(dev.pyconcurrent.os.NativeAccess.PROPERTY))) {
            org.junit.jupiter.api.Assertions.assertNull(Spawner.NATIVE);
        }
    }

    @Test
    void aReadOfAPipeFromTheChildSeesAnInterruptWithTheNativeLaunch() throws IOException {
        // the native launch polls its pipes in slices (Spawner.PipeInput); the JDK's pipe streams block uninterruptibly
        org.junit.jupiter.api.Assumptions.assumeTrue(Spawner.NATIVE != null);
        try (Popen p = new Popen(L("sleep", "5"), o().stdout(PIPE))) {
            Thread.currentThread().interrupt();
            org.junit.jupiter.api.Assertions.assertThrows(java.io.InterruptedIOException.class, () -> p.stdout().read());
            org.junit.jupiter.api.Assertions.assertTrue(Thread.interrupted(), "interrupt flag kept");
            p.kill();
        }
    }

    @Test
    void theChildGetsOnlyItsThreeDescriptorsAndItsSignalMask() {
        // close_fds=True (CPython's default): /proc/self/fd of the child lists 0, 1, 2 and ls's own directory
        CompletedProcess r = Subprocess.run(L("ls", "/proc/self/fd"), o().captureOutput(true).text(true));
        assertEquals(List.of("0", "1", "2", "3"), List.of(((String) r.stdout()).strip().split("\\s+")));
        r = Subprocess.run(L("grep", "^SigBlk", "/proc/self/status"), o().captureOutput(true).text(true));
        // as CPython's child; JDK 17's own launch leaves SIGQUIT blocked (the JVM thread's mask), see the deviations page
        boolean jdk17Launch = Spawner.NATIVE == null && Runtime.version().feature() == 17;
        assertEquals(jdk17Launch ? "SigBlk:\t0000000000000004" : "SigBlk:\t0000000000000000", ((String) r.stdout()).strip());
    }
}
