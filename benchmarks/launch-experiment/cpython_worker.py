"""CPython's side of pair.py: subprocess.run(["true"]) N times per request line, prints the milliseconds."""
import subprocess
import sys
import time

for line in sys.stdin:
    n = int(line)
    t0 = time.perf_counter()
    for _ in range(n):
        subprocess.run(["true"])
    print((time.perf_counter() - t0) * 1e3, flush=True)
