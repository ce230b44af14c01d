"""multiprocessing.shared_memory: reprs, layouts and error messages of CPython 3.13's SharedMemory
and ShareableList. Random block names are printed as NAME (and checked for CPython's psm_ + 8 hex
form); the Python <-> Java exchange of blocks is tested by running python3.13 from the Java test."""
import os
import re

from multiprocessing.shared_memory import SharedMemory, ShareableList

from cases import case


def named(text, name):
    return str(text).replace(name, "NAME")


def raised(fn, name=None):
    try:
        fn()
    except Exception as e:
        print(type(e).__name__ + ":", named(e, name) if name else e)


@case
def shm_create():
    s = SharedMemory(create=True, size=10)
    print(named(repr(s), s.name), re.fullmatch(r"psm_[0-9a-f]{8}", s.name) is not None, s.size, len(s.buf))
    print(os.path.exists("/dev/shm/" + s.name), bytes(s.buf[:3]))
    s.buf[0] = 7
    t = SharedMemory(s.name)
    print(named(repr(t), s.name), t.buf[0], t.size)
    t.close()
    print(t.buf)
    t.close()
    raised(lambda: SharedMemory(s.name, create=True, size=10), s.name)
    s.close()
    s.unlink()
    print(os.path.exists("/dev/shm/" + s.name))
    raised(s.unlink, s.name)
    raised(lambda: SharedMemory(s.name), s.name)


@case
def shm_missing():
    SharedMemory("psm_nonexist_zz")


@case
def shm_name_none():
    SharedMemory(None)


@case
def shm_size_negative():
    SharedMemory(create=True, size=-1)


@case
def shm_size_negative_attach():
    SharedMemory("x", size=-1)


@case
def shm_size_zero():
    SharedMemory(create=True, size=0)


@case
def shm_bad_name():
    SharedMemory("a/b", create=True, size=3)


@case
def sl_layout():
    sl = ShareableList([1, 2.5, "abc", b"x", None, True])
    name = sl.shm.name
    print(named(repr(sl), name), sl.format, len(sl), sl.shm.size)
    print(bytes(sl.shm.buf).hex())
    print(sl.count(1), sl.index("abc"), sl[-1], sl[2])
    sl[2] = "abcdefgh"
    sl[0] = "x"
    sl[1] = None
    sl[4] = 7
    sl[5] = 0.5
    print(named(repr(sl), name), sl.format)
    print(bytes(sl.shm.buf).hex())
    raised(lambda: sl.__setitem__(2, "abcdefghi"))
    raised(lambda: sl[9])
    raised(lambda: sl.__setitem__(9, 1))
    raised(lambda: sl.index(99))
    sl.shm.close()
    sl.shm.unlink()


@case
def sl_empty():
    sl = ShareableList()
    print(named(repr(sl), sl.shm.name), sl.shm.size, sl.format)
    sl.shm.unlink()


@case
def sl_unsupported():
    ShareableList([[1]])


@case
def sl_unicode():
    sl = ShareableList(["héllo", b"\x00a\x00", "", 2**62, -1, False])
    print(named(repr(sl), sl.shm.name), sl.format)
    print(bytes(sl.shm.buf).hex())
    sl.shm.unlink()


@case
def shm_empty_file():
    name = "test_empty_%d" % os.getpid()
    open("/dev/shm/" + name, "w").close()
    try:
        raised(lambda: SharedMemory(name))
        print(os.path.exists("/dev/shm/" + name))
    finally:
        os.unlink("/dev/shm/" + name)
