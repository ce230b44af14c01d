"""sched: run order, Event repr and ordering, cancel, run(blocking=False), errors, on a fake clock.

The clock is deterministic: time() returns a counter that sleep(d) advances, logging d as a
float (the Java scheduler's times are doubles, so its delayfunc(0) receives 0.0, not int 0).
Mirrored case by case in runtime/src/test/java/dev/pyconcurrent/sched/SchedulerTest.java.
"""
import sched

from cases import case


class Clock:
    def __init__(self):
        self.now = 0.0
        self.log = []

    def time(self):
        return self.now

    def sleep(self, d):
        self.log.append(float(d))
        self.now += d


OUT = []


def a():
    OUT.append("a")


def b():
    OUT.append("b")


def f(x, y):
    OUT.append(("f", x, y))


def g():
    pass


def kw(*argument, **kwargs):
    OUT.append((argument, kwargs))


def boom():
    raise ValueError("boom")


def new():
    OUT.clear()
    c = Clock()
    return c, sched.scheduler(c.time, c.sleep)


@case
def run_order():
    c, s = new()
    s.enter(0.02, 1, OUT.append, ("a",))
    s.enter(0.01, 2, OUT.append, ("b",))
    s.enterabs(0, 1, OUT.append, ("c",))
    s.enter(0.01, 1, OUT.append, ("d",))
    print(s.run(), OUT, c.log, c.now, s.empty())


@case
def event_repr():
    c, s = new()
    c.now = 198.09
    e1 = s.enter(0, 1, f, (1, "x"))
    e2 = s.enterabs(5.5, 0, g)
    e3 = s.enterabs(5.5, 0, kw, ("y",), {"k": 1})
    print(e1)
    print(s.queue)
    print(e2 < e3, e3 < e2, e1 < e2, e1 == e1, e2 == e3)
    print(e1.time, e1.priority, e1.sequence, e1.argument, e1.kwargs)


@case
def same_time_fifo():
    c, s = new()
    for x in range(6):
        s.enterabs(1, x % 2, OUT.append, (x,))
    print([(e.priority, e.sequence) for e in s.queue])
    s.run()
    print(OUT, c.log)


@case
def cancel():
    c, s = new()
    e1 = s.enter(1, 1, a)
    e2 = s.enter(2, 1, b)
    e3 = s.enter(1, 0, a)
    s.cancel(e1)
    print([e.sequence for e in s.queue])
    s.cancel(e3)
    s.run()
    print(OUT, c.log, s.empty())


@case
def many_events_heap_order():
    # a heap of hundreds of events with repeated times and priorities, some cancelled: pop order
    c, s = new()
    x, events = 7, []
    for i in range(300):
        x = (x * 1103515245 + 12345) % 2147483648
        events.append(s.enterabs(x % 50, x % 3, OUT.append, (i,)))
    for e in events[::7]:
        s.cancel(e)
    print([e.sequence for e in s.queue][:40], len(s.queue))
    s.run()
    print(OUT)


@case
def cancel_unknown():
    c, s = new()
    e = s.enter(1, 1, a)
    s.cancel(e)
    s.cancel(e)


@case
def run_nonblocking():
    c, s = new()
    print(s.run(blocking=False))
    s.enter(1.5, 1, a)
    s.enter(0, 1, b)
    print(s.run(False), OUT, c.log)
    c.now = 2.0
    print(s.run(False), OUT, c.log, s.empty())


@case
def action_raises():
    c, s = new()
    s.enter(1, 1, a)
    s.enter(2, 1, boom)
    s.enter(3, 1, b)
    try:
        s.run()
    except ValueError as e:
        print(repr(e), OUT, c.log, len(s.queue))
    s.run()
    print(OUT, c.log, s.empty())


@case
def actions_modify_queue():
    c, s = new()
    events = []

    def adder():
        OUT.append("adder")
        s.enter(0.5, 0, b)
        s.cancel(events[0])

    events.append(s.enter(3, 1, a))
    s.enter(1, 1, adder)
    s.run()
    print(OUT, c.log)


@case
def delay_enters_sooner():
    OUT.clear()
    c = Clock()
    s = None

    def sleep(d):
        c.log.append(float(d))
        if len(c.log) == 1:
            s.enterabs(c.now + 1, 0, b)
            c.now += 1
        else:
            c.now += d

    s = sched.scheduler(c.time, sleep)
    s.enter(10, 1, a)
    s.run()
    print(OUT, c.log, c.now)


@case
def kwargs_action():
    c, s = new()
    s.enter(0, 1, lambda *args, **kw: OUT.append((args, kw)), (1, 2), {"k": "v"})
    s.run()
    print(OUT)


@case
def args_forms():
    c, s = new()
    s.enter(1, 1, OUT.append, ("one",))
    s.enter(2, 1, f, (1, 2))
    s.enter(3, 1, lambda x, y, z: OUT.append(x + y + z), (1, 2, 3))
    s.enter(4, 1, a)
    print([e.argument for e in s.queue])
    s.run()
    print(OUT, c.now)


@case
def real_clock_defaults():
    s = sched.scheduler()
    s.enter(0.01, 1, a)
    s.enter(0, 1, b)
    OUT.clear()
    s.run()
    print(OUT)
