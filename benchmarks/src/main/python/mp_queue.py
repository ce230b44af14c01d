"""multiprocessing.Queue: the parent puts n ("item", i) tuples, a spawn child gets them all and reports
how many. The child is started once (in the warm-up run) and reused. Result: the child's count."""
import multiprocessing as mp

from _bench import main

_queues = None


def drain(items, counts):
    while True:
        n = items.get()
        for _ in range(n):
            items.get()
        counts.put(n)


def work(n):
    global _queues
    if _queues is None:
        ctx = mp.get_context("spawn")
        _queues = ctx.Queue(), ctx.Queue()
        ctx.Process(target=drain, args=_queues, daemon=True).start()
    items, counts = _queues
    items.put(n)
    for i in range(n):
        items.put(("item", i))
    return counts.get()


if __name__ == "__main__":
    main(work)
