"""futures_process: reprs, results and errors of CPython 3.13's concurrent.futures.ProcessPoolExecutor."""
import os
import sys
import types
from concurrent import futures
from concurrent.futures import ProcessPoolExecutor as _PPE

from cases import case


def ProcessPoolExecutor(*args, **kwds):
    """ProcessPoolExecutor, with this script importable under its run name first (runpy removes
    it from sys.modules after the run; the forked workers look the functions up there)."""
    module = types.ModuleType(__name__)
    module.__dict__.update(globals())
    sys.modules[__name__] = module
    return _PPE(*args, **kwds)


def sq(x):
    return x * x


def add(a, b):
    return a + b


def boom(x):
    raise ValueError("boom %s" % x)


def die(x):
    os._exit(9)


def failing_init():
    raise ValueError("init failed")


@case
def ppe_repr():
    e = ProcessPoolExecutor(2)
    print(repr(e))
    e.shutdown()


@case
def ppe_zero():
    ProcessPoolExecutor(0)


@case
def ppe_negative():
    ProcessPoolExecutor(-1)


@case
def ppe_bad_max_tasks():
    ProcessPoolExecutor(1, mp_context=__import__("multiprocessing").get_context("spawn"), max_tasks_per_child=0)


@case
def submit_after_shutdown():
    e = ProcessPoolExecutor(1)
    e.shutdown()
    e.submit(sq, 2)


@case
def results():
    with ProcessPoolExecutor(2) as e:
        print(e.submit(sq, 7).result(), e.submit(add, 2, 3).result())
        print(list(e.map(sq, range(10))), list(e.map(sq, range(10), chunksize=3)), list(e.map(sq, [], chunksize=4)))
        print(list(e.map(add, range(5), range(10, 17), chunksize=2)))


@case
def task_exception():
    with ProcessPoolExecutor(1) as e:
        f = e.submit(boom, 1)
        print(type(f.exception()).__name__, f.exception())
        f.result()


@case
def map_exception():
    with ProcessPoolExecutor(1) as e:
        it = e.map(boom, range(3), chunksize=2)
        next(it)


@case
def map_bad_chunksize():
    with ProcessPoolExecutor(1) as e:
        e.map(sq, range(3), chunksize=0)


@case
def worker_dies():
    e = ProcessPoolExecutor(1)
    f = e.submit(die, 1)
    try:
        f.result()
    except futures.process.BrokenProcessPool as b:
        print(type(b).__module__, type(b).__name__, isinstance(b, futures.BrokenExecutor))
        print(b)
    try:
        e.submit(sq, 2)
    finally:
        e.shutdown()


def worker_pid(x):
    return os.getpid()


@case
def idle_worker_dies():
    import signal
    e = ProcessPoolExecutor(1)
    os.kill(e.submit(worker_pid, 0).result(), signal.SIGKILL)
    # the call races the executor's notice of the death: refused, or pending and failed; both break the pool
    try:
        e.submit(sq, 2).result(timeout=60)
    except futures.process.BrokenProcessPool as b:
        print(type(b).__name__)
    try:
        e.submit(sq, 2)
    finally:
        e.shutdown()


@case
def initializer_fails():
    import contextlib, io
    e = ProcessPoolExecutor(1, initializer=failing_init)
    with contextlib.redirect_stderr(io.StringIO()):
        f = e.submit(sq, 2)
        f.exception()
    e.shutdown()
    f.result()


greeting = None


def set_greeting(word, n):
    global greeting
    greeting = word * n


def get_greeting():
    return greeting


@case
def initializer_with_args():
    with ProcessPoolExecutor(1, initializer=set_greeting, initargs=("hi", 2)) as e:
        print(e.submit(get_greeting).result())
