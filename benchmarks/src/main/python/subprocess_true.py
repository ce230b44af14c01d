"""subprocess.run(["true"]) n times. Result: how many exited with returncode 0."""
import subprocess

from _bench import main


def work(n):
    ok = 0
    for _ in range(n):
        if subprocess.run(["true"]).returncode == 0:
            ok += 1
    return ok


if __name__ == "__main__":
    main(work)
