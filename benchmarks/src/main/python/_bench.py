"""The timing protocol shared by every workload script (and mirrored by JavaWorkload).

Usage: python3 <workload>.py SIZE WARMUP RUNS [VARIANT]
Prints one JSON line per run: {"warmup": bool, "seconds": float, "result": int}.
Only the workload itself is timed (time.perf_counter around one call), not interpreter start-up.
"""
import json
import sys
import time


def main(work):
    size, warmup, runs = (int(a) for a in sys.argv[1:4])
    variant = sys.argv[4] if len(sys.argv) > 4 else None
    for i in range(warmup + runs):
        t0 = time.perf_counter()
        result = work(size, variant) if variant is not None else work(size)
        seconds = time.perf_counter() - t0
        print(json.dumps({"warmup": i < warmup, "seconds": seconds, "result": result}), flush=True)
