package dev.logline.bench.load;

import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** How a batch of events is put on the wire: the same event JSON, framed for the receiving API. */
enum BatchFormat {

    /** Logline's {@code POST /api/v1/ingest}: one event per line. */
    NDJSON("application/x-ndjson"),

    /** Elasticsearch/OpenSearch {@code POST /{index}/_bulk}: an {@code index} action line before every event. */
    BULK("application/x-ndjson");

    private static final byte[] INDEX_ACTION = "{\"index\":{}}\n".getBytes(StandardCharsets.UTF_8);

    private final String contentType;

    BatchFormat(String contentType) {
        this.contentType = contentType;
    }

    String contentType() {
        return contentType;
    }

    byte[] render(List<LogEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * 700);
        for (LogEvent e : events) {
            if (this == BULK) {
                out.writeBytes(INDEX_ACTION);
            }
            out.writeBytes(LogEventJson.toJsonBytes(e));
            out.write('\n');
        }
        return out.toByteArray();
    }
}
