"""mp_dummy: names, reprs and behaviour of CPython 3.13's multiprocessing.dummy (threads behind the multiprocessing API).

Thread numbers (Thread-N) are printed relative to a thread created just before; thread idents as N.
"""
import queue
import re
import threading
import multiprocessing.dummy as dummy
from multiprocessing.dummy import connection

from cases import case


def noop():
    pass


def rel(text, base):
    text = re.sub(r"Thread-(\d+)", lambda m: f"Thread-+{int(m[1]) - base}", text)
    return re.sub(r"(started|stopped)( daemon)? \d+", r"\1\2 N", text)


def base():
    t = threading.Thread(target=noop)
    return int(re.match(r"Thread-(\d+)", t.name)[1])


@case
def process_lifecycle():
    b = base()
    p = dummy.Process(target=noop)
    print(rel(repr(p), b), p.exitcode, p.is_alive(), rel(p.name, b), p.daemon, isinstance(p, threading.Thread))
    p.start()
    p.join()
    print(rel(repr(p), b), p.exitcode, p.is_alive())
    q = dummy.Process(target=noop, name="w", args=())
    q.daemon = True
    print(rel(repr(q), b), dummy.Process is dummy.DummyProcess)


@case
def process_subclass():
    b = base()
    out = []
    class Worker(dummy.Process):
        def run(self):
            out.append(rel(self.name, b))
    w = Worker()
    w.start()
    w.join()
    print(out, rel(repr(w), b), w.exitcode)


@case
def active_children():
    ev = threading.Event()
    p = dummy.Process(target=ev.wait)
    print(dummy.active_children())
    p.start()
    kids = dummy.active_children()
    print(len(kids), kids[0] is p)
    ev.set()
    p.join()
    print(dummy.active_children())


@case
def current_process():
    print(dummy.current_process() is threading.current_thread(), dummy.freeze_support())


@case
def start_from_other_thread():
    b = base()
    p = dummy.Process(target=noop)
    err = []
    def starter():
        try:
            p.start()
        except RuntimeError as e:
            err.append(rel(str(e), b))
    t = threading.Thread(target=starter)
    t.start()
    t.join()
    print(type(err[0]).__name__, err[0].startswith("Parent is <_MainThread(MainThread, started N)> but current_process is <Thread(Thread-+2 (starter), started N)>"))


@case
def namespace():
    ns = dummy.Namespace(b="x", a=1)
    ns.c = [1]
    ns._hidden = 2
    print(ns, ns.a, ns._hidden)
    del ns.a
    print(ns)
    print(dummy.Namespace())


@case
def namespace_missing():
    dummy.Namespace(a=1).zz


@case
def value():
    v = dummy.Value('i', 5)
    print(v, v.value)
    v.value = 7
    print(v, dummy.Value('d', 1.5, lock=False), dummy.Value('c', b'x'), dummy.Value('i', 'any'))


@case
def array():
    print(dummy.Array('i', [1, 2, 3]), dummy.Array('d', [1.5, 2]), dummy.Array('b', []), dummy.Array('q', range(3), lock=False))
    a = dummy.Array('i', [1, 2])
    a[0] = 9
    print(a, len(a), a[1], list(a), a.typecode)


@case
def array_bad_typecode():
    dummy.Array('z', [1])


@case
def array_float_for_int():
    dummy.Array('i', [1.5])


@case
def queues_and_sync():
    q = dummy.Queue()
    j = dummy.JoinableQueue(3)
    print(type(q).__name__, isinstance(q, queue.Queue), isinstance(j, queue.Queue), j.maxsize, dummy.JoinableQueue is dummy.Queue)
    print(dummy.Lock(), dummy.RLock(), dummy.Semaphore(2), dummy.BoundedSemaphore(2))
    print(dummy.Event(), dummy.Condition(), dummy.Barrier(2))


@case
def pipe():
    a, b = dummy.Pipe()
    a.send(1)
    a.send("two")
    print(b.poll(), b.recv(), b.recv(), b.poll(), b.poll(0.01))
    b.send_bytes(b"xy")
    print(a.recv_bytes(), a)
    r, w = dummy.Pipe(duplex=False)
    r.send(3)
    print(w.recv())
    with r as c:
        print(c is r)
    r.close()
    r.send(4)
    print(w.recv())


@case
def listener_client():
    with connection.Listener() as listener:
        c = connection.Client(listener.address)
        s = listener.accept()
        c.send("hi")
        print(s.recv())
        s.send(2)
        print(c.recv(), type(listener.address).__name__)
    print(listener.address)


@case
def manager():
    m = dummy.Manager()
    print(m is dummy, m.list([1]), m.dict(a=1), m.Namespace(x=1), m.Value('i', 1), m.shutdown())


@case
def pool():
    p = dummy.Pool(2)
    print(p, p.map(len, ["a", "bb"]))
    p.close()
    p.join()
    q = dummy.Pool(1, noop)
    q.terminate()
    print(q)
    q.join()
