"""mp_pool_process: reprs, results and errors of CPython 3.13's multiprocessing.pool.Pool (worker processes)."""
import os
from multiprocessing import TimeoutError
import sys
import types
from multiprocessing import pool as mp_pool

from cases import case


def Pool(*args, **kwds):
    """multiprocessing.pool.Pool, with this script importable under its run name first (runpy
    removes it from sys.modules after the run; the forked workers look the functions up there)."""
    module = types.ModuleType(__name__)
    module.__dict__.update(globals())
    sys.modules[__name__] = module
    return mp_pool.Pool(*args, **kwds)


def sq(x):
    return x * x


def add(a, b):
    return a + b


def boom(x):
    raise ValueError("boom %s" % x)


def pid(x):
    return os.getpid()


def slow(x):
    import time
    time.sleep(x)
    return x


@case
def pool_reprs():
    p = Pool(2)
    print(p)
    p.close()
    print(p)
    p.join()
    p.terminate()
    print(p)


@case
def pool_zero():
    Pool(0)


@case
def pool_bad_maxtasks():
    Pool(1, maxtasksperchild=0)


@case
def apply_after_close():
    p = Pool(1)
    p.close()
    try:
        p.apply(sq, (2,))
    finally:
        p.join()


@case
def join_running():
    p = Pool(1)
    try:
        p.join()
    finally:
        p.terminate()


@case
def results():
    with Pool(2) as p:
        print(p.apply(sq, (7,)), p.apply(add, (2, 3)))
        print(p.map(sq, range(10)), p.map(sq, range(10), 3), p.map(sq, []))
        print(p.starmap(add, [(1, 2), (3, 4)]))
        print(list(p.imap(sq, range(5))), list(p.imap(sq, range(7), 3)), sorted(p.imap_unordered(sq, range(5))))
        r = p.apply_async(add, (1, 2))
        print(r.get(), r.ready(), r.successful())
        print(p.map_async(sq, [1, 2, 3], 1).get())


@case
def apply_raises():
    with Pool(1) as p:
        try:
            p.apply(boom, (1,))
        except ValueError as e:
            c = e.__cause__
            print(type(c).__module__, type(c).__name__, str(c).startswith('\n"""\nTraceback (most recent call last):'),
                  str(c).rstrip().endswith('ValueError: boom 1\n"""'))
            raise


@case
def map_raises():
    with Pool(1) as p:
        p.map(boom, range(4), 1)


@case
def get_timeout():
    with Pool(1) as p:
        r = p.apply_async(slow, (0.5,))
        try:
            r.get(0.01)
        finally:
            print(r.get())


@case
def maxtasksperchild_new_processes():
    with Pool(1, maxtasksperchild=2) as p:
        pids = p.map(pid, range(6), 1)
        print(len(set(pids)), pids[0] == pids[1], pids[1] != pids[2])  # not the repr: pool_size is 0 while a worker is replaced

