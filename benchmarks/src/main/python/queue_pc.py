"""queue.Queue(maxsize=1000): one producer thread puts 0..n-1, the main thread gets n items.
Result: the sum of the items received."""
import queue
import threading

from _bench import main


def work(n):
    q = queue.Queue(maxsize=1000)

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
