"""multiprocessing.Pool(2) of spawn workers, created once (in the warm-up run) and reused. VARIANT:
map1 = pool.map(sq, range(n), chunksize=1); map = the same with the default chunksize;
apply = n pool.apply(sq, (i,)) round trips. Result: how many results were i * i."""
import multiprocessing as mp

from _bench import main

_pool = None


def sq(x):
    return x * x


def work(n, variant):
    global _pool
    if _pool is None:
        _pool = mp.get_context("spawn").Pool(2)
    if variant == "apply":
        results = [_pool.apply(sq, (i,)) for i in range(n)]
    elif variant == "map1":
        results = _pool.map(sq, range(n), chunksize=1)
    else:
        results = _pool.map(sq, range(n))
    return sum(r == i * i for i, r in enumerate(results))


if __name__ == "__main__":
    main(work)
