"""concurrent.futures.ProcessPoolExecutor(2) of spawn workers, created once (in the warm-up run) and
reused. VARIANT: submit = n submit(sq, i), then every result(); map100 = list(map(sq, range(n),
chunksize=100)). Result: how many results were i * i."""
import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor

from _bench import main

_executor = None


def sq(x):
    return x * x


def work(n, variant):
    global _executor
    if _executor is None:
        _executor = ProcessPoolExecutor(2, mp_context=mp.get_context("spawn"))
    if variant == "submit":
        futures = [_executor.submit(sq, i) for i in range(n)]
        results = [f.result() for f in futures]
    else:
        results = list(_executor.map(sq, range(n), chunksize=100))
    return sum(r == i * i for i, r in enumerate(results))


if __name__ == "__main__":
    main(work)
