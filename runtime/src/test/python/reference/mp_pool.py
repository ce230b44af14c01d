"""mp_pool: reprs, results, orders and error messages of CPython 3.13's multiprocessing.pool.ThreadPool.

Thread numbers (Thread-N) are printed relative to a thread created just before the pool.
"""
import re
import threading
from multiprocessing import TimeoutError
from multiprocessing.pool import ThreadPool

from cases import case


def sq(x):
    return x * x


def add(a, b):
    return a + b


def boom(x):
    raise ValueError("boom %s" % x)


def rel(name, base):
    return re.sub(r"Thread-(\d+)", lambda m: f"Thread-+{int(m[1]) - base}", name)


def base():
    t = threading.Thread(target=sq)
    return int(re.match(r"Thread-(\d+)", t.name)[1])


@case
def pool_reprs():
    p = ThreadPool(2)
    print(p)
    p.close()
    print(p)
    p.join()
    print(p)
    p.terminate()
    print(p)
    q = ThreadPool(1)
    q.terminate()
    print(q)
    q.join()


@case
def pool_zero():
    ThreadPool(0)


@case
def pool_negative():
    ThreadPool(-3)


@case
def apply_after_close():
    p = ThreadPool(1)
    p.close()
    try:
        p.apply(sq, (2,))
    finally:
        p.join()


@case
def map_after_terminate():
    p = ThreadPool(1)
    p.terminate()
    try:
        p.map(sq, [1])
    finally:
        p.join()


@case
def imap_after_close():
    p = ThreadPool(1)
    p.close()
    try:
        p.imap(sq, [1])
    finally:
        p.join()


@case
def join_running():
    p = ThreadPool(1)
    try:
        p.join()
    finally:
        p.terminate()


@case
def enter_after_close():
    p = ThreadPool(1)
    p.close()
    try:
        with p:
            pass
    finally:
        p.join()


@case
def results():
    with ThreadPool(2) as p:
        print(p.apply(sq, (7,)), p.apply(add, (2, 3)))
        print(p.map(sq, range(10)), p.map(sq, range(10), 3), p.map(sq, []))
        print(p.starmap(add, [(1, 2), (3, 4)]), p.starmap(add, []))
        print(list(p.imap(sq, range(5))), list(p.imap(sq, range(7), 3)), list(p.imap(sq, [])))
        print(sorted(p.imap_unordered(sq, range(5))), sorted(p.imap_unordered(sq, range(7), 2)))
        r = p.apply_async(add, (1, 2))
        print(r.get(), r.ready(), r.successful(), r.wait(), r.get(5))
        m = p.map_async(sq, [1, 2, 3], 1)
        print(m.get(), m.ready(), m.successful())
        s = p.starmap_async(add, [(1, 1)])
        print(s.get())


@case
def result_types():
    with ThreadPool(1) as p:
        print(type(p.apply_async(sq, (1,))).__name__, type(p.map_async(sq, [1])).__name__,
              type(p.starmap_async(add, [(1, 2)])).__name__, type(p.imap(sq, [1])).__name__,
              type(p.imap_unordered(sq, [1])).__name__)


@case
def apply_raises():
    with ThreadPool(1) as p:
        p.apply(boom, (1,))


@case
def map_raises_first():
    with ThreadPool(1) as p:
        r = p.map_async(boom, [1, 2, 3], 1)
        r.wait()
        print(r.ready(), r.successful())
        r.get()


@case
def imap_raises_in_order():
    with ThreadPool(2) as p:
        it = p.imap(lambda x: boom(x) if x == 2 else x, range(4))
        print(next(it), next(it))
        try:
            next(it)
        except ValueError as e:
            print("raised", e)
        print(next(it))


@case
def imap_iterable_raises():
    def gen():
        yield 1
        yield 2
        raise KeyError("gen")
    with ThreadPool(1) as p:
        it = p.imap(sq, gen())
        print(next(it), next(it))
        next(it)


@case
def map_iterable_raises():
    def gen():
        yield 1
        raise KeyError("gen")
    with ThreadPool(1) as p:
        p.map(sq, gen())


@case
def imap_chunksize_zero():
    with ThreadPool(1) as p:
        p.imap(sq, [1], 0)


@case
def imap_unordered_chunksize_zero():
    with ThreadPool(1) as p:
        p.imap_unordered(sq, [1], -2)


@case
def successful_not_ready():
    ev = threading.Event()
    with ThreadPool(1) as p:
        r = p.apply_async(ev.wait)
        try:
            r.successful()
        finally:
            ev.set()
            r.wait()


@case
def get_timeout():
    ev = threading.Event()
    with ThreadPool(1) as p:
        r = p.apply_async(ev.wait)
        try:
            print(r.wait(0.01), r.ready())
            r.get(0.01)
        except TimeoutError as e:
            print(type(e).__module__, type(e).__name__, repr(e), isinstance(e, OSError))
            raise
        finally:
            ev.set()
            r.wait()


@case
def imap_next_timeout():
    ev = threading.Event()
    with ThreadPool(1) as p:
        it = p.imap(lambda x: ev.wait(), [1])
        try:
            it.next(0.01)
        finally:
            ev.set()
            print(next(it))


@case
def callbacks():
    b = base()
    seen = []
    ev = threading.Event()
    with ThreadPool(2) as p:
        r = p.apply_async(sq, (4,), callback=lambda v: seen.append(("cb", v, rel(threading.current_thread().name, b))))
        r.wait()
        r = p.apply_async(boom, (5,), error_callback=lambda e: seen.append(("err", repr(e), rel(threading.current_thread().name, b))))
        r.wait()
        r = p.map_async(sq, [1, 2], callback=lambda v: seen.append(("map", v)))
        r.wait()
        r = p.map_async(lambda x: boom(x) if x == 1 else x, [1, 2], 1, error_callback=lambda e: seen.append(("maperr", repr(e))))
        r.wait()
        r = p.starmap_async(add, [(1, 2)], callback=lambda v: seen.append(("star", v)))
        r.wait()
        r = p.map_async(sq, [], callback=lambda v: seen.append(("empty", v)))
        r.wait()
    for s in seen:
        print(s)


@case
def thread_names():
    b = base()
    p = ThreadPool(2)
    names = sorted(rel(t.name, b) for t in threading.enumerate() if t is not threading.current_thread())
    print(names, [type(t).__name__ for t in p._pool], [t.daemon for t in p._pool])
    p.close()
    p.join()
    print([t.name for t in threading.enumerate() if t is not threading.current_thread()])


@case
def close_runs_pending():
    ev = threading.Event()
    p = ThreadPool(1)
    first = p.apply_async(ev.wait)
    rest = p.map_async(sq, range(4), 1)
    p.close()
    ev.set()
    p.join()
    print(first.get(), rest.get(), p)


@case
def terminate_drops_pending():
    ev = threading.Event()
    started = threading.Event()
    p = ThreadPool(1)
    first = p.apply_async(lambda: (started.set(), ev.wait()))
    started.wait()
    rest = p.apply_async(sq, (3,))
    p.terminate()
    ev.set()
    p.join()
    print(first.ready(), rest.ready(), p)


@case
def initializer_runs_per_worker():
    seen = []
    lock = threading.Lock()
    def init(a, b):
        with lock:
            seen.append((a, b))
    with ThreadPool(3, init, ("x", 1)) as p:
        p.map(sq, range(3))
    print(seen)


@case
def chunks():
    calls = []
    def rec(x):
        calls.append((threading.current_thread().name != "", x))
        return x
    with ThreadPool(2) as p:
        r = p.map_async(rec, range(10))
        print(r._chunksize, r.get())
        print(p.map_async(rec, range(100))._chunksize, p.map_async(rec, range(7))._chunksize, p.map_async(rec, [])._chunksize)


@case
def imap_chunked_raise_ends():
    with ThreadPool(1) as p:
        it = p.imap(lambda x: boom(x) if x == 2 else x, range(6), 2)
        out = []
        try:
            for x in it:
                out.append(x)
        except ValueError as e:
            out.append(str(e))
        print(out, list(it))
