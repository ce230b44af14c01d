"""contextvars: ContextVar, Token, Context and copy_context: reprs, errors, isolation, threads.

Mirrored case by case in runtime/src/test/java/dev/pyconcurrent/contextvars/ContextVarsTest.java.
"""
import contextvars
import threading

from cases import case
from contextvars import Context, ContextVar, Token, copy_context


@case
def reprs():
    v = ContextVar("v")
    w = ContextVar("w", default=1)
    s = ContextVar("it's", default="x")
    print(repr(v), repr(w), repr(s), v.name, w.name)
    t = v.set(5)
    print(repr(t), t.var is v, t.old_value, repr(Token.MISSING))
    v.reset(t)
    print(repr(t))
    print(repr(Context()))


@case
def get_defaults():
    v = ContextVar("v")
    w = ContextVar("w", default=1)
    n = ContextVar("n", default=None)
    print(v.get(9), w.get(), w.get(3), n.get(), n.get(4))
    t = w.set(2)
    print(w.get(), w.get(3), t.old_value)
    v.set(None)
    print(v.get(), v.get(7))


@case
def get_unset():
    ContextVar("v").get()


@case
def set_reset():
    v = ContextVar("v", default=0)
    t1 = v.set(1)
    t2 = v.set(2)
    print(v.get(), t1.old_value, t2.old_value)
    v.reset(t2)
    print(v.get(), v in copy_context())
    v.reset(t1)
    print(v.get(), v in copy_context())


@case
def reset_twice():
    v = ContextVar("v")
    t = v.set(1)
    v.reset(t)
    v.reset(t)


@case
def reset_other_var():
    v = ContextVar("v")
    w = ContextVar("w", default=1)
    t = w.set(2)
    v.reset(t)


@case
def reset_other_context():
    v = ContextVar("v")
    ctx = copy_context()
    t = v.set(7)
    ctx.run(v.reset, t)


@case
def reset_none():
    ContextVar("v").reset(None)


@case
def run_nested():
    ctx = Context()
    ctx.run(lambda: ctx.run(print, "never"))


@case
def getitem_missing():
    Context()[ContextVar("v")]


@case
def mapping():
    a = ContextVar("a")
    b = ContextVar("b", default=0)
    c = ContextVar("c")
    ctx = Context()
    print(len(ctx), list(ctx), ctx.get(a), ctx.get(a, 4), a in ctx)

    def fill():
        a.set(1)
        b.set("two")
        c.set(None)
        b.set(2)

    ctx.run(fill)
    key = lambda var: var.name
    print(len(ctx), [v.name for v in sorted(ctx, key=key)], [v.name for v in sorted(ctx.keys(), key=key)])
    print(sorted(ctx.values(), key=repr), sorted((k.name, v) for k, v in ctx.items()))
    print(ctx[a], ctx[b], ctx[c], ctx.get(c, 5), a in ctx, ContextVar("d") in ctx)


@case
def isolation():
    v = ContextVar("v", default="default")
    v.set("outer")
    snapshot = copy_context()
    v.set("changed")
    print(snapshot[v], v.get())

    def inside(x):
        v.set(x)
        return v.get() + "!"

    print(snapshot.run(inside, "inner"), v.get(), snapshot[v])
    copy = snapshot.copy()
    snapshot.run(v.set, "again")
    print(copy[v], snapshot[v], v.get())
    print(Context() == Context(), copy == snapshot, copy == copy.copy(), snapshot == Context())


@case
def run_returns_and_raises():
    v = ContextVar("v", default=0)
    ctx = copy_context()
    print(ctx.run(lambda a, b, c: a + b + c, 1, 2, 3))

    def fail():
        v.set(1)
        raise ValueError("inside")

    try:
        ctx.run(fail)
    except ValueError as e:
        print(repr(e), v.get(), ctx[v])
    print(ctx.run(lambda: 1))


@case
def thread_starts_empty():
    v = ContextVar("v", default="default")
    v.set("main")
    out = []

    def worker():
        out.append((v.get(), len(copy_context())))
        v.set("worker")
        out.append(v.get())

    t = threading.Thread(target=worker)
    t.start()
    t.join()
    print(out, v.get())


@case
def entered_in_other_thread():
    ctx = Context()
    inside = threading.Event()
    release = threading.Event()
    t = threading.Thread(target=lambda: ctx.run(lambda: (inside.set(), release.wait())))
    t.start()
    inside.wait()
    try:
        ctx.run(print, "never")
    except RuntimeError as e:
        print(type(e).__name__, e)
    release.set()
    t.join()
    print(ctx.run(lambda: "now free"))


@case
def name_not_str():
    ContextVar(None)
