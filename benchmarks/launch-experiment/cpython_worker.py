"""CPython's side of pair.py: per request line N, N times subprocess.run(["true"]) (or, with the argument
`communicate`, Popen(["head", "-c", "1000000", "/dev/zero"], stdout=PIPE).communicate()); prints the milliseconds."""
import subprocess
import sys
import time

communicate = sys.argv[1:] == ["communicate"]
for line in sys.stdin:
    n = int(line)
    t0 = time.perf_counter()
    for _ in range(n):
        if communicate:
            out, _ = subprocess.Popen(["head", "-c", "1000000", "/dev/zero"], stdout=subprocess.PIPE).communicate()
            assert len(out) == 1_000_000
        else:
            subprocess.run(["true"])
    print((time.perf_counter() - t0) * 1e3, flush=True)
