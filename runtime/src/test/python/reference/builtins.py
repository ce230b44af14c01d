"""builtins: repr/str of the values and exceptions that Py and the exception classes format."""
from cases import case


@case
def repr_floats():
    for x in [1.0, 1e16, 1e15, 0.0001, 0.00001, 1.5e-7, 2e23, 0.1 + 0.2, float("inf"), -float("inf"),
              float("nan"), -0.0, 0.0, 123456789012345678.0, 1e22, 5e-324, 1.7976931348623157e308,
              -2.5, 100.0, 1234.5678, 0.1, 1/3, 9007199254740993.0]:
        print(repr(x))


@case
def repr_strings():
    for s in ["it's", 'say "hi"', "both ' and \"", "plain", "", "\x00\t\n\r\x7f\x80\xa0\u2028 é \U0001F600",
              "back\\slash", "\u200b\ue000\U0010ffff"]:
        print(repr(s))


@case
def repr_bytes():
    for b in [b"a'b\x00\xff\\", b'"', b"'\"", b"", b"\t\n\r\x7f"]:
        print(repr(b))


@case
def repr_containers():
    print(repr({1, 2}), repr(set()), repr({"k": 1}), repr({}), repr((1,)), repr(()), repr((1, "a")))
    print(repr([1, "a", None, True, False, 2.5]), repr([[1], (2,), {"x": [3]}]))
    x = [1]
    x.append(x)
    print(repr(x))


@case
def str_values():
    print(str("text"), str(None), str(True), str(1.0), str([1, "a"]), str((1,)))


@case
def print_args():
    print(1, "a", None, 2.5, [1, "b"], (1,))
    print()


@case
def exception_reprs():
    for e in [KeyError("x"), ValueError(), ValueError("a", 1), ValueError("boom"), RuntimeError("x"),
              TimeoutError(), KeyboardInterrupt(), SystemExit(3)]:
        print(repr(e), "|", str(e), "|", repr(e.args))


@case
def oserror_forms():
    e = FileNotFoundError(2, "No such file or directory", "nosuch")
    print(str(e), "|", repr(e), "|", e.errno, e.strerror, e.filename, e.args)
    e = OSError(2, "x")
    print(type(e).__name__, str(e), repr(e))
    e = OSError("plain")
    print(str(e), repr(e), e.errno)
    e = PermissionError(13, "Permission denied", "/etc/passwd")
    print(str(e))
    e = OSError(2, "No such file or directory", "a", None, "b")
    print(str(e))


@case
def lt_errors():
    for a, b in [(1, "a"), ((1, "a"), (1, 2)), (None, None), ([1], (1,))]:
        try:
            a < b
        except TypeError as e:
            print(e)


@case
def ordering():
    print(sorted([3, 1.5, True, 2, -1, 0.0]))
    print(sorted([(1, "b"), (1, "a"), (0, "z"), (1,)]))
    print(sorted(["b", "a", "B", "\ue000", "\U00010000"]))
    print(1 == 1.0, (1, 2) == (1.0, 2), [1] == (1,), float("nan") == float("nan"), True == 1)
    print(hash(1) == hash(1.0), hash((1, 2)) == hash((1.0, 2)))


@case
def sleep_negative():
    import time
    time.sleep(-1)


@case
def sleep_nan():
    import time
    time.sleep(float("nan"))


@case
def os_facts():
    import os
    print(os.getpid() > 0, os.getppid() > 0, os.cpu_count() >= os.process_cpu_count() >= 1)
    print(type(os.cpu_count()).__name__, type(os.process_cpu_count()).__name__)
