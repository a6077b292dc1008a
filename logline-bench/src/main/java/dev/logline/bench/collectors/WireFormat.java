package dev.logline.bench.collectors;

import dev.logline.core.LogEvent;

import java.util.List;
import java.util.function.Function;

/** One way a batch reaches the server: the collector's path, content type and body encoding, and its metrics name. */
enum WireFormat {

    NDJSON("ndjson", "native NDJSON", "native", "/api/v1/ingest", "application/x-ndjson", JsonLineBodies::ndjson),
    ES_BULK("es-bulk", "Elasticsearch bulk", "es_bulk", "/_bulk", "application/x-ndjson", JsonLineBodies::esBulk),
    LOKI_JSON("loki-json", "Loki push, JSON", "loki", "/loki/api/v1/push", "application/json", LokiPushBodies::json),
    LOKI_PROTOBUF("loki-protobuf", "Loki push, protobuf + snappy", "loki", "/loki/api/v1/push", "application/x-protobuf",
            LokiPushBodies::protobufSnappy),
    OTLP_PROTOBUF("otlp-protobuf", "OTLP/HTTP, protobuf", "otlp", "/v1/logs", "application/x-protobuf", OtlpExportBodies::protobuf),
    OTLP_JSON("otlp-json", "OTLP/HTTP, JSON", "otlp", "/v1/logs", "application/json", OtlpExportBodies::json),
    /** Not HTTP: octet-counted frames over TCP connections to the syslog listener. */
    SYSLOG_TCP("syslog-tcp", "syslog RFC 5424 over TCP", "syslog", null, null, SyslogFrames::rfc5424OctetCounted);

    final String cliName;
    final String title;
    /** The collector name under which the server's ingest metrics count stored events. */
    final String collector;
    final String path;
    final String contentType;
    private final Function<List<LogEvent>, byte[]> encoder;

    WireFormat(String cliName, String title, String collector, String path, String contentType,
               Function<List<LogEvent>, byte[]> encoder) {
        this.cliName = cliName;
        this.title = title;
        this.collector = collector;
        this.path = path;
        this.contentType = contentType;
        this.encoder = encoder;
    }

    byte[] encode(List<LogEvent> batch) {
        return encoder.apply(batch);
    }

    boolean isHttp() {
        return path != null;
    }

    static WireFormat byCliName(String name) {
        for (WireFormat f : values()) {
            if (f.cliName.equals(name)) {
                return f;
            }
        }
        StringBuilder known = new StringBuilder();
        for (WireFormat f : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(f.cliName);
        }
        throw new IllegalArgumentException("unknown collector '" + name + "'; choose from " + known);
    }
}
