"""mp_managers: names, reprs, str and errors of CPython 3.13's multiprocessing.managers (SyncManager, BaseManager, proxies).

Addresses are normalized to 0x… by the harness; process names and addresses are not printed.
"""
import multiprocessing
import queue
from multiprocessing import managers
from multiprocessing.managers import BaseManager, SyncManager

from cases import case


class Maths:
    def add(self, a, b):
        return a + b

    def mul(self, a, b):
        return a * b

    def boom(self):
        raise ValueError("boom")


class MathsManager(BaseManager):
    pass


MathsManager.register("Maths", Maths)
MathsManager.register("Exposed", Maths, exposed=["add"])


@case
def proxy_reprs():
    with multiprocessing.Manager() as m:
        d = m.dict()
        l = m.list([1, 2])
        ns = m.Namespace(a=1, b="x")
        v = m.Value("i", 5)
        a = m.Array("i", [1, 2, 3])
        for p in (d, l, ns, v, a, m.Lock(), m.RLock(), m.Semaphore(2), m.BoundedSemaphore(2), m.Condition(), m.Event(),
                  m.Barrier(2), m.Queue(), m.JoinableQueue()):
            print(repr(p))
        print(str(d), str(l), str(ns), str(v), str(a))
        print(type(m.Queue()).__name__, type(d).__name__, type(l).__name__)


@case
def dict_proxy():
    with multiprocessing.Manager() as m:
        d = m.dict()
        d["a"] = 1
        d["b"] = [1, 2]
        print(d, len(d), d["a"], d.get("x"), d.get("x", 0), "a" in d, "x" in d)
        print(d.items(), d.keys(), d.values(), d.copy(), type(d.copy()).__name__)
        print(d.setdefault("c", 3), d.pop("c"), d.pop("zz", None), d.popitem(), d)
        d.update({"k": "v"})
        print(d, d._getvalue())
        del d["k"]
        print(d)
        d.clear()
        print(d, len(d))


@case
def dict_missing_key():
    with multiprocessing.Manager() as m:
        d = m.dict()
        d["x"]


@case
def dict_del_missing():
    with multiprocessing.Manager() as m:
        d = m.dict()
        del d["x"]


@case
def dict_popitem_empty():
    with multiprocessing.Manager() as m:
        m.dict().popitem()


@case
def list_proxy():
    with multiprocessing.Manager() as m:
        l = m.list()
        l.append(3)
        l.extend([1, 2])
        l.insert(0, 9)
        print(l, len(l), l[0], l[-1], l.count(1), l.index(2), 2 in l, 7 in l)
        l.sort()
        print(l, l.pop(), l.pop(0), l)
        l.reverse()
        l[0] = "z"
        print(l, list(l), l._getvalue())
        l.remove("z")
        del l[0]
        print(l, l == [], l._getvalue() == [])


@case
def list_index_error():
    with multiprocessing.Manager() as m:
        m.list([1])[5]


@case
def list_pop_empty():
    with multiprocessing.Manager() as m:
        m.list().pop()


@case
def list_index_missing():
    with multiprocessing.Manager() as m:
        m.list([1]).index(5)


@case
def list_remove_missing():
    with multiprocessing.Manager() as m:
        m.list([1]).remove(5)


@case
def namespace_value_array():
    with multiprocessing.Manager() as m:
        ns = m.Namespace()
        ns.x = 1
        ns.y = "a"
        print(ns.x, ns.y, ns)
        del ns.x
        print(ns)
        v = m.Value("d", 1.5)
        print(v.value, v.get())
        v.value = 2.5
        v.set(3.5)
        print(v.value, v)
        a = m.Array("i", [1, 2, 3])
        a[0] = 7
        print(len(a), a[0], a[-1], a)


@case
def namespace_missing():
    with multiprocessing.Manager() as m:
        m.Namespace().x


@case
def array_index_error():
    with multiprocessing.Manager() as m:
        m.Array("i", [1])[3]


@case
def sync_proxies():
    with multiprocessing.Manager() as m:
        lock = m.Lock()
        print(lock.acquire(), lock.acquire(False), lock.acquire(True, 0.01))
        lock.release()
        with lock:
            print("in lock")
        r = m.RLock()
        print(r.acquire(), r.acquire())
        r.release()
        r.release()
        s = m.Semaphore(2)
        print(s.acquire(), s.acquire(), s.acquire(False))
        e = m.Event()
        print(e.is_set(), e.wait(0.01))
        e.set()
        print(e.is_set(), e.wait())
        e.clear()
        print(e.is_set())
        c = m.Condition()
        with c:
            print(c.wait(0.01), c.wait_for(lambda: True), c.wait_for(lambda: 0, 0.01))
            c.notify()
            c.notify_all()
        b = m.Barrier(1)
        print(b.parties, b.n_waiting, b.broken, b.wait())
        b.abort()
        print(b.broken)
        b.reset()
        print(b.broken)


@case
def lock_release_unlocked():
    with multiprocessing.Manager() as m:
        m.Lock().release()


@case
def bounded_semaphore_overflow():
    with multiprocessing.Manager() as m:
        m.BoundedSemaphore(1).release()


@case
def queue_proxy():
    with multiprocessing.Manager() as m:
        q = m.Queue()
        q.put(1)
        q.put_nowait("two")
        print(q.qsize(), q.empty(), q.full(), q.get(), q.get_nowait(), q.empty())
        j = m.JoinableQueue(1)
        j.put("x")
        print(j.full(), j.get())
        j.task_done()
        j.join()
        print("joined")


@case
def queue_empty():
    with multiprocessing.Manager() as m:
        m.Queue().get_nowait()


@case
def queue_get_timeout():
    with multiprocessing.Manager() as m:
        m.Queue().get(True, 0.01)


@case
def queue_full():
    with multiprocessing.Manager() as m:
        q = m.Queue(1)
        q.put(1)
        q.put_nowait(2)


@case
def task_done_too_many():
    with multiprocessing.Manager() as m:
        m.JoinableQueue().task_done()


@case
def after_shutdown():
    m = multiprocessing.Manager()
    m.shutdown()
    m.dict()


@case
def unstarted():
    m = SyncManager()
    m.list()


@case
def start_twice():
    with multiprocessing.Manager() as m:
        m.start()


@case
def start_after_shutdown():
    m = SyncManager()
    m.start()
    m.shutdown()
    m.start()


@case
def enter_after_shutdown():
    m = SyncManager()
    m.start()
    m.shutdown()
    with m:
        pass


@case
def get_server_started():
    with multiprocessing.Manager() as m:
        m.get_server()


@case
def shutdown_twice():
    m = multiprocessing.Manager()
    m.shutdown()
    m.shutdown()
    print("ok", m._state.value)


@case
def wrong_authkey():
    with SyncManager(authkey=b"right") as m:
        other = SyncManager(address=m.address, authkey=b"wrong")
        other.connect()


@case
def connect_and_share():
    with SyncManager(address=("127.0.0.1", 0), authkey=b"k") as m:
        d = m.dict({"a": 1})
        other = SyncManager(address=m.address, authkey=b"k")
        other.connect()
        print(type(m.address).__name__, m.address[0], d, other.dict({"b": 2}))


@case
def registered_type():
    with MathsManager() as m:
        maths = m.Maths()
        print(maths.add(2, 3), maths.mul(4, 5), maths._callmethod("add", (1, 1)))
        print(repr(maths), type(maths).__name__)
        print(sorted(maths._exposed_))
        e = m.Exposed()
        print(e._exposed_, e.add(1, 2))


@case
def registered_raises():
    with MathsManager() as m:
        m.Maths().boom()


@case
def not_exposed():
    with MathsManager() as m:
        try:
            m.Exposed()._callmethod("mul", (2, 3))
        except managers.RemoteError as e:
            print(type(e).__name__, "AttributeError: method 'mul' of <class '" in str(e), "object is not in exposed=['add']" in str(e))


@case
def unknown_method():
    with MathsManager() as m:
        try:
            m.Maths()._callmethod("nope")
        except managers.RemoteError as e:
            print(type(e).__name__, str(e).startswith("\n" + "-" * 75 + "\nTraceback"), str(e).endswith("-" * 75))
            print("AttributeError" in str(e))


@case
def no_create_method():
    class M(BaseManager):
        pass
    M.register("hidden", Maths, create_method=False)
    with M() as m:
        m.hidden()


@case
def remote_error_str():
    e = managers.RemoteError("tb\n")
    print(repr(str(e)), repr(e))


@case
def token_repr():
    t = managers.Token("dict", "/tmp/x", "7f")
    print(t)


@case
def manager_repr():
    m = SyncManager()
    print(repr(m).split(" object at")[0], m.address)


@case
def unserializable_result():
    with multiprocessing.Manager() as m:
        try:
            m.Lock()._getvalue()
        except managers.RemoteError as e:
            print(type(e).__name__, str(e).startswith("\n" + "-" * 75 + "\nUnserializable message: Traceback"))


@case
def create_wrong_arguments():
    with MathsManager() as m:
        try:
            m.Maths(1)
        except managers.RemoteError as e:
            print(type(e).__name__, "TypeError: Maths() takes" in str(e))
