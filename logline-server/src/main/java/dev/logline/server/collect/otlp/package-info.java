/** The OpenTelemetry logs collector: OTLP/HTTP (protobuf and JSON) and OTLP/gRPC. */
package dev.logline.server.collect.otlp;
