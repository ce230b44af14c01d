"""threading.Lock: n uncontended acquire()/release() pairs around a counter increment.
Result: the counter."""
import threading

from _bench import main


def work(n):
    lock = threading.Lock()
    count = 0
    for _ in range(n):
        lock.acquire()
        count += 1
        lock.release()
    return count


if __name__ == "__main__":
    main(work)
