"""timeouts: what every timeout-taking API of CPython 3.13 does with odd float timeouts.

One case per API, one line per timeout: its repr, then '->' and the result's repr, or the
exception's name and str. Timeouts that would block (NaN where a Python loop spins on it, a
negative one on a held lock) are left out of the sweep and get a case of their own, where
another thread ends the wait.
"""
import contextlib
import io
import queue
import subprocess
import threading
import time
from concurrent import futures

from cases import case

NAN = float("nan")
INF = float("inf")
SWEEP = [-1.0, -0.5, 0.0, NAN, INF, -INF, 1e10, 9.3e9, 1e300, -1e300]


def sweep(fn, values=SWEEP):
    for v in values:
        try:
            print(repr(v), "->", repr(fn(v)))
        except Exception as e:  # noqa: B902 - the exception is the recorded output
            print(repr(v), type(e).__name__ + ":", e)


def no_nan(values=SWEEP):
    return [v for v in values if v == v]


def later(fn):
    """Runs fn on another thread once the caller is waiting (a Timer is enough for a recording)."""
    t = threading.Timer(0.05, fn)
    t.start()
    return t


# ------------------------------------------------------------------ time

@case
def sleep():
    sweep(time.sleep)


# ------------------------------------------------------------------ threading

@case
def lock_acquire():
    sweep(lambda v: threading.Lock().acquire(timeout=v))


@case
def lock_acquire_held():
    def held(v):
        lock = threading.Lock()
        lock.acquire()
        return lock.acquire(timeout=v)
    sweep(held, [v for v in SWEEP if v != -1.0])


@case
def rlock_acquire():
    sweep(lambda v: threading.RLock().acquire(timeout=v))


@case
def event_wait():
    sweep(lambda v: threading.Event().wait(v))


@case
def condition_wait():
    def wait(v):
        c = threading.Condition()
        with c:
            return c.wait(v)
    sweep(wait)


@case
def condition_wait_for():
    def wait_for(v):
        c = threading.Condition()
        with c:
            return c.wait_for(lambda: 0, v)
    sweep(wait_for, no_nan())


@case
def condition_wait_for_nan():
    c = threading.Condition()
    flag = []

    def notify():
        with c:
            flag.append(1)
            c.notify()
    t = later(notify)
    with c:
        print(c.wait_for(lambda: len(flag), NAN))
    t.join()


@case
def semaphore_acquire():
    sweep(lambda v: threading.Semaphore(0).acquire(timeout=v), no_nan())


@case
def semaphore_acquire_nan():
    s = threading.Semaphore(0)
    t = later(s.release)
    print(s.acquire(timeout=NAN))
    t.join()


@case
def thread_join():
    gate = threading.Event()
    t = threading.Thread(target=gate.wait)
    t.start()
    sweep(lambda v: (t.join(v), t.is_alive()))
    gate.set()
    t.join()


@case
def timer_interval():
    """The timer's own thread waits: an out-of-range interval ends it through threading.excepthook."""
    for v in [INF, 1e300, NAN, -1.0]:
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            t = threading.Timer(v, print, ["fired", repr(v)])
            t.start()
            t.join()
        lines = err.getvalue().splitlines()
        print(repr(v), lines[-1] if lines else None)


@case
def barrier_wait():
    sweep(lambda v: threading.Barrier(2).wait(v), no_nan())


@case
def barrier_default_timeout():
    sweep(lambda v: threading.Barrier(2, timeout=v).wait(), no_nan())


@case
def barrier_wait_nan():
    b = threading.Barrier(2)
    t = later(b.wait)
    print(b.wait(NAN) in (0, 1), b.broken)
    t.join()


# ------------------------------------------------------------------ queue

@case
def queue_get():
    sweep(lambda v: queue.Queue().get(timeout=v), no_nan())


@case
def queue_put():
    def put(v):
        q = queue.Queue(1)
        q.put(1)
        q.put(2, timeout=v)
    sweep(put, no_nan())


@case
def queue_get_nan():
    q = queue.Queue()
    t = later(lambda: q.put("item"))
    print(q.get(timeout=NAN))
    t.join()


@case
def simple_queue_get():
    sweep(lambda v: queue.SimpleQueue().get(timeout=v))


# ------------------------------------------------------------------ concurrent.futures

@case
def future_result():
    sweep(lambda v: futures.Future().result(v))


@case
def future_exception():
    sweep(lambda v: futures.Future().exception(v))


@case
def futures_wait():
    def wait(v):
        done, not_done = futures.wait([futures.Future()], v)
        return len(done), len(not_done)
    sweep(wait)


@case
def as_completed():
    sweep(lambda v: next(futures.as_completed([futures.Future()], v)), no_nan())


@case
def as_completed_nan():
    f = futures.Future()
    t = later(lambda: f.set_result("done"))
    print(next(futures.as_completed([f], NAN)).result())
    t.join()


@case
def executor_map():
    gate = threading.Event()
    with futures.ThreadPoolExecutor(1) as ex:
        sweep(lambda v: next(ex.map(lambda x: gate.wait(), [1], timeout=v)))
        gate.set()


# ------------------------------------------------------------------ subprocess

@case
def popen_wait_expired():
    p = subprocess.Popen(["sleep", "10"])
    sweep(p.wait, [-1.0, -0.5, 0.0, -INF, -1e300])
    p.kill()
    print(p.wait())


@case
def popen_wait_waits():
    sweep(lambda v: subprocess.Popen(["sleep", "0.2"]).wait(v), [NAN, INF, 1e10, 1e300])


@case
def run_nan():
    print(subprocess.run(["sleep", "1"], timeout=NAN))


@case
def run_capture():
    def run(v):
        return subprocess.run(["sleep", "10"], capture_output=True, timeout=v)
    sweep(run, [-1.0, 0.0, NAN, INF, -INF, 1e10, 9.3e9, 9.2e9, 1e300, -1e300, 1e7])


@case
def tiny_negative():
    """CPython rounds -1e-10 s away from zero (sleep, Lock) or towards +inf (SimpleQueue)."""
    for name, fn in [("sleep", time.sleep), ("lock", lambda v: threading.Lock().acquire(timeout=v)),
                     ("simple_queue", lambda v: queue.SimpleQueue().get(timeout=v))]:
        try:
            print(name, repr(fn(-1e-10)))
        except Exception as e:  # noqa: B902 - the exception is the recorded output
            print(name, type(e).__name__ + ":", e)
