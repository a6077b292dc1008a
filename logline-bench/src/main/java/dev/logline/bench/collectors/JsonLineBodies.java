package dev.logline.bench.collectors;

import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Request bodies of the two line-oriented JSON collectors: Logline's native NDJSON and Elasticsearch's {@code _bulk}. */
final class JsonLineBodies {

    private static final byte[] INDEX_ACTION = "{\"index\":{}}\n".getBytes(StandardCharsets.UTF_8);

    private JsonLineBodies() {
    }

    /** One event per line, as {@code POST /api/v1/ingest} reads it. */
    static byte[] ndjson(List<LogEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * 400);
        for (LogEvent e : events) {
            out.writeBytes(LogEventJson.toJsonBytes(e));
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** An {@code index} action before every event, as Filebeat, Logstash and Vector send {@code _bulk}. */
    static byte[] esBulk(List<LogEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * 420);
        for (LogEvent e : events) {
            out.writeBytes(INDEX_ACTION);
            out.writeBytes(LogEventJson.toJsonBytes(e));
            out.write('\n');
        }
        return out.toByteArray();
    }
}
