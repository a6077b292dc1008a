package dev.logline.logback.appender.transport;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.logline.core.LogEventJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Logline's native transport: NDJSON to {@code POST {url}/api/v1/ingest}, answered with
 * {@code {"accepted":N,"rejected":[{"line":n,"error":"…"}]}}.
 */
public final class HttpIngestTransport extends HttpPostTransport {

    /** The ingest path under the server's base URL. */
    public static final String PATH = "/api/v1/ingest";

    public HttpIngestTransport(TransportSettings settings, String threadName) {
        super(settings, PATH, "application/x-ndjson", threadName);
    }

    @Override
    public SendOutcome send(List<byte[]> lines, Duration timeout) {
        int size = 0;
        for (byte[] l : lines) {
            size += l.length + 1;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(size);
        for (byte[] l : lines) {
            body.writeBytes(l);
            if (l.length == 0 || l[l.length - 1] != '\n') {
                body.write('\n');
            }
        }
        return poster.post(body.toByteArray(), timeout, response -> read(response, lines.size()));
    }

    private static SendOutcome read(HttpResponse<byte[]> response, int sent) {
        Integer accepted = null;
        List<SendOutcome.RejectedLine> rejected = new ArrayList<>();
        try (JsonParser p = LogEventJson.FACTORY.createParser(response.body())) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    if ("accepted".equals(name) && value == JsonToken.VALUE_NUMBER_INT) {
                        accepted = p.getIntValue();
                    } else if ("rejected".equals(name) && value == JsonToken.START_ARRAY) {
                        readRejected(p, rejected);
                    } else {
                        p.skipChildren();
                    }
                }
            }
        } catch (IOException unreadable) {
            // fall through: judged by the status alone
        }
        if (accepted == null) {
            if (response.statusCode() / 100 == 2) {
                return new SendOutcome.Delivered(sent, List.of());
            }
            return new SendOutcome.Refused("HTTP " + response.statusCode());
        }
        return new SendOutcome.Delivered(accepted, rejected);
    }

    private static void readRejected(JsonParser p, List<SendOutcome.RejectedLine> out) throws IOException {
        while (p.nextToken() == JsonToken.START_OBJECT) {
            int line = 0;
            String error = "";
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if ("line".equals(name)) {
                    line = p.getValueAsInt();
                } else if ("error".equals(name)) {
                    error = p.getValueAsString("");
                } else {
                    p.skipChildren();
                }
            }
            out.add(new SendOutcome.RejectedLine(line, error));
        }
    }
}
