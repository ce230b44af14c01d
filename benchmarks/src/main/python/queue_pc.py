"""Producer -> consumer: one producer thread puts 0..n-1, the main thread gets n items.
Variant "Queue": queue.Queue(maxsize=1000); "SimpleQueue": queue.SimpleQueue() (unbounded, C in
CPython). Result: the sum of the items received."""
import queue
import threading

from _bench import main


def work(n, variant):
    q = queue.Queue(maxsize=1000) if variant == "Queue" else queue.SimpleQueue()

    def producer():
        for i in range(n):
            q.put(i)

    t = threading.Thread(target=producer)
    t.start()
    total = 0
    for _ in range(n):
        total += q.get()
    t.join()
    return total


if __name__ == "__main__":
    main(work)
