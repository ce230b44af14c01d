/**
 * JMH benchmarks of pyconcurrent's hot paths against their {@code java.util.concurrent}
 * counterparts. Naming: {@code case_py} is pyconcurrent, {@code case_juc…} its j.u.c baseline(s);
 * the report pairs them by that prefix. Blocking calls use short timeouts in a loop that checks
 * JMH's {@code Control.stopMeasurement}, on both sides, so that no thread can stay blocked when an
 * iteration ends.
 */
package dev.pyconcurrent.bench.jmh;
