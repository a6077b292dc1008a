/**
 * The side-by-side server benchmark ({@link dev.logline.bench.load.LoadBenchmark}): one load generator, one query
 * suite, each system under test in its own child JVM.
 */
package dev.logline.bench.load;
