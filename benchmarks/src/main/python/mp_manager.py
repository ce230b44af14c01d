"""multiprocessing managers, by VARIANT: "dict": n proxy calls d["k"] = i on a Manager().dict() (the spawn
manager started once, in the warm-up run); result: d["k"]. "start": n times Manager() of the spawn context then
shutdown(); result: how many started."""
import multiprocessing as mp

from _bench import main

_dict = None


def work(n, variant):
    global _dict
    if variant == "dict":
        if _dict is None:
            _dict = mp.get_context("spawn").Manager().dict()
        d = _dict
        for i in range(n):
            d["k"] = i
        return d["k"]
    started = 0
    for _ in range(n):
        m = mp.get_context("spawn").Manager()
        started += m.address is not None
        m.shutdown()
    return started


if __name__ == "__main__":
    main(work)
