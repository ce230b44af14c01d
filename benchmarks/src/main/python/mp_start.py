"""multiprocessing Process(target=noop).start(); join() n times, by start method VARIANT (spawn, forkserver).
Result: how many exited with exitcode 0."""
import multiprocessing as mp

from _bench import main


def noop():
    pass


def work(n, method):
    ctx = mp.get_context(method)
    ok = 0
    for _ in range(n):
        p = ctx.Process(target=noop)
        p.start()
        p.join()
        ok += p.exitcode == 0
    return ok


if __name__ == "__main__":
    main(work)
