"""The harness behind every expected output in runtime's unit tests.

A reference script in reference/ defines cases with @case; record.py runs each in
python3.13 and stores, per case, what it printed and the exception it raised (type name and
str), as JSON under src/test/resources/cpython/. Java tests read them through
dev.pyconcurrent.testing.CPython, so no expected output is typed by hand.
"""
import contextlib
import io
import re

CASES = {}


def case(fn):
    CASES[fn.__name__] = fn
    return fn


def normalize(text):
    """What varies between runs: memory addresses."""
    return re.sub(r"0x[0-9a-fA-F]+", "0x…", text)


def run_all():
    results = {}
    for name, fn in CASES.items():
        out = io.StringIO()
        exception = None
        with contextlib.redirect_stdout(out):
            try:
                fn()
            except BaseException as e:  # noqa: B902 - recording what CPython raises is the point
                exception = {"type": type(e).__name__, "message": normalize(str(e))}
        results[name] = {"stdout": normalize(out.getvalue()), "exception": exception}
    return results
