"""multiprocessing: contexts, Process life cycle, reprs, exit codes and errors (3.13).

Pids, parent pids and process numbers vary between runs: norm() prints them as N (the Java
tests normalize the same way). Children whose stderr matters run in a python3.13 subprocess.
"""
import multiprocessing as mp
import re
import subprocess
import sys
import time

from cases import case


def norm(obj):
    text = obj if isinstance(obj, str) else repr(obj)
    text = re.sub(r"pid=\d+", "pid=N", text)
    text = re.sub(r"parent=\d+", "parent=N", text)
    return re.sub(r"Process-\d+", "Process-N", text)


spawn = mp.get_context("spawn")


# ---------------------------------------------------------------- errors and contexts

@case
def errors():
    for e in (mp.ProcessError, mp.BufferTooShort, mp.TimeoutError, mp.AuthenticationError):
        print(e.__name__, e.__module__, [c.__name__ for c in e.__mro__])
    print(repr(mp.AuthenticationError("digest received was wrong")), mp.TimeoutError is TimeoutError)


@case
def context_unknown():
    mp.get_context("bogus")


@case
def context_reprs():
    print(norm(spawn), norm(mp.get_context("forkserver")))
    print(spawn.get_start_method(), mp.get_context("forkserver").get_start_method())


@case
def concrete_context_set_start_method():
    spawn.set_start_method("spawn")


@case
def set_start_method_twice():
    ctx = mp.context.DefaultContext(spawn)
    print(ctx.get_start_method(allow_none=True))
    ctx.set_start_method("spawn")
    print(ctx.get_start_method())
    ctx.set_start_method("forkserver", force=True)
    print(ctx.get_start_method())
    ctx.set_start_method(None, force=True)
    print(ctx.get_start_method(allow_none=True))
    ctx.set_start_method("spawn")
    ctx.set_start_method("spawn")


@case
def main_process():
    me = mp.current_process()
    print(me, mp.parent_process(), me.name, me.daemon, len(me.authkey), mp.active_children())


# ---------------------------------------------------------------- life cycle

@case
def repr_life_cycle():
    p = spawn.Process(target=time.sleep, args=(0,))
    print(norm(p), p.pid, p.exitcode)
    p.start()
    print(norm(p) == norm(p).replace("started", "started"), p.pid == p.ident, p.is_alive() in (True, False))
    p.join()
    print(norm(p), p.exitcode, p.is_alive())
    p.close()
    print(norm(p))


@case
def repr_daemon_terminated():
    p = spawn.Process(target=time.sleep, args=(60,), daemon=True)
    p.start()
    p.terminate()
    p.join()
    print(norm(p), p.exitcode)


@case
def repr_killed():
    p = spawn.Process(target=time.sleep, args=(60,))
    p.start()
    p.kill()
    p.join()
    print(norm(p), p.exitcode)


@case
def exit_codes():
    for args in [(0,), (3,), (None,), ("bye",)]:
        p = spawn.Process(target=sys.exit, args=args)
        p.start()
        p.join()
        print(args, p.exitcode)


@case
def join_timeout():
    p = spawn.Process(target=time.sleep, args=(60,))
    p.start()
    p.join(0.01)
    print(p.exitcode, p.is_alive())
    p.kill()
    p.join()
    print(p.exitcode, p.is_alive())


@case
def start_twice():
    p = spawn.Process(target=time.sleep, args=(0,))
    p.start()
    try:
        p.start()
    finally:
        p.join()


@case
def join_unstarted():
    spawn.Process(target=time.sleep, args=(0,)).join()


@case
def sentinel_unstarted():
    spawn.Process(target=time.sleep, args=(0,)).sentinel


@case
def close_running():
    p = spawn.Process(target=time.sleep, args=(60,))
    p.start()
    try:
        p.close()
    finally:
        p.kill()
        p.join()


@case
def closed_attribute():
    p = spawn.Process(target=time.sleep, args=(0,))
    p.close()
    p.close()
    print(norm(p))
    p.exitcode


@case
def daemon_after_start():
    p = spawn.Process(target=time.sleep, args=(0,))
    p.start()
    try:
        p.daemon = True
    finally:
        p.join()


@case
def name_and_counter():
    a, b = spawn.Process(), spawn.Process(name="w")
    c = spawn.Process()
    print(int(c.name.split("-")[1]) - int(a.name.split("-")[1]), b.name, b.daemon, a.exitcode, a.pid)


# ---------------------------------------------------------------- what a child prints

CHILD = """
import multiprocessing as mp, sys
def boom():
    raise ValueError("boom")
def nested(conn):
    me = mp.current_process()
    p = mp.Process(target=print)
    conn.send((me.name, repr(mp.parent_process()), p.name, me.daemon))
if __name__ == "__main__":
    ctx = mp.get_context("fork")
    if sys.argv[1] == "boom":
        p = ctx.Process(target=boom)
        p.start(); p.join()
        print(p.exitcode)
    else:
        a, b = ctx.Pipe()
        p = ctx.Process(target=nested, args=(b,), daemon=True)
        p.start(); print(a.recv()); p.join()
"""


def child(mode):
    done = subprocess.run([sys.executable, "-c", CHILD, mode], capture_output=True, text=True, timeout=60)
    return done.stdout, done.stderr.splitlines()


@case
def child_uncaught_exception():
    out, err = child("boom")
    print(out, err[0], err[1], err[-1])


@case
def child_names():
    out, err = child("nested")
    print(norm(out), err)


@case
def unpicklable_argument():
    import threading
    p = spawn.Process(target=print, args=(threading.Lock(),))
    try:
        p.start()
    finally:
        print(p.pid, mp.active_children())


# ---------------------------------------------------------------- shared state through the facade

SHARED = """
import multiprocessing as mp, re
def add(v, lock, n):
    for _ in range(n):
        with lock:
            v.value += 1
def hold(lock, conn):
    lock.acquire()
    conn.send(re.sub(r"Process-\\d+", "Process-N", repr(lock)))
    lock.release()
if __name__ == "__main__":
    ctx = mp.get_context("fork")
    v, lock = ctx.Value("i", 0), ctx.Lock()
    ps = [ctx.Process(target=add, args=(v, lock, 500)) for _ in range(2)]
    for p in ps: p.start()
    for p in ps: p.join()
    print(v.value, v, lock)
    a, b = ctx.Pipe()
    p = ctx.Process(target=hold, args=(lock, b))
    p.start(); print(a.recv()); p.join()
    print(ctx.Event().is_set(), ctx.Semaphore(2), ctx.RawValue("d", 1.5), ctx.RawArray("i", 3)[:])
"""


@case
def shared_state_through_the_facade():
    done = subprocess.run([sys.executable, "-c", SHARED], capture_output=True, text=True, timeout=60)
    print(done.stdout, done.stderr)
