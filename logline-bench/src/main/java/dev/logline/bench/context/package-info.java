/** JMH benchmarks of the client context library: LogTrace event logging and context propagation across executors. */
package dev.logline.bench.context;
