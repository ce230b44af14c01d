"""Popen(["head", "-c", "1000000", "/dev/zero"], stdout=PIPE).communicate(), n times. Result: total bytes read."""
import subprocess

from _bench import main


def work(n):
    total = 0
    for _ in range(n):
        p = subprocess.Popen(["head", "-c", "1000000", "/dev/zero"], stdout=subprocess.PIPE)
        out, _ = p.communicate()
        total += len(out)
    return total


if __name__ == "__main__":
    main(work)
