"""concurrent.futures.ThreadPoolExecutor() (default max_workers): submit n trivial tasks, then
collect every result. Result: the sum of the results."""
from concurrent.futures import ThreadPoolExecutor

from _bench import main


def task(i):
    return i


def work(n):
    with ThreadPoolExecutor() as executor:
        futures = [executor.submit(task, i) for i in range(n)]
        return sum(f.result() for f in futures)


if __name__ == "__main__":
    main(work)
