"""sched.scheduler: n events entered with delay 0, then run(). Variant "default" uses
scheduler(time.monotonic, time.sleep) (run() calls sleep(0) after every event); "noop" passes a
delayfunc that does nothing. Result: the number of actions run."""
import sched
import time

from _bench import main


def work(n, variant):
    delayfunc = time.sleep if variant == "default" else (lambda seconds: None)
    s = sched.scheduler(time.monotonic, delayfunc)
    count = 0

    def action():
        nonlocal count
        count += 1

    for _ in range(n):
        s.enter(0, 1, action)
    s.run()
    return count


if __name__ == "__main__":
    main(work)
