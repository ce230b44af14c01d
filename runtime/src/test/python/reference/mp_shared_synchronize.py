"""multiprocessing.synchronize: reprs, return values and error messages of CPython 3.13's
cross-process locks, semaphores, conditions, events and barriers (one process; the cross-process
behaviour is tested against child JVMs)."""
import multiprocessing as mp
import threading

from cases import case


def in_thread(fn, name="worker"):
    t = threading.Thread(target=fn, name=name)
    t.start()
    t.join()


# ------------------------------------------------------------------ Lock

@case
def lock_repr():
    lock = mp.Lock()
    print(lock)
    lock.acquire()
    print(lock)
    in_thread(lambda: print(lock))
    lock.release()
    in_thread(lambda: (lock.acquire(), print(lock)))
    print(lock)
    lock.release()
    print(lock)


@case
def lock_acquire_forms():
    lock = mp.Lock()
    print(lock.acquire(), lock.acquire(False), lock.acquire(True, -1), lock.acquire(timeout=0.01),
          lock.acquire(False, 5), lock.acquire(True, 0))
    in_thread(lock.release)
    print(lock.acquire(False))
    lock.release()
    with lock:
        print("in with", lock)
    print(lock)


@case
def lock_release_unlocked():
    mp.Lock().release()


@case
def lock_nan_timeout():
    lock = mp.Lock()
    print(lock.acquire(True, float("nan")))
    lock.acquire(True, float("nan"))


# ------------------------------------------------------------------ RLock

@case
def rlock_repr():
    lock = mp.RLock()
    print(lock)
    lock.acquire()
    lock.acquire()
    print(lock)
    in_thread(lambda: print(lock))
    lock.release()
    print(lock)
    lock.release()
    print(lock)
    in_thread(lambda: (lock.acquire(), print(lock)))
    print(lock)


@case
def rlock_release_unowned():
    mp.RLock().release()


@case
def rlock_release_other_thread():
    lock = mp.RLock()
    in_thread(lock.acquire)
    lock.release()


# ------------------------------------------------------------------ Semaphore

@case
def semaphore_repr():
    s = mp.Semaphore(2)
    print(s, s.get_value(), mp.Semaphore())
    print(s.acquire(), s.acquire(), s.acquire(False), s.acquire(timeout=0.01), s)
    s.release()
    s.release()
    s.release()
    print(s, s.get_value())


@case
def semaphore_negative():
    mp.Semaphore(-1)


@case
def bounded_repr():
    s = mp.BoundedSemaphore(2)
    print(s, mp.BoundedSemaphore())
    s.acquire()
    print(s)


@case
def bounded_release_too_many():
    mp.BoundedSemaphore(2).release()


@case
def bounded_negative():
    mp.BoundedSemaphore(-1)


# ------------------------------------------------------------------ Condition

@case
def condition_repr():
    print(mp.Condition())
    lock = mp.Lock()
    c = mp.Condition(lock)
    print(c)
    with c:
        print(c, c.wait(0.01), c.wait_for(lambda: True), c.wait_for(lambda: False, 0.01))
    print(c)


@case
def condition_wait_unowned():
    mp.Condition().wait()


@case
def condition_notify_unowned():
    mp.Condition().notify()


@case
def condition_notify_wakes():
    c = mp.Condition()
    woke = []

    def waiter():
        with c:
            woke.append(c.wait(30))

    t = threading.Thread(target=waiter)
    with c:
        t.start()
    while True:
        with c:
            if c._sleeping_count.get_value() - c._woken_count.get_value() == 1:
                print(c)
                c.notify()
                break
    t.join()
    print(woke, c)


# ------------------------------------------------------------------ Event

@case
def event_repr():
    e = mp.Event()
    print(e, e.is_set(), e.wait(0), e.wait(0.01))
    e.set()
    print(e, e.is_set(), e.wait(), e.wait(0))
    e.clear()
    print(e, e.is_set())


# ------------------------------------------------------------------ Barrier

@case
def barrier_repr():
    b = mp.Barrier(2)
    print(b, b.parties, b.n_waiting, b.broken)
    b.abort()
    print(b, b.broken)
    b.reset()
    print(b, b.broken)


@case
def barrier_wait_broken():
    b = mp.Barrier(2)
    b.abort()
    b.wait()


@case
def barrier_timeout():
    mp.Barrier(2, timeout=0.01).wait()


@case
def barrier_two_threads():
    b = mp.Barrier(2, action=lambda: print("action"))
    out = []
    t = threading.Thread(target=lambda: out.append(b.wait(30)))
    t.start()
    out.append(b.wait(30))
    t.join()
    print(sorted(out), b)
