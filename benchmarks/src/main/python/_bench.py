"""The timing protocol shared by every workload script (and mirrored by JavaWorkload).

Usage: python3 <workload>.py SIZE WARMUP RUNS [VARIANT]
Prints one JSON line per run: {"warmup": bool, "seconds": float, "result": int}.
Only the workload itself is timed (time.perf_counter around one call), not interpreter start-up.
With BENCH_WARMUP_SECONDS_AFTER_FIRST=S in the environment (the harness sets it for workloads whose
first run starts worker processes that the later runs reuse), the warm-up runs go on until S seconds
after the end of the first run, as JavaWorkload's do (-Dbench.warmupAfterFirst).
"""
import json
import os
import sys
import time


def main(work):
    size, warmup, runs = (int(a) for a in sys.argv[1:4])
    variant = sys.argv[4] if len(sys.argv) > 4 else None
    warmup_seconds = float(os.environ.get("BENCH_WARMUP_SECONDS_AFTER_FIRST", "0"))
    warmed = measured = 0
    first_end = None
    while measured < runs:
        warming = warmed < warmup or (warmup_seconds > 0
                                      and (first_end is None or time.perf_counter() - first_end < warmup_seconds))
        t0 = time.perf_counter()
        result = work(size, variant) if variant is not None else work(size)
        t1 = time.perf_counter()
        if first_end is None:
            first_end = t1
        print(json.dumps({"warmup": warming, "seconds": t1 - t0, "result": result}), flush=True)
        if warming:
            warmed += 1
        else:
            measured += 1
