"""threading: reprs, return values and error messages of CPython 3.13's threading module.

Thread numbers are printed relative to a probe thread's (Thread-+1 ...), idents as IDENT,
since both differ between runs and between the Java and Python test orders.
"""
import contextlib
import io
import re
import threading
import _thread

from cases import case


def rel(text, base):
    return re.sub(r"(Thread|Dummy)-(\d+)", lambda m: f"{m[1]}-+{int(m[2]) - base}", text)


def base():
    return int(threading.Thread().name.split("-")[1])


def noident(text, *threads):
    for t in threads:
        if t.ident is not None:
            text = text.replace(str(t.ident), "IDENT")
    return text


def worker(*args):
    print("worker", *args)


def gatekeeper(gate):
    gate.wait()


# ------------------------------------------------------------------ Lock

@case
def lock_repr():
    lock = threading.Lock()
    print(lock)
    lock.acquire()
    print(lock, lock.locked())
    lock.release()
    print(lock, lock.locked())


@case
def lock_release_unlocked():
    threading.Lock().release()


@case
def lock_nonblocking_timeout():
    threading.Lock().acquire(False, 1)


@case
def lock_negative_timeout():
    threading.Lock().acquire(timeout=-2)


@case
def lock_nan_timeout():
    threading.Lock().acquire(timeout=float("nan"))


@case
def lock_overflow_timeout():
    threading.Lock().acquire(timeout=1e10)


@case
def lock_acquire_forms():
    lock = threading.Lock()
    print(lock.acquire(), lock.acquire(False), lock.acquire(True, 0), lock.acquire(timeout=0.01),
          lock.acquire(blocking=False, timeout=-1))
    t = threading.Thread(target=lock.release)
    t.start()
    t.join()
    print(lock.locked(), lock.acquire(False, -1), lock.acquire(timeout=9223372036.5 if False else 0))
    lock.release()
    with lock:
        print("in with", lock.locked())
    print(lock.locked(), threading.TIMEOUT_MAX)


# ------------------------------------------------------------------ RLock

@case
def rlock_repr():
    r = threading.RLock()
    print(r)
    r.acquire()
    r.acquire()
    print(noident(repr(r), threading.current_thread()), r._is_owned(), r._recursion_count())
    r.release()
    print(noident(repr(r), threading.current_thread()), r._recursion_count())
    r.release()
    print(r, r._is_owned(), r._recursion_count())


@case
def rlock_release_unowned():
    threading.RLock().release()


@case
def rlock_nonblocking_timeout():
    threading.RLock().acquire(False, 1)


@case
def rlock_negative_timeout():
    threading.RLock().acquire(timeout=-2)


@case
def rlock_other_thread():
    r = threading.RLock()
    with r:
        def other():
            print(r.acquire(False), r.acquire(timeout=0.01), r._is_owned(), r._recursion_count())
            try:
                r.release()
            except RuntimeError as e:
                print("RuntimeError", e)
        t = threading.Thread(target=other)
        t.start()
        t.join()
    t = threading.Thread(target=lambda: print(r.acquire(False), r._recursion_count()))
    t.start()
    t.join()


# ------------------------------------------------------------------ Condition

@case
def condition_repr():
    print(threading.Condition())
    print(threading.Condition(threading.Lock()))


@case
def condition_wait_unacquired():
    threading.Condition().wait()


@case
def condition_wait_timeout_unacquired():
    threading.Condition().wait(1)


@case
def condition_notify_unacquired():
    threading.Condition().notify()


@case
def condition_notify_all_unacquired():
    threading.Condition(threading.Lock()).notify_all()


@case
def condition_wait_overflow():
    c = threading.Condition()
    with c:
        c.wait(1e10)


@case
def condition_timeouts():
    c = threading.Condition()
    with c:
        print(c.wait(0.01), c.wait(0), c.wait(-1), c.wait(float("nan")))
        print(repr(c.wait_for(lambda: 0, 0.01)), repr(c.wait_for(lambda: "x")), repr(c.wait_for(lambda: [], 0)),
              repr(c.wait_for(lambda: None, -1)))
        c.notify(0)
        c.notify(-1)
        c.notify()
        c.notify_all()
    print(c.acquire(), c.acquire(False))
    c.release()
    c.release()


@case
def condition_notify():
    c = threading.Condition()
    ready = threading.Event()
    woken = []

    def waiter(n):
        with c:
            ready.set()
            woken.append((n, c.wait()))

    threads = []
    for n in range(3):
        ready.clear()
        t = threading.Thread(target=waiter, args=(n,))
        t.start()
        threads.append(t)
        ready.wait()
    with c:
        me = threading.current_thread()
        print(noident(repr(c), me))
        c.notify()
        print(noident(repr(c), me))
        c.notify(5)
        print(noident(repr(c), me))
    for t in threads:
        t.join()
    print(sorted(woken))


@case
def condition_wait_for_other_thread():
    c = threading.Condition(threading.Lock())
    items = []

    def producer():
        for i in range(3):
            with c:
                items.append(i)
                c.notify()

    t = threading.Thread(target=producer)
    with c:
        t.start()
        print(c.wait_for(lambda: len(items) == 3 and items, 10))
    t.join()


# ------------------------------------------------------------------ Semaphore

@case
def semaphore_repr():
    s = threading.Semaphore(2)
    b = threading.BoundedSemaphore(2)
    print(s, b, threading.Semaphore())
    s.acquire()
    b.acquire()
    print(s, b, s._value)


@case
def semaphore_negative():
    threading.Semaphore(-1)


@case
def bounded_semaphore_negative():
    threading.BoundedSemaphore(-1)


@case
def semaphore_release_zero():
    threading.Semaphore().release(0)


@case
def bounded_semaphore_release_zero():
    threading.BoundedSemaphore().release(0)


@case
def semaphore_nonblocking_timeout():
    threading.Semaphore().acquire(False, 1)


@case
def bounded_semaphore_overrelease():
    threading.BoundedSemaphore(1).release()


@case
def bounded_semaphore_overrelease_n():
    b = threading.BoundedSemaphore(2)
    b.acquire()
    b.release(2)


@case
def semaphore_overflow():
    threading.Semaphore(0).acquire(timeout=1e10)


@case
def semaphore_forms():
    s = threading.Semaphore(2)
    print(s.acquire(), s.acquire(timeout=1e10), s.acquire(False), s.acquire(timeout=0.01), s.acquire(timeout=0),
          s.acquire(timeout=-1))
    s.release(2)
    print(s)
    with s:
        print("in with", s)
    print(s)
    b = threading.BoundedSemaphore(3)
    b.acquire()
    b.acquire()
    b.release(2)
    with b:
        print(b)
    print(b)


@case
def semaphore_other_thread():
    s = threading.Semaphore(0)
    got = []
    t = threading.Thread(target=lambda: got.append(s.acquire(timeout=10)))
    t.start()
    s.release()
    t.join()
    print(got, s)


# ------------------------------------------------------------------ Event

@case
def event_forms():
    e = threading.Event()
    print(e, e.is_set(), e.wait(0.01), e.wait(0), e.wait(-1), e.wait(float("nan")))
    e.set()
    print(e, e.is_set(), e.wait(), e.wait(1e10), e.wait(0), e.wait(-1))
    e.clear()
    print(e, e.is_set())


@case
def event_overflow():
    threading.Event().wait(1e10)


@case
def event_other_thread():
    e = threading.Event()
    got = []
    threads = [threading.Thread(target=lambda: got.append(e.wait(10))) for _ in range(3)]
    for t in threads:
        t.start()
    e.set()
    for t in threads:
        t.join()
    print(got)


# ------------------------------------------------------------------ Barrier

@case
def barrier_zero():
    threading.Barrier(0)


@case
def barrier_negative():
    threading.Barrier(-1)


@case
def barrier_repr():
    b = threading.Barrier(3)
    print(b, b.parties, b.n_waiting, b.broken)
    b.abort()
    print(b, b.parties, b.n_waiting, b.broken)
    b.reset()
    print(b, b.broken)


@case
def barrier_aborted_wait():
    b = threading.Barrier(2)
    b.abort()
    b.wait()


@case
def barrier_timeout():
    b = threading.Barrier(2)
    try:
        b.wait(0.01)
    except threading.BrokenBarrierError as e:
        print(repr(e), str(e) == "", isinstance(e, RuntimeError), b.broken, b.n_waiting)
    b.reset()
    print(b.broken, b)


@case
def barrier_default_timeout():
    b = threading.Barrier(2, timeout=-1)
    try:
        b.wait()
    except threading.BrokenBarrierError as e:
        print(repr(e), b.broken)


@case
def barrier_cycle():
    seen = []
    b = threading.Barrier(3, action=lambda: seen.append("action"))
    indexes = []

    def party():
        indexes.append(b.wait(10))
        indexes.append(b.wait(10))

    threads = [threading.Thread(target=party) for _ in range(2)]
    for t in threads:
        t.start()
    indexes.append(b.wait(10))
    indexes.append(b.wait(10))
    for t in threads:
        t.join()
    print(sorted(indexes), seen, b)


@case
def barrier_action_error():
    def boom():
        raise ValueError("boom")
    b = threading.Barrier(1, action=boom)
    try:
        b.wait()
    except ValueError as e:
        print("ValueError", e, b.broken)


@case
def barrier_reset_waiting():
    b = threading.Barrier(2)
    results = []

    def party():
        try:
            b.wait(10)
            results.append("passed")
        except threading.BrokenBarrierError:
            results.append("broken")

    t = threading.Thread(target=party)
    t.start()
    while b.n_waiting == 0:
        threading.Event().wait(0.001)
    b.reset()
    t.join()
    print(results, b.broken, b)
    t = threading.Thread(target=party)
    t.start()
    print(b.wait(10) in (0, 1))
    t.join()
    print(results)


# ------------------------------------------------------------------ Thread

class MyThread(threading.Thread):
    def run(self):
        print("MyThread.run", self.name == threading.current_thread().name)


@case
def thread_names():
    n = base()
    names = [threading.Thread(target=worker).name,
             threading.Thread(target=lambda: None).name,
             threading.Thread().name,
             threading.Thread(target=worker, name="w").name,
             threading.Timer(1, worker).name,
             MyThread().name,
             threading.Thread(target=worker).name]
    print(rel(str(names), n))


@case
def thread_reprs():
    n = base()
    gate = threading.Event()
    t = threading.Thread(target=gatekeeper, args=(gate,))
    d = threading.Thread(target=gatekeeper, args=(gate,), daemon=True)
    print(rel(repr(t), n), rel(repr(d), n), t.ident, t.native_id, t.daemon, d.daemon, t.is_alive())
    t.start()
    d.start()
    print(rel(noident(repr(t), t), n), rel(noident(repr(d), d), n), t.is_alive(), type(t.ident).__name__,
          type(t.native_id).__name__)
    gate.set()
    t.join()
    d.join()
    print(rel(noident(repr(t), t), n), rel(noident(repr(d), d), n), t.is_alive())
    m = MyThread(name="mine")
    print(m)
    m.start()
    m.join()
    print(noident(repr(m), m))


@case
def thread_start_twice():
    t = threading.Thread()
    t.start()
    t.join()
    t.start()


@case
def thread_join_unstarted():
    threading.Thread().join()


@case
def thread_join_current():
    threading.current_thread().join()


@case
def thread_daemon_active():
    t = threading.Thread()
    t.start()
    t.join()
    t.daemon = True


@case
def thread_main_daemon():
    threading.main_thread().daemon = False


@case
def thread_join_nan():
    t = threading.Thread()
    t.start()
    t.join(float("nan"))


@case
def thread_join_overflow():
    t = threading.Thread()
    t.start()
    t.join(1e10)


@case
def thread_join_timeout():
    gate = threading.Event()
    t = threading.Thread(target=gate.wait)
    t.start()
    t.join(0.01)
    print(t.is_alive())
    t.join(-1)
    print(t.is_alive())
    gate.set()
    t.join(10)
    print(t.is_alive())
    t.join()
    t.join(0)


@case
def thread_args_and_run():
    t = threading.Thread(target=worker, args=(1, "a"))
    t.start()
    t.join()
    t = threading.Thread(target=worker, args=(1,))
    t.run()
    threading.Thread().run()
    print("done")


@case
def thread_run_twice():
    t = threading.Thread(target=worker, args=(1,))
    t.run()
    t.run()


@case
def thread_setters():
    n = base()
    t = threading.Thread(target=worker)
    u = threading.Thread(target=worker)
    t.name = "renamed"
    t.daemon = True
    print(t.name, t.daemon, t, rel(u.name, n))
    t.name = "5"
    print(repr(t.name), rel(threading.Thread(target=worker).name, n))
    v = threading.Thread(target=worker, name="given")
    print(v.name, rel(threading.Thread(target=worker).name, n))


@case
def main_thread_seen_from_it():
    # the kernel's cells run on Python's main thread (KernelTest.aCellsThreadIsPythonsMainThread)
    print(threading.current_thread() is threading.main_thread(), threading.current_thread().name,
          threading.Thread(target=worker).daemon, threading.main_thread().native_id == threading.get_native_id())


@case
def thread_current_and_main():
    me = threading.current_thread()
    main = threading.main_thread()
    print(me is main, main.name, main.daemon, main.is_alive(), noident(repr(main), main))
    print(type(threading.get_ident()).__name__, threading.get_ident() == main.ident,
          threading.get_native_id() == main.native_id)
    seen = []

    def inside():
        cur = threading.current_thread()
        seen.append((cur is t, cur.ident == threading.get_ident(), cur.native_id == threading.get_native_id(),
                     cur.native_id != main.native_id, cur.ident != main.ident))

    t = threading.Thread(target=inside)
    t.start()
    t.join()
    print(seen)


@case
def thread_enumerate():
    before = threading.active_count()
    gate = threading.Event()
    t = threading.Thread(target=gate.wait)
    t.start()
    print(threading.active_count() - before, t in threading.enumerate(), threading.main_thread() in threading.enumerate())
    gate.set()
    t.join()
    print(threading.active_count() - before, t in threading.enumerate(), len(threading.enumerate()) == before)


@case
def thread_dummy():
    n = base()
    out = []
    done = threading.Event()

    def foreign():
        cur = threading.current_thread()
        out.append(rel(noident(repr(cur), cur), n))
        out.append((cur.name == threading.current_thread().name, cur.daemon, cur.is_alive(),
                    cur is threading.current_thread(), cur in threading.enumerate()))
        try:
            cur.join()
        except RuntimeError as e:
            out.append(str(e))
        done.set()

    _thread.start_new_thread(foreign, ())
    done.wait(10)
    print(out)


@case
def thread_default_daemon():
    out = []

    def inner():
        out.append(threading.Thread().daemon)

    d = threading.Thread(target=inner, daemon=True)
    d.start()
    d.join()
    t = threading.Thread(target=inner)
    t.start()
    t.join()
    print(out, threading.Thread().daemon)


# ------------------------------------------------------------------ excepthook

def boom(message):
    raise ValueError(message)


@case
def excepthook_default():
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        t = threading.Thread(target=boom, args=("bad",), name="Worker")
        t.start()
        t.join()
        t = threading.Thread(target=lambda: (_ for _ in ()).throw(SystemExit(3)))
        t.start()
        t.join()
    lines = err.getvalue().splitlines()
    print(lines[0], lines[1], lines[-1], sep="\n")
    print(threading.excepthook is threading.__excepthook__)


@case
def excepthook_custom():
    n = base()
    seen = []

    def hook(args):
        seen.append((args.exc_type.__name__, str(args.exc_value), args.exc_traceback is not None,
                     rel(args.thread.name, n), args.exc_value.__class__ is args.exc_type))

    threading.excepthook = hook
    try:
        t = threading.Thread(target=boom, args=("x",))
        t.start()
        t.join()
        t = threading.Thread(target=lambda: (_ for _ in ()).throw(SystemExit(3)))
        t.start()
        t.join()
        print(t.is_alive())
    finally:
        threading.excepthook = threading.__excepthook__
    print(seen)


@case
def excepthook_failing_hook():
    err = io.StringIO()

    def hook(args):
        raise KeyError("hook")

    threading.excepthook = hook
    try:
        with contextlib.redirect_stderr(err):
            t = threading.Thread(target=boom, args=("x",))
            t.start()
            t.join()
    finally:
        threading.excepthook = threading.__excepthook__
    lines = err.getvalue().splitlines()
    print(lines[0], lines[-1], sep="\n")


@case
def excepthook_args_repr():
    args = threading.ExceptHookArgs([ValueError, ValueError("x"), None, None])
    print(args)
    print(args.exc_type, args.exc_value, args.exc_traceback, args.thread)


@case
def excepthook_direct():
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        try:
            boom("direct")
        except ValueError as e:
            threading.excepthook(threading.ExceptHookArgs([type(e), e, e.__traceback__, threading.main_thread()]))
    lines = err.getvalue().splitlines()
    print(lines[0], lines[-1], sep="\n")


# ------------------------------------------------------------------ module functions

@case
def stack_size_values():
    print(threading.stack_size(), threading.stack_size(32768), threading.stack_size(0), threading.stack_size())


@case
def stack_size_too_small():
    threading.stack_size(1)


@case
def stack_size_negative():
    threading.stack_size(-1)


@case
def trace_and_profile():
    def f(*a):
        return None
    print(threading.gettrace(), threading.getprofile())
    threading.settrace(f)
    threading.setprofile(f)
    print(threading.gettrace() is f, threading.getprofile() is f)
    threading.settrace(None)
    threading.setprofile(None)
    print(threading.gettrace(), threading.getprofile())


# ------------------------------------------------------------------ local

@case
def local_attributes():
    data = threading.local()
    data.x = 1
    seen = []

    def other():
        seen.append(hasattr(data, "x"))
        data.x = 2
        seen.append(data.x)

    t = threading.Thread(target=other)
    t.start()
    t.join()
    print(data.x, seen, getattr(data, "y", "default"), data)
    del data.x
    print(hasattr(data, "x"))


@case
def local_missing():
    threading.local().x


@case
def local_del_missing():
    del threading.local().x


class MyLocal(threading.local):
    inits = []

    def __init__(self, start):
        MyLocal.inits.append(threading.current_thread().name == "main-ish" or "init")
        self.number = start

    def squared(self):
        return self.number ** 2


@case
def local_subclass():
    MyLocal.inits.clear()
    mine = MyLocal(3)
    print(mine.squared(), len(MyLocal.inits))
    mine.number = 5
    seen = []

    def other():
        seen.append(mine.squared())
        mine.number = 7
        seen.append(mine.squared())

    t = threading.Thread(target=other)
    t.start()
    t.join()
    print(mine.squared(), seen, len(MyLocal.inits))


@case
def local_subclass_missing():
    MyLocal(1).missing


# ------------------------------------------------------------------ Timer

@case
def timer_fires():
    n = base()
    t = threading.Timer(0.01, worker, args=("timer", 1))
    print(rel(repr(t), n), t.interval, t.finished.is_set())
    t.start()
    t.join()
    print(t.finished.is_set(), rel(noident(repr(t), t), n))


@case
def timer_cancel():
    t = threading.Timer(60, worker, args=("never",))
    t.cancel()
    t.start()
    t.join()
    print(t.finished.is_set(), t.is_alive())
    t = threading.Timer(60, worker)
    t.start()
    t.cancel()
    t.join()
    print(t.finished.is_set(), t.is_alive())


# ------------------------------------------------------------------ None where an object is expected

@case
def condition_none_lock():
    c = threading.Condition(None)
    print(type(c._lock).__name__)
    with c:
        print(c._is_owned(), c.wait(0))


@case
def condition_wait_for_none():
    c = threading.Condition()
    with c:
        c.wait_for(None)


@case
def condition_wait_for_none_timeout():
    c = threading.Condition()
    with c:
        c.wait_for(None, 1)
