"""multiprocessing.Queue / SimpleQueue / JoinableQueue in one process: sizes, timeouts, closing, errors (3.13)."""
import multiprocessing as mp
import queue

from cases import case


def attempt(fn, *args):
    try:
        print(repr(fn(*args)))
    except Exception as e:
        print(type(e).__name__, e)


@case
def bounded_queue():
    q = mp.Queue(2)
    print(repr(q).startswith("<multiprocessing.queues.Queue object at"), q.qsize(), q.empty(), q.full())
    q.put(1)
    q.put((2, "two"))
    print(q.qsize(), q.full())
    attempt(q.put_nowait, 3)
    attempt(q.put, 3, True, 0.01)
    attempt(q.put, 3, False)
    print(q.get(), q.get_nowait())
    attempt(q.get, True, 0.01)
    attempt(q.get_nowait)
    attempt(q.get, False)


@case
def closed_queue():
    q = mp.Queue()
    q.put(1)
    q.close()
    q.join_thread()
    attempt(q.put, 1)
    attempt(q.get)
    attempt(q.get_nowait)
    for f in (q.empty, q.full, q.cancel_join_thread, q.close):
        attempt(f)


@case
def join_thread_before_close():
    mp.Queue().join_thread()


@case
def simple_queue():
    s = mp.SimpleQueue()
    print(repr(s).startswith("<multiprocessing.queues.SimpleQueue object at"), s.empty())
    s.put([1, "a"])
    print(s.empty(), s.get(), s.empty())
    s.close()
    attempt(s.put, 1)
    attempt(s.get)
    attempt(s.empty)
    attempt(s.close)


@case
def joinable_queue():
    j = mp.JoinableQueue()
    print(repr(j).startswith("<multiprocessing.queues.JoinableQueue object at"))
    j.put(1)
    print(j.get())
    j.task_done()
    j.join()
    print("joined")
    j.task_done()
