/**
 * Collector throughput benchmark: the same events through every wire format the server accepts (native NDJSON,
 * Elasticsearch bulk, Loki JSON and protobuf, OTLP/HTTP protobuf and JSON, syslog over TCP), each against an
 * in-process server over the real column store. Run by hand ({@link dev.logline.bench.collectors.CollectorThroughputBenchmark}),
 * never during the build.
 */
package dev.logline.bench.collectors;
