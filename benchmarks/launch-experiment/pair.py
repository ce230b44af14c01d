"""Paired launch-mechanism comparison on a loaded machine (docs/performance.adoc, "subprocess launch").

Usage: python3.13 pair.py ROUNDS N NAME=COMMAND [NAME=COMMAND ...]
Every worker (CPython's cpython_worker.py, LaunchWorker.java, FfmSpawn.java) stays alive; each round asks
every worker in turn (rotating the order) for N launches, so all candidates see the same load. After
three warm-up rounds per worker, prints per candidate the median ms per launch with its quartiles and
the ratio first candidate / this one (above 1: faster than the first).
"""
import os
import statistics
import subprocess
import sys

rounds, n = int(sys.argv[1]), int(sys.argv[2])
workers = {}
for spec in sys.argv[3:]:
    name, command = spec.split("=", 1)
    workers[name] = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
names = list(workers)


def ask(name):
    workers[name].stdin.write(f"{n}\n")
    workers[name].stdin.flush()
    return float(workers[name].stdout.readline()) / n


for name in names:
    for _ in range(3):
        ask(name)
load = os.getloadavg()[0]
times = {name: [] for name in names}
for r in range(rounds):
    for name in names[r % len(names):] + names[:r % len(names)]:
        times[name].append(ask(name))
reference = statistics.median(times[names[0]])
print(f"load {load:.2f} -> {os.getloadavg()[0]:.2f}; {rounds} rounds x {n} launches; "
      f"ms per launch: median (25th-75th percentile); ratio = {names[0]} / this")
for name in names:
    t = sorted(times[name])
    m = statistics.median(t)
    print(f"{name:16s} {m:.3f} ({t[len(t) // 4]:.3f}-{t[3 * len(t) // 4]:.3f})  ratio {reference / m:.2f}")
for w in workers.values():
    w.stdin.close()
    w.wait()
