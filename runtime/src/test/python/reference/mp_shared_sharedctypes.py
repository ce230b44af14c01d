"""multiprocessing.sharedctypes: reprs, conversions and error messages of CPython 3.13's shared
ctypes values and arrays (one process; the cross-process behaviour is tested against child JVMs)."""
import multiprocessing as mp
from multiprocessing import sharedctypes

from cases import case


def raised(fn):
    try:
        fn()
    except Exception as e:
        print(type(e).__name__ + ":", e)


@case
def value_reprs():
    print(mp.Value("i", 5), mp.Value("d", 1.5, lock=False), mp.RawValue("i", 5), mp.Value("i"))
    for code, v in [("c", b"x"), ("c", 65), ("u", "z"), ("b", 300), ("B", -1), ("h", -2), ("H", 70000),
                    ("I", -1), ("l", -3), ("L", 3), ("q", 2), ("Q", 2**64 - 1), ("i", 2**40),
                    ("f", 0.1), ("f", 1e300), ("d", 0.1)]:
        print(code, mp.RawValue(code, v), mp.RawValue(code, v).value)


@case
def value_get_set():
    v = mp.Value("i", 5)
    v.value = 7
    print(v.value, v.get_obj(), v.get_lock(), v)
    with v:
        print(v.get_lock())
        v.value += 1
    print(v.value, v.get_lock())
    given = mp.Value("d", 1.0, lock=mp.Lock())
    print(given.get_lock(), given)
    raw = mp.Value("d", 2.5, lock=False)
    raw.value = 3
    print(raw, raw.value)


@case
def value_errors():
    raised(lambda: mp.Value("z", 1))
    raised(lambda: mp.Value("i", 1.5))
    raised(lambda: mp.Value("d", "x"))
    raised(lambda: mp.Value("c", "x"))
    raised(lambda: mp.Value("c", b"xy"))
    raised(lambda: mp.Value("u", "xy"))


@case
def array_int():
    a = mp.Array("i", [1, 2, 3])
    print(a, len(a), a[:], a[1:], a[-1], a[0])
    a[1:] = [7, 8]
    a[0] = -5
    print(a[:], a[-3], a[5:], a[2:1])
    raised(lambda: a[5])
    raised(lambda: a.__setitem__(-4, 1))
    raised(lambda: a.__setitem__(slice(0, 2), [1]))
    print(mp.RawArray("d", 3), mp.RawArray("d", 3)[:], mp.Array("i", 3, lock=False))
    print(mp.Array("q", 2), mp.Array("i", [1, 2], lock=mp.Lock()).get_lock())
    raised(lambda: mp.RawArray("i", -1))
    raised(lambda: mp.RawArray("i", "ab"))


@case
def array_chars():
    s = mp.Array("c", b"hi")
    print(s, s.value, s.raw, s[:], s[0], len(s))
    r = mp.RawArray("c", 4)
    print(r, r.raw, r.value)
    r.value = b"ab"
    print(r.raw, r.value, r[:])
    r.raw = b"wxyz"
    print(r.raw, r.value)
    raised(lambda: setattr(r, "value", b"abcde"))
    print(mp.Array("u", "abc")[:])


@case
def copy_and_synchronized():
    v = mp.Value("i", 5)
    c = sharedctypes.copy(v.get_obj())
    c.value = 6
    print(c, v)
    print(sharedctypes.synchronized(mp.RawValue("d", 2.0)), sharedctypes.synchronized(mp.RawArray("c", b"ab")))
    a = sharedctypes.copy(mp.RawArray("i", [4, 5]))
    print(a[:], sharedctypes.synchronized(a, mp.Lock()).get_lock())
