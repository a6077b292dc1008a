/**
 * What reading one JSON line into an event costs at ingest (decode, reserved names, aliases, known logger formats),
 * by format. Run by hand with JMH ({@link dev.logline.bench.normalize.NormalizeBenchmark}), never during the build.
 */
package dev.logline.bench.normalize;
