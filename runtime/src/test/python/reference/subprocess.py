"""subprocess: reprs, messages and results of real child processes (sh, cat, sleep, printf, true, false...).

Timings never show: where CPython reports a remaining time, the number is printed as N.
"""
import os
import re
import signal
import subprocess
import tempfile
from subprocess import (DEVNULL, PIPE, STDOUT, CalledProcessError, CompletedProcess, Popen, TimeoutExpired,
                        call, check_call, check_output, getoutput, getstatusoutput, run)

from cases import case


def timeless(text):
    return re.sub(r"after [0-9.e-]+ seconds", "after N seconds", str(text))


# ---------------------------------------------------------------- run and CompletedProcess

@case
def run_capture():
    print(run(["echo", "hi"], capture_output=True))
    print(run(["printf", "a\\nb"], capture_output=True, text=True))
    print(run(["sh", "-c", "echo out; echo err >&2"], capture_output=True))


@case
def run_no_capture():
    print(run(["true"]))
    print(run(["false"]))
    print(run("true"))
    print(run(["sh", "-c", "exit 3"]).returncode)


@case
def run_input():
    print(run(["cat"], input=b"abc\x00\xff", capture_output=True))
    print(run(["cat"], input="h\xe9llo\r\nx\ry", capture_output=True, text=True))
    print(run(["cat"], input=b"to devnull", stdout=DEVNULL))
    print(len(run(["cat"], input=b"z" * 3_000_000, stdout=PIPE).stdout))


@case
def run_stderr_to_stdout():
    print(run(["sh", "-c", "echo out; echo err >&2"], stdout=PIPE, stderr=STDOUT))
    print(run(["sh", "-c", "echo out; echo err >&2"], stdout=DEVNULL, stderr=PIPE))


@case
def run_big_output_both_pipes():
    script = "for i in 1 2 3 4 5 6; do head -c 1000000 /dev/zero; head -c 1000001 /dev/zero >&2; done"
    done = run(["sh", "-c", script], capture_output=True)
    print(done.returncode, len(done.stdout), len(done.stderr), set(done.stdout), set(done.stderr))


@case
def run_check_ok():
    print(run(["echo", "fine"], check=True, capture_output=True))


@case
def run_check_fails():
    run(["false"], check=True)


@case
def run_check_error_attributes():
    try:
        run(["sh", "-c", "echo out; echo err >&2; exit 2"], check=True, capture_output=True)
    except CalledProcessError as e:
        print(repr(e), "|", e, "|", e.returncode, e.cmd, e.output, e.stdout, e.stderr)


@case
def run_check_signal():
    run(["sh", "-c", "kill -9 $$"], check=True)


@case
def signal_returncodes():
    print(run(["sh", "-c", "kill -9 $$"]).returncode)
    print(run(["sh", "-c", "kill -TERM $$"]).returncode)
    print(run(["sh", "-c", "kill -USR1 $$"]).returncode)
    print(run(["sh", "-c", "kill -HUP $$"]))


@case
def called_process_error_forms():
    for e in [CalledProcessError(1, ["a", "b"], "out", "err"), CalledProcessError(1, ["false"]),
              CalledProcessError(-99, "x"), CalledProcessError(-9, "x"), CalledProcessError(-6, ["a"]),
              CalledProcessError(-34, "rt"), CalledProcessError(-64, "rt"), CalledProcessError(-35, "rt"),
              CalledProcessError(0, "zero"), CalledProcessError(255, "cmd with spaces")]:
        print(repr(e), "|", e, "|", e.returncode, e.cmd, e.output, e.stdout, e.stderr)
    print(isinstance(CalledProcessError(1, "x"), subprocess.SubprocessError), CalledProcessError.__mro__[1].__name__)


@case
def timeout_expired_forms():
    for e in [TimeoutExpired(["a"], 0.5), TimeoutExpired("sleep 5", 2.0, b"out", b"err"),
              TimeoutExpired(["sleep", "5"], 0.25, output=b"x")]:
        print(repr(e), "|", e, "|", e.cmd, e.timeout, e.output, e.stdout, e.stderr)


@case
def completed_process_forms():
    print(CompletedProcess(["a"], 0))
    print(CompletedProcess("a b", -9, b"", None))
    print(CompletedProcess(["a"], 1, None, "err"))
    print(CompletedProcess(["a"], 0, b"x", b"y").check_returncode())


@case
def completed_process_check_returncode():
    CompletedProcess(["a", "b"], 3, b"out", b"err").check_returncode()


@case
def completed_process_check_returncode_repr():
    try:
        CompletedProcess(["a", "b"], 3, b"out", b"err").check_returncode()
    except CalledProcessError as e:
        print(repr(e))


# ---------------------------------------------------------------- timeouts

@case
def run_timeout():
    try:
        run(["sleep", "5"], timeout=0.2)
    except TimeoutExpired as e:
        print(timeless(e), "|", e.timeout < 0.2, e.output, e.stderr)


@case
def run_timeout_with_output():
    try:
        run(["sh", "-c", "echo partial; echo oops >&2; exec sleep 5"], capture_output=True, timeout=1.5)
    except TimeoutExpired as e:
        print(e, "|", repr(e), "|", e.timeout, e.output, e.stdout, e.stderr)


@case
def call_timeout():
    try:
        call(["sleep", "5"], timeout=0.25)
    except TimeoutExpired as e:
        print(e, "|", repr(e))


@case
def popen_wait_timeout():
    p = Popen(["sleep", "5"])
    try:
        p.wait(timeout=0.25)
    except TimeoutExpired as e:
        print(e, "|", repr(e), e.output)
    print(p.returncode, p.poll())
    p.kill()
    print(p.wait(), p.returncode, p.poll())
    print(repr(p))


@case
def communicate_timeout_then_resume():
    p = Popen(["sh", "-c", "echo a; exec sleep 5"], stdin=PIPE, stdout=PIPE)
    try:
        p.communicate(timeout=1.5)
    except TimeoutExpired as e:
        print(e, "|", e.output, e.stderr)
    try:
        p.communicate(b"more")
    except ValueError as e:
        print(type(e).__name__, e)
    p.kill()
    print(p.communicate(), p.returncode)


# ---------------------------------------------------------------- call, check_call, check_output

@case
def call_forms():
    print(call(["sh", "-c", "exit 3"]), call(["true"]), call("false"), call("exit 4", shell=True))


@case
def call_rejects_input():
    call(["cat"], input=b"x")


@case
def check_call_ok():
    print(check_call(["true"]))


@case
def check_call_fails():
    check_call(["sh", "-c", "exit 3"])


@case
def check_call_error_repr():
    try:
        check_call(["sh", "-c", "exit 3"])
    except CalledProcessError as e:
        print(repr(e), e.output, e.stderr)


@case
def check_output_forms():
    print(check_output(["echo", "hi"]))
    print(repr(check_output(["printf", "a\\r\\nb"], text=True)))
    print(check_output(["sh", "-c", "echo out; echo err >&2"], stderr=STDOUT))
    print(check_output(["cat"], input=b"piped"))
    print(repr(check_output("echo $((6*7))", shell=True, text=True)))


@case
def check_output_fails():
    check_output(["sh", "-c", "echo partial; exit 5"])


@case
def check_output_error_attributes():
    try:
        check_output(["sh", "-c", "echo partial; exit 5"])
    except CalledProcessError as e:
        print(repr(e), e.output, e.stderr)


@case
def check_output_rejects_stdout():
    check_output(["echo"], stdout=PIPE)


@case
def check_output_rejects_check():
    check_output(["echo"], check=False)


@case
def getoutput_forms():
    print(repr(getoutput("echo hi")), repr(getoutput("printf 'a\\n\\n'")), repr(getoutput("echo err >&2")))
    print(getstatusoutput("echo hi"))
    print(getstatusoutput("exit 3"))
    print(getstatusoutput("kill $$"))
    print(getstatusoutput("cat /nonexistent"))
    print(getstatusoutput("printf 'caf\\303\\251'"))


# ---------------------------------------------------------------- arguments

@case
def shell_forms():
    print(run("echo $((1+2))", shell=True, capture_output=True))
    print(run(["echo $0 $1", "x", "y"], shell=True, capture_output=True))
    print(run("echo $0", shell=True, executable="/bin/sh", capture_output=True))


@case
def executable_sets_program_not_argv0():
    print(run(["whatever", "-c", "echo $0"], executable="/bin/sh", capture_output=True))


@case
def env_forms():
    path = os.environ["PATH"]
    print(run(["sh", "-c", "echo $FOO"], env={"FOO": "bar", "PATH": path}, capture_output=True))
    print(run(["env"], env={"A": "1"}, capture_output=True))
    print(run(["sh", "-c", "echo ${PATH:-unset}"], env={}, capture_output=True))


@case
def cwd_forms():
    print(run(["pwd"], cwd="/tmp", capture_output=True))
    print(run(["./true"], cwd="/bin", capture_output=True))


@case
def file_redirects():
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "out.txt")
        with open(path, "w") as f:
            print(run(["sh", "-c", "echo to-file; echo err-too >&2"], stdout=f, stderr=STDOUT))
        with open(path) as f:
            print(repr(f.read()))
        with open(path, "rb") as f:
            print(run(["cat"], stdin=f, capture_output=True))


@case
def text_mode_decoding():
    print(run(["printf", "a\\377\\r\\nb\\rc"], capture_output=True, text=True, errors="replace"))
    print(run(["printf", "a\\377"], capture_output=True, errors="backslashreplace"))
    print(run(["printf", "a\\377"], capture_output=True, errors="surrogateescape"))
    print(run(["printf", "caf\\351"], capture_output=True, encoding="latin-1"))
    print(run(["printf", "a\\377"], capture_output=True, text=True, errors="ignore"))
    print(run(["printf", "a\\r\\nb"], capture_output=True, universal_newlines=True))
    print(run(["true"], capture_output=True, text=False))


@case
def text_mode_strict_error():
    run(["printf", "ab\\377"], capture_output=True, text=True)


@case
def text_mode_truncated_utf8():
    run(["printf", "ab\\303"], capture_output=True, text=True)


@case
def text_mode_bad_continuation():
    run(["printf", "\\303("], capture_output=True, text=True)


@case
def text_mode_ascii_error():
    run(["printf", "\\303"], capture_output=True, encoding="ascii")


@case
def text_mode_unknown_handler():
    run(["printf", "a\\377"], capture_output=True, text=True, errors="nope")


@case
def text_mode_unknown_handler_unused():
    print(run(["printf", "fine"], capture_output=True, text=True, errors="nope"))


@case
def text_mode_unknown_encoding():
    run(["printf", "a"], capture_output=True, encoding="nope")


@case
def text_mode_bytes_input():
    run(["cat"], input=b"x", capture_output=True, text=True)


@case
def binary_mode_text_input():
    run(["cat"], input="x", capture_output=True)


@case
def text_and_universal_newlines_disagree():
    run(["true"], text=True, universal_newlines=False)


@case
def user_group_umask():
    print(run(["id", "-u"], user="nobody", capture_output=True))
    print(run(["id", "-u"], user=65534, capture_output=True))
    print(run(["id", "-g"], group="nogroup", capture_output=True))
    print(run(["id", "-G"], group=65534, extra_groups=[], capture_output=True))
    print(run(["id", "-G"], extra_groups=["nogroup", 0], capture_output=True))
    print(run(["sh", "-c", "umask"], umask=0o077, capture_output=True))
    print(run(["sh", "-c", "umask"], umask=0o022, capture_output=True))


@case
def user_unknown():
    run(["true"], user="nosuchuser")


@case
def group_unknown():
    run(["true"], group="nosuchgroup")


@case
def user_negative():
    run(["true"], user=-3)


@case
def group_negative():
    run(["true"], group=-1)


@case
def extra_group_negative():
    run(["true"], extra_groups=[-2])


@case
def session_and_process_group():
    probe = 'read a b c d pgrp sid rest < /proc/$$/stat; [ "$pgrp" = "$$" ] && echo group-leader; [ "$sid" = "$$" ] && echo session-leader; echo done'
    print(run(["sh", "-c", probe], capture_output=True, text=True).stdout.split())
    print(run(["sh", "-c", probe], capture_output=True, text=True, start_new_session=True).stdout.split())
    print(run(["sh", "-c", probe], capture_output=True, text=True, process_group=0).stdout.split())


# ---------------------------------------------------------------- bad arguments

@case
def input_and_stdin():
    run(["cat"], input=b"x", stdin=PIPE)


@case
def capture_and_stdout():
    run(["echo"], capture_output=True, stdout=PIPE)


@case
def capture_and_stderr():
    run(["echo"], capture_output=True, stderr=DEVNULL)


@case
def stdout_is_stdout():
    Popen(["true"], stdout=STDOUT)


@case
def popen_rejects_run_keywords():
    Popen(["true"], input=b"")


@case
def popen_rejects_capture_output():
    Popen(["true"], capture_output=True)


@case
def popen_rejects_timeout():
    Popen(["true"], timeout=1)


@case
def empty_args():
    run([])


@case
def env_name_with_equals():
    run(["true"], env={"A=B": "x"})


@case
def embedded_null():
    run(["tr\0ue"])


@case
def missing_program():
    run(["nosuch"])


@case
def missing_program_in_string():
    run("echo hi")


@case
def missing_program_with_path():
    run(["/nonexistent/prog", "x"])


@case
def not_executable():
    run(["/etc/passwd"])


@case
def directory_as_program():
    run(["/tmp"])


@case
def missing_cwd():
    run(["true"], cwd="/nonexistent")


@case
def cwd_not_a_directory():
    run(["true"], cwd="/etc/passwd")


@case
def missing_program_in_env_path():
    run(["sh", "-c", "true"], env={"PATH": "/nonexistent"})


@case
def missing_program_with_umask():
    run(["nosuch"], umask=0o022)


# ---------------------------------------------------------------- Popen

@case
def popen_pipes_and_with():
    with Popen(["cat"], stdin=PIPE, stdout=PIPE) as p:
        p.stdin.write(b"line1\n")
        p.stdin.close()
        print(p.stdout.read(), p.returncode)
    print(p.returncode, repr(p))


@case
def popen_communicate_forms():
    p = Popen(["cat"], stdin=PIPE, stdout=PIPE)
    print(p.communicate(b"abc"), p.returncode)
    p = Popen(["sh", "-c", "cat; echo e >&2"], stdin=PIPE, stdout=PIPE, stderr=PIPE, text=True)
    print(p.communicate("t\r\nx"), p.returncode, p.text_mode, p.universal_newlines, p.encoding, p.errors)
    p = Popen(["true"])
    print(p.communicate(), p.returncode)
    p = Popen(["sh", "-c", "echo e >&2"], stderr=PIPE)
    print(p.communicate(), p.returncode)
    p = Popen(["cat"], stdin=PIPE, stdout=DEVNULL)
    print(p.communicate(b"ignored"), p.returncode)
    p = Popen(["echo", "x"], stdout=PIPE)
    print(p.communicate(timeout=10), p.returncode)
    print(p.communicate(), p.returncode)


@case
def popen_signals():
    for sig in [signal.SIGTERM, signal.SIGKILL, signal.SIGUSR1, signal.SIGINT, signal.SIGHUP]:
        p = Popen(["sleep", "5"])
        p.send_signal(sig)
        print(p.wait(), p.returncode)
    p = Popen(["sleep", "5"])
    p.terminate()
    print(p.wait())
    p = Popen(["sleep", "5"])
    p.kill()
    print(p.wait())
    p.kill()
    p.terminate()
    p.send_signal(signal.SIGUSR1)
    print(p.returncode)


@case
def popen_signal_zero():
    p = Popen(["sleep", "5"])
    p.send_signal(0)
    print(p.poll())
    p.kill()
    print(p.wait())


@case
def popen_bad_signal():
    p = Popen(["sleep", "5"])
    try:
        p.send_signal(99)
    finally:
        p.kill()
        p.wait()


@case
def popen_reprs():
    p = Popen(["true"])
    print(repr(p))
    p.wait()
    print(repr(p))
    p = Popen(["echo", "x" * 100], stdout=DEVNULL)
    print(repr(p), len(repr(p)))
    p.wait()
    print(repr(p))
    p = Popen("true")
    print(repr(p), p.args)
    p.wait()
    p = Popen(["true"])
    p.wait()
    print(p.stdin, p.stdout, p.stderr, p.args, p.returncode, p.poll())


@case
def popen_exit_codes():
    for code in [0, 1, 2, 42, 127, 255]:
        p = Popen(["sh", "-c", f"exit {code}"])
        print(p.wait(), end=" ")
    print()


@case
def args_none():
    run(None)


@case
def args_item_none():
    run(["echo", None])


@case
def communicate_megabytes_in_and_out_at_once():
    p = Popen(["tee", "/dev/stderr"], stdin=PIPE, stdout=PIPE, stderr=PIPE)
    out, err = p.communicate(b"y" * 4_000_000, timeout=60)
    print(p.returncode, len(out), len(err), out == err == b"y" * 4_000_000)


@case
def getoutput_encoding_and_errors():
    print(repr(getoutput("printf 'caf\\351'", encoding="latin-1")))
    print(getstatusoutput("printf 'caf\\351'; exit 1", errors="replace"))
    print(getstatusoutput("printf 'a\\377'", encoding="utf-8", errors="backslashreplace"))


@case
def stdin_file_missing():
    run(["cat"], stdin=open("/nonexistent/in"))


@case
def stdout_file_is_directory():
    run(["echo"], stdout=open("/tmp", "w"))


@case
def env_none_value():
    run(["true"], env={"A": None})


@case
def env_none_key():
    run(["true"], env={None: "x"})


@case
def communicate_long_output():
    # 1.3 MB through a pipe, three times each way: read by the calling thread, and with a timeout
    import hashlib
    for _ in range(3):
        for timeout in (None, 60.0):
            out = Popen(["seq", "1", "200000"], stdout=PIPE).communicate(timeout=timeout)[0]
            print(len(out), hashlib.sha256(out).hexdigest(), out[:8], out[-8:])
