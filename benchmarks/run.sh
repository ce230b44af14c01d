#!/usr/bin/env bash
# The whole performance comparison in one command (docs/performance.adoc):
#   benchmarks/run.sh [Compare options, e.g. --runs 7 | --scale 0.01 | --only lock,queue_pc]
# 1. builds benchmarks/target/benchmarks.jar (runtime + JMH benchmarks + harness; no tests),
# 2. runs the JMH benchmarks against java.util.concurrent: the single-threaded ones pinned to one CPU
#    (-> benchmarks/target/jmh-pinned.json), the cross-thread ones on all CPUs (-> jmh-threads.json);
#    skip with BENCH_JMH=0; JMH options in JMH_ARGS (default: 1 fork, 3x1 s warm-up, 5x1 s measured),
# 3. runs the kernel's benchmark (KernelBenchmark: start-up, cell latency, interrupt, memory against issue 6's
#    targets) -> docs/performance/kernel.adoc; skip with BENCH_KERNEL=0,
# 4. runs every cross-language workload on CPython 3.11, CPython 3.13 and pyconcurrent, back to back,
#    and writes benchmarks/target/results.md + ratios.png, docs/performance/results.adoc + docs/images/ratios.png.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -Pbench -pl benchmarks -am package -DskipTests
jar=benchmarks/target/benchmarks.jar
jmh_args=${JMH_ARGS:--f 1 -wi 3 -w 1s -i 5 -r 1s}
single='Uncontended|simpleQueuePutGet|SchedBench'
pin=()
command -v taskset >/dev/null && pin=(taskset -c 1)
if [ "${BENCH_JMH:-1}" = 1 ]; then
  # shellcheck disable=SC2086
  "${pin[@]}" java -jar "$jar" $jmh_args -rf json -rff benchmarks/target/jmh-pinned.json "$single"
  # shellcheck disable=SC2086
  java -jar "$jar" $jmh_args -e "$single" -rf json -rff benchmarks/target/jmh-threads.json
fi
if [ "${BENCH_KERNEL:-1}" = 1 ]; then
  mvn -q -B -pl kernel -am package -DskipTests
  java -cp kernel/target/test-classes:kernel/target/pyconcurrent-kernel.jar dev.pyconcurrent.kernel.KernelBenchmark \
    --adoc docs/performance/kernel.adoc kernel/target/pyconcurrent-kernel.jar || echo "kernel: a target was missed (table above)"
fi
exec java -Dbench.command="${BENCH_COMMAND:-benchmarks/run.sh $*}" -cp "$jar" dev.pyconcurrent.bench.harness.Compare --docs docs \
  --jmh benchmarks/target/jmh-pinned.json,benchmarks/target/jmh-threads.json "$@"
