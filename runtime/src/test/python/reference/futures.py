"""futures: reprs, return values, orders and error messages of CPython 3.13's concurrent.futures (thread side).

What the logger writes to stderr is printed as its first and last lines (the traceback's frames
differ between Python and Java); ids in "Future N in unexpected state" as N. Executor numbers
(ThreadPoolExecutor-N) are printed relative to the first executor of the case.
"""
import contextlib
import io
import re
import threading
from concurrent import futures
from concurrent.futures import Future, ThreadPoolExecutor

from cases import case


def logged(fn, *args):
    """Runs fn(*args) with stderr captured; prints what was logged: first line / last line."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        try:
            return fn(*args)
        finally:
            lines = err.getvalue().splitlines()
            lines = [re.sub(r"Future \d+ in", "Future N in", x) for x in lines]
            print("logged:", lines[0] if lines else None, "|", lines[-1] if len(lines) > 1 else None)


def boom(*args):
    raise ValueError("boom")


def finished(value):
    f = Future()
    f.set_result(value)
    return f


def failed(exc):
    f = Future()
    f.set_exception(exc)
    return f


def rel(name, base):
    return re.sub(r"ThreadPoolExecutor-(\d+)", lambda m: f"ThreadPoolExecutor-+{int(m[1]) - base}", name)


# ------------------------------------------------------------------ Future

@case
def future_states():
    f = Future()
    print(f, f.running(), f.done(), f.cancelled())
    print(f.set_running_or_notify_cancel(), f, f.running(), f.done(), f.cancelled(), f.cancel())
    f.set_result(42)
    print(f, f.running(), f.done(), f.cancelled(), f.cancel(), f.result(), f.exception(), f.result(0), f.exception(0))


@case
def future_reprs():
    for v in [1, None, "s", 2.5, [1], (1,), {}, True]:
        print(finished(v))
    for e in [ValueError("x"), KeyError("k"), ZeroDivisionError(), futures.CancelledError()]:
        print(failed(e))


@case
def future_cancel():
    f = Future()
    print(f.cancel(), f, f.cancelled(), f.done(), f.running(), f.cancel())
    print(f.set_running_or_notify_cancel(), f, f.cancelled(), f.done(), f.cancel())


@case
def future_result_of_exception():
    f = failed(ValueError("boom"))
    print(repr(f.exception()), repr(f.exception(0)))
    f.result()


@case
def future_result_cancelled():
    f = Future()
    f.cancel()
    f.result()


@case
def future_exception_cancelled():
    f = Future()
    f.cancel()
    f.exception()


@case
def future_result_timeout():
    Future().result(0.01)


@case
def future_exception_timeout():
    Future().exception(0)


@case
def future_result_negative_timeout():
    Future().result(-1)


@case
def future_result_overflow():
    Future().result(1e10)


@case
def future_result_done_overflow():
    print(finished(1).result(1e300), finished(1).exception(1e300))


@case
def future_set_result_twice():
    finished(1).set_result(2)


@case
def future_set_exception_after_result():
    finished(None).set_exception(ValueError())


@case
def future_set_result_cancelled():
    f = Future()
    f.cancel()
    f.set_result(1)


@case
def future_set_exception_notified():
    f = Future()
    f.cancel()
    f.set_running_or_notify_cancel()
    f.set_exception(ValueError())


@case
def future_set_running_twice():
    f = Future()
    f.set_running_or_notify_cancel()
    logged(f.set_running_or_notify_cancel)


@case
def future_set_running_finished():
    logged(finished(1).set_running_or_notify_cancel)


@case
def future_callbacks():
    f = Future()
    f.add_done_callback(lambda g: print("first", g is f, g))
    f.add_done_callback(lambda g: print("second", g.result()))
    print("set")
    f.set_result(7)
    f.add_done_callback(lambda g: print("immediate", g))
    c = Future()
    c.add_done_callback(lambda g: print("cancelled", g))
    print(c.cancel())
    c.add_done_callback(lambda g: print("again", g))
    print(c.set_running_or_notify_cancel())


@case
def future_callback_raises():
    f = Future()
    f.add_done_callback(boom)
    f.add_done_callback(lambda g: print("next callback runs"))
    logged(f.set_result, 1)
    logged(f.add_done_callback, boom)


@case
def future_callback_base_exception():
    f = finished(1)
    f.add_done_callback(lambda g: (_ for _ in ()).throw(KeyboardInterrupt("stop")))


@case
def exception_types():
    for cls in [futures.CancelledError, futures.InvalidStateError, futures.BrokenExecutor,
                futures.thread.BrokenThreadPool, futures._base.Error, futures.TimeoutError]:
        e = cls("m")
        print(f"{cls.__module__}.{cls.__qualname__}", cls.__mro__[1].__name__, repr(e), str(e),
              isinstance(e, RuntimeError), isinstance(e, Exception))
    print(futures.TimeoutError is TimeoutError, repr(futures.CancelledError()))


# ------------------------------------------------------------------ ThreadPoolExecutor

@case
def tpe_zero_workers():
    ThreadPoolExecutor(0)


@case
def tpe_negative_workers():
    ThreadPoolExecutor(max_workers=-1)


@case
def tpe_submit():
    with ThreadPoolExecutor(2) as e:
        print(e.submit(pow, 2, 10).result(), e.submit(lambda: None).result(), e.submit(str).result())
        f = e.submit(boom, 1)
        print(repr(f.exception()), f)
        print(e.submit(max, 3, 4, 5).result())


@case
def tpe_submit_raises():
    with ThreadPoolExecutor(1) as e:
        e.submit(boom).result()


@case
def tpe_thread_names():
    gate = threading.Barrier(2, timeout=10)

    def name():
        gate.wait()
        return threading.current_thread().name

    with ThreadPoolExecutor(3, "pool") as e:
        fs = [e.submit(name), e.submit(name)]
        print(sorted(f.result() for f in fs))
    with ThreadPoolExecutor(1) as e:
        base = int(e.submit(lambda: threading.current_thread().name).result().split("-")[1].split("_")[0])
    with ThreadPoolExecutor(1, thread_name_prefix="") as e:
        print(rel(e.submit(lambda: threading.current_thread().name).result(), base))
    with ThreadPoolExecutor(1) as e:
        print(rel(e.submit(lambda: threading.current_thread().name).result(), base))
    with ThreadPoolExecutor(1) as e:
        t = e.submit(threading.current_thread).result()
        print(type(t).__name__)


@case
def tpe_reuses_idle_worker():
    with ThreadPoolExecutor(4, "idle") as e:
        names = []
        for _ in range(5):
            names.append(e.submit(lambda: threading.current_thread().name).result())
        print(names)


@case
def tpe_submit_after_shutdown():
    e = ThreadPoolExecutor(1)
    e.shutdown()
    e.shutdown()
    e.submit(pow, 2, 2)


@case
def tpe_submit_after_context():
    with ThreadPoolExecutor(1) as e:
        pass
    e.submit(pow, 2, 2)


@case
def tpe_shutdown_runs_queued():
    gate = threading.Event()
    e = ThreadPoolExecutor(1)
    first = e.submit(gate.wait, 10)
    rest = [e.submit(pow, 2, i) for i in range(3)]
    gate.set()
    e.shutdown(wait=True)
    print(first.result(), [f.result() for f in rest], [f.done() for f in rest])


@case
def tpe_shutdown_cancel_futures():
    started, gate = threading.Event(), threading.Event()

    def hold():
        started.set()
        return gate.wait(10)

    e = ThreadPoolExecutor(1)
    first = e.submit(hold)
    started.wait(10)
    rest = [e.submit(pow, 2, i) for i in range(3)]
    e.shutdown(wait=False, cancel_futures=True)
    print(first.running(), [f.cancelled() for f in rest], rest[0])
    gate.set()
    e.shutdown(wait=True)
    print(first.result(), first, rest[0])


@case
def tpe_initializer():
    seen = []
    with ThreadPoolExecutor(1, initializer=seen.append, initargs=("init",)) as e:
        print(e.submit(len, seen).result(), seen)


@case
def tpe_initializer_fails():
    e = ThreadPoolExecutor(1, initializer=boom)
    f = logged(lambda: e.submit(pow, 2, 2).exception(10))
    print(repr(f), type(f).__module__, f)
    try:
        e.submit(pow, 2, 2)
    finally:
        e.shutdown()


# ------------------------------------------------------------------ map

@case
def map_results():
    with ThreadPoolExecutor(2) as e:
        print(list(e.map(pow, [2, 3, 4], [5, 6])))
        print(list(e.map(str, [])), list(e.map(abs, [-1, -2], timeout=10, chunksize=5)))
        print(list(e.map(lambda a, b, c: a + b + c, [1], [2], [3])))


@case
def map_raises_at_failing_item():
    with ThreadPoolExecutor(2) as e:
        got = []
        try:
            for r in e.map(lambda x: 10 // x, [5, 2, 0, 1]):
                got.append(r)
        finally:
            print(got)


@case
def map_timeout():
    gate = threading.Event()
    with ThreadPoolExecutor(2) as e:
        got = []
        try:
            for r in e.map(lambda x: x if x < 2 else gate.wait(10), [0, 1, 2], timeout=0.1):
                got.append(r)
        finally:
            print(got)
            gate.set()


# ------------------------------------------------------------------ wait / as_completed

@case
def wait_all_done():
    f = finished(1)
    print(futures.wait([f, f]))
    print(futures.wait([]))
    print(futures.wait([f], return_when=futures.FIRST_COMPLETED))
    print(futures.wait([f], timeout=0, return_when="bogus"))


@case
def wait_timeout():
    print(futures.wait([Future()], timeout=0.01))
    print(futures.wait([Future()], timeout=-1))


@case
def wait_cancelled_not_notified():
    f = Future()
    f.cancel()
    r = futures.wait([f], timeout=0)
    print(r, len(r.done), len(r.not_done))
    f.set_running_or_notify_cancel()
    print(futures.wait([f], timeout=0))


@case
def wait_first_completed():
    done, pending = finished(1), Future()
    r = futures.wait([pending, done], return_when=futures.FIRST_COMPLETED)
    print(r.done == {done}, r.not_done == {pending})
    p2 = Future()
    threading.Thread(target=p2.set_result, args=(5,)).start()
    r = futures.wait([pending, p2], timeout=10, return_when=futures.FIRST_COMPLETED)
    print(r.done == {p2}, r.not_done == {pending})


@case
def wait_first_exception():
    ok, bad, pending = finished(1), failed(ValueError()), Future()
    r = futures.wait([ok, bad, pending], return_when=futures.FIRST_EXCEPTION)
    print(r.done == {ok, bad}, r.not_done == {pending})
    r = futures.wait([ok, pending], timeout=0.01, return_when=futures.FIRST_EXCEPTION)
    print(r.done == {ok}, r.not_done == {pending})
    later = Future()
    threading.Thread(target=later.set_exception, args=(KeyError(),)).start()
    r = futures.wait([ok, pending, later], timeout=10, return_when=futures.FIRST_EXCEPTION)
    print(r.done == {ok, later}, r.not_done == {pending})


@case
def wait_all_completed_threads():
    gate = threading.Event()
    with ThreadPoolExecutor(3) as e:
        fs = [e.submit(gate.wait, 10), e.submit(pow, 2, 3), e.submit(boom)]
        fs[1].exception(10), fs[2].exception(10)
        r = futures.wait(fs, timeout=0.05)
        print(len(r.done), r.not_done == {fs[0]})
        gate.set()
        r = futures.wait(fs)
        print(len(r.done), r.not_done, [f.done() for f in fs])


@case
def wait_invalid_condition():
    futures.wait([Future()], return_when="bogus")


@case
def as_completed_done():
    a, b = finished(1), failed(ValueError())
    print(sorted(repr(f).split(" state=")[1] for f in futures.as_completed([a, b, a, b])))
    print(list(futures.as_completed([])))


@case
def as_completed_order():
    a, b, c = Future(), Future(), Future()
    it = futures.as_completed([a, b, c], timeout=10)
    threading.Thread(target=b.set_result, args=("b",)).start()
    print(next(it).result())
    c.set_exception(KeyError("c"))
    print(next(it))
    a.cancel()
    a.set_running_or_notify_cancel()
    print(next(it))
    print(list(it))


@case
def as_completed_timeout():
    a = Future()
    for f in futures.as_completed([finished(1), a], timeout=0.05):
        print(f)


@case
def as_completed_timeout_one():
    list(futures.as_completed([Future()], timeout=0))


@case
def as_completed_cancelled_not_notified():
    f = Future()
    f.cancel()
    list(futures.as_completed([f], timeout=0.01))


@case
def tpe_cancel_queued():
    started, gate = threading.Event(), threading.Event()

    def hold():
        started.set()
        return gate.wait(10)

    with ThreadPoolExecutor(1) as e:
        first = e.submit(hold)
        started.wait(10)
        second = e.submit(pow, 2, 2)
        print(first.cancel(), second.cancel(), second, first.running())
        it = futures.as_completed([second], timeout=10)
        gate.set()
        print(next(it) is second, second, first.result())


@case
def tpe_worker_unexpected_state():
    started, gate = threading.Event(), threading.Event()

    def hold():
        started.set()
        return gate.wait(10)

    e = ThreadPoolExecutor(1)
    first = e.submit(hold)
    started.wait(10)
    second = e.submit(pow, 2, 2)
    second.set_result(5)

    def finish():
        gate.set()
        e.shutdown()

    logged(finish)
    print(first.result(), second.result())


# ------------------------------------------------------------------ None where an object is expected

@case
def submit_none():
    with ThreadPoolExecutor(1) as ex:
        f = ex.submit(None)
        e = f.exception()
        print(f.done(), type(e).__name__, e)


@case
def wait_none():
    futures.wait(None)


@case
def wait_none_timeout():
    futures.wait(None, 1)


@case
def wait_none_future():
    futures.wait([None])


@case
def as_completed_none():
    next(futures.as_completed(None))
