"""queue: reprs, orders, errors and 3.13 shutdown of Queue/LifoQueue/PriorityQueue/SimpleQueue.

Mirrored case by case in runtime/src/test/java/dev/pyconcurrent/queue/*Test.java.
"""
import queue
import threading

from cases import case


class Obj:
    pass


def show(e):
    print(type(e).__module__ + "." + type(e).__name__, repr(e), repr(str(e)))


def wait_for_waiter(cond):
    # Deterministic: spin until a thread is parked on the condition (no sleep).
    while not cond._waiters:
        pass


@case
def reprs():
    print(queue.Queue())
    print(queue.LifoQueue())
    print(queue.PriorityQueue())
    print(queue.SimpleQueue())
    for e in [queue.Empty(), queue.Full(), queue.ShutDown()]:
        show(e)


@case
def orders():
    for cls in [queue.Queue, queue.LifoQueue, queue.PriorityQueue]:
        q = cls()
        for x in [3, 1, 2]:
            q.put(x)
        print(cls.__name__, list(q.queue), [q.get() for _ in range(3)])
    q = queue.SimpleQueue()
    for x in [3, None, 2]:
        q.put(x)
    print([q.get() for _ in range(3)])


@case
def priority_ties():
    # Equal keys that print differently: the heap's exact algorithm decides their order.
    q = queue.PriorityQueue()
    for x in [1, 1.0, True, 2, 1.0, 0, True, False, 0.0, 2.0, 1, 0, -1, True, 3.0, 3]:
        q.put(x)
    print(q.queue)
    print([q.get() for _ in range(q.qsize())])


@case
def priority_tuples():
    q = queue.PriorityQueue()
    for e in [(2, "b"), (1, "z"), (2, "a"), (1, "y"), (0, "x"), (2, "a")]:
        q.put(e)
    print([q.get_nowait() for _ in range(q.qsize())])


@case
def priority_unorderable():
    q = queue.PriorityQueue()
    q.put((1, Obj()))
    try:
        q.put((1, Obj()))
    except TypeError as e:
        print(e)
    print(q.qsize(), q.unfinished_tasks)
    q = queue.PriorityQueue()
    q.put(1)
    try:
        q.put("a")
    except TypeError as e:
        print(e)
    print(q.qsize(), q.unfinished_tasks)


@case
def get_nowait_empty():
    queue.Queue().get_nowait()


@case
def simple_get_nowait_empty():
    queue.SimpleQueue().get_nowait()


@case
def put_nowait_full():
    q = queue.Queue(1)
    q.put_nowait(1)
    q.put_nowait(2)


@case
def put_timeout_full():
    q = queue.Queue(1)
    q.put(1)
    q.put(2, timeout=0.01)


@case
def get_timeout_empty():
    queue.Queue().get(timeout=0.01)


@case
def get_timeout_zero():
    queue.LifoQueue().get(True, 0)


@case
def get_negative_timeout():
    queue.Queue().get(timeout=-1)


@case
def put_negative_timeout():
    queue.Queue(1).put(1, timeout=-1)


@case
def negative_timeout_ignored():
    q = queue.Queue()
    q.put(1, timeout=-1)
    q2 = queue.Queue(1)
    q2.put(1, False, -1)
    for f in [lambda: queue.Queue().get(False, -1), lambda: queue.Queue(1).put(1, True, 0)]:
        try:
            f()
        except queue.Empty as e:
            show(e)
    print(q.get(), q2.get(True, -0.0), "ok")


@case
def get_timeout_overflow():
    queue.Queue().get(timeout=1e10)


@case
def put_timeout_overflow():
    q = queue.Queue(1)
    q.put(1)
    q.put(2, timeout=1e300)


@case
def timeout_overflow_not_waiting():
    q = queue.Queue(2)
    q.put(1, timeout=1e300)
    print(q.get(timeout=1e10))


@case
def simple_timeouts():
    for t in [float("nan"), 1e10, -1e300, -1, -0.5]:
        q = queue.SimpleQueue()
        q.put(t)
        try:
            q.get(timeout=t)
        except (ValueError, OverflowError) as e:
            print(type(e).__name__, e)
    q = queue.SimpleQueue()
    q.put(1, timeout=-5)
    q.put(2, block=False)
    q.put_nowait(3)
    print(q.qsize(), q.empty(), q.get(False, -1), q.get(timeout=-1e-10), q.get(True, 0), q.empty())
    for f in [lambda: q.get(False, -1), lambda: q.get(timeout=0), lambda: q.get(timeout=0.01)]:
        try:
            f()
        except queue.Empty as e:
            show(e)


@case
def task_done_too_many():
    q = queue.Queue()
    q.put(1)
    q.get()
    q.task_done()
    q.task_done()


@case
def sizes():
    for n in [0, -1, 2]:
        q = queue.Queue(n)
        q.put("a")
        q.put("b")
        print(q.maxsize, q.qsize(), q.empty(), q.full(), q.unfinished_tasks)
    q = queue.Queue()
    print(q.qsize(), q.empty(), q.full())


@case
def task_accounting():
    q = queue.Queue()
    for x in range(3):
        q.put(x)
    print(q.unfinished_tasks)
    q.get()
    q.task_done()
    print(q.unfinished_tasks)
    q.get()
    q.get()
    q.task_done()
    q.task_done()
    print(q.unfinished_tasks)
    q.join()
    print("joined")


@case
def shutdown_put():
    q = queue.Queue()
    print(q.is_shutdown)
    q.shutdown()
    print(q.is_shutdown)
    q.put(1)


@case
def shutdown_put_nowait():
    q = queue.Queue(1)
    q.shutdown()
    q.put_nowait(1)


@case
def shutdown_drain():
    q = queue.Queue()
    q.put(1)
    q.put(2)
    q.shutdown()
    print(q.get(), q.get_nowait(), q.qsize(), q.unfinished_tasks)
    for f in [q.get, q.get_nowait, lambda: q.get(timeout=-1), lambda: q.get(False), lambda: q.put(3)]:
        try:
            f()
        except queue.ShutDown as e:
            show(e)
    q.task_done()
    q.task_done()
    q.join()
    print("joined")


@case
def shutdown_immediate():
    for cls in [queue.Queue, queue.LifoQueue, queue.PriorityQueue]:
        q = cls()
        for x in [1, 2, 3]:
            q.put(x)
        q.get()
        q.shutdown(immediate=True)
        print(cls.__name__, q.is_shutdown, q.qsize(), q.unfinished_tasks, q.empty(), list(q.queue))
        try:
            q.get()
        except queue.ShutDown as e:
            show(e)
        q.task_done()
        q.join()
        try:
            q.task_done()
        except ValueError as e:
            print(e)
    q = queue.Queue()
    q.shutdown()
    q.shutdown(True)
    print(q.is_shutdown, q.unfinished_tasks)


@case
def shutdown_wakes_getter():
    q = queue.Queue()
    out = []

    def getter():
        try:
            q.get()
        except queue.ShutDown as e:
            out.append(repr(e))

    t = threading.Thread(target=getter)
    t.start()
    wait_for_waiter(q.not_empty)
    q.shutdown()
    t.join()
    print(out)


@case
def shutdown_wakes_putter():
    q = queue.Queue(1)
    q.put(0)
    out = []

    def putter():
        try:
            q.put(1, timeout=60)
        except queue.ShutDown as e:
            out.append(repr(e))

    t = threading.Thread(target=putter)
    t.start()
    wait_for_waiter(q.not_full)
    q.shutdown()
    t.join()
    print(out, q.qsize(), q.get(), q.unfinished_tasks)


@case
def shutdown_immediate_releases_join():
    q = queue.Queue()
    q.put(1)
    q.put(2)
    out = []
    t = threading.Thread(target=lambda: (q.join(), out.append("joined")))
    t.start()
    wait_for_waiter(q.all_tasks_done)
    q.shutdown(immediate=True)
    t.join()
    print(out, q.unfinished_tasks)


@case
def blocked_getter_gets():
    q = queue.Queue()
    out = []
    t = threading.Thread(target=lambda: out.append(q.get(timeout=60)))
    t.start()
    wait_for_waiter(q.not_empty)
    q.put("x")
    t.join()
    print(out)


@case
def producers_consumers():
    q = queue.Queue(3)
    got = []
    lock = threading.Lock()

    def producer(base):
        for i in range(100):
            q.put(base + i)

    def consumer():
        while True:
            x = q.get()
            if x is None:
                q.task_done()
                return
            with lock:
                got.append(x)
            q.task_done()

    consumers = [threading.Thread(target=consumer) for _ in range(3)]
    producers = [threading.Thread(target=producer, args=(1000 * k,)) for k in range(4)]
    for t in consumers + producers:
        t.start()
    for t in producers:
        t.join()
    q.join()
    for _ in consumers:
        q.put(None)
    for t in consumers:
        t.join()
    print(len(got), sum(got), sorted(got) == sorted(set(got)), q.unfinished_tasks, q.qsize())


@case
def heapq_algorithms():
    # heapq itself (C _heapq), on equal-but-distinct keys: pins the exact sift algorithm.
    import heapq
    data = [3, 1.0, True, 2, 1, 0, 2.0, False, 0.0, 3.0, 1, 2, True, 0, 5, -1, 1.0]
    h = list(data)
    heapq.heapify(h)
    print(h)
    print([heapq.heappop(h) for _ in range(len(data))])
    h = []
    for x in data:
        heapq.heappush(h, x)
    print(h)
    try:
        heapq.heappop(h)
        heapq.heappop([])
    except IndexError as e:
        print(type(e).__name__, e)


@case
def priority_get_unorderable():
    # A failed put leaves its item in the heap (heappush appends before comparing); the next
    # get meets it while sifting: heappop has already taken the smallest item out and moved
    # the last one to the root, so that item is lost and the TypeError raised.
    q = queue.PriorityQueue()
    q.put(1)
    q.put(2)
    try:
        q.put("x")
    except TypeError as e:
        print(e)
    print(q.queue, q.qsize(), q.unfinished_tasks)
    try:
        q.get()
    except TypeError as e:
        print(e)
    print(q.queue, q.qsize(), q.unfinished_tasks)


@case
def blocked_putter_puts():
    out = []
    for cls in [queue.Queue, queue.LifoQueue, queue.PriorityQueue]:
        q = cls(1)
        q.put(5)
        t = threading.Thread(target=lambda: q.put(1, timeout=60))
        t.start()
        wait_for_waiter(q.not_full)
        out.append(q.get())
        t.join()
        out.append((cls.__name__, list(q.queue), q.unfinished_tasks, q.full()))
    print(out)


@case
def heappush_none():
    import heapq
    heapq.heappush(None, 1)


@case
def heappop_none():
    import heapq
    heapq.heappop(None)


@case
def heapify_none():
    import heapq
    heapq.heapify(None)
