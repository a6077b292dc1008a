/**
 * Benchmark data, deterministic by seed: synthetic microservice traffic ({@link
 * dev.logline.bench.data.MicroserviceEventGenerator}) and the real corpora replayed to any volume ({@link
 * dev.logline.bench.data.CorpusReplayer}).
 */
package dev.logline.bench.data;
