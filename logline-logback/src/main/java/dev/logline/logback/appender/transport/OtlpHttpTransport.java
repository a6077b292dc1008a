package dev.logline.logback.appender.transport;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import dev.logline.core.MalformedEventException;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * OTLP/HTTP with the JSON encoding: {@code POST {url}/v1/logs}. Works with the Logline server and with any
 * OpenTelemetry collector; a {@code partialSuccess} answer counts its rejected records.
 */
public final class OtlpHttpTransport extends HttpPostTransport {

    /** The logs path under the base URL, as OTLP/HTTP fixes it. */
    public static final String PATH = "/v1/logs";

    public OtlpHttpTransport(TransportSettings settings, String threadName) {
        super(settings, PATH, "application/json", threadName);
    }

    @Override
    public SendOutcome send(List<byte[]> lines, Duration timeout) {
        List<LogEvent> events = new ArrayList<>(lines.size());
        List<SendOutcome.RejectedLine> unreadable = new ArrayList<>();
        long now = LogEvent.toMicros(java.time.Instant.now());
        for (int i = 0; i < lines.size(); i++) {
            try {
                events.add(LogEventJson.parse(lines.get(i), 0, trimmedLength(lines.get(i)), now));
            } catch (MalformedEventException e) {
                unreadable.add(new SendOutcome.RejectedLine(i + 1, "not an event for OTLP: " + e.getMessage()));
            }
        }
        if (events.isEmpty()) {
            return new SendOutcome.Delivered(0, unreadable);
        }
        SendOutcome outcome = poster.post(OtlpJsonEncoder.encode(events), timeout,
                response -> read(response, events.size()));
        if (outcome instanceof SendOutcome.Delivered d && !unreadable.isEmpty()) {
            List<SendOutcome.RejectedLine> all = new ArrayList<>(unreadable);
            all.addAll(d.rejected());
            return new SendOutcome.Delivered(d.accepted(), all);
        }
        return outcome;
    }

    private static int trimmedLength(byte[] line) {
        int n = line.length;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) {
            n--;
        }
        return n;
    }

    /** Reads {@code {"partialSuccess":{"rejectedLogRecords":"2","errorMessage":"…"}}}; absent means all taken. */
    private static SendOutcome read(HttpResponse<byte[]> response, int sent) {
        if (response.statusCode() / 100 != 2) {
            return new SendOutcome.Refused("HTTP " + response.statusCode());
        }
        long rejected = 0;
        String message = "";
        try (JsonParser p = LogEventJson.FACTORY.createParser(response.body())) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken t = p.nextToken();
                    if ("partialSuccess".equals(name) && t == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String field = p.currentName();
                            p.nextToken();
                            if ("rejectedLogRecords".equals(field)) {
                                rejected = Long.parseLong(p.getValueAsString("0"));
                            } else if ("errorMessage".equals(field)) {
                                message = p.getValueAsString("");
                            } else {
                                p.skipChildren();
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
            }
        } catch (IOException | NumberFormatException unreadable) {
            // an empty or non-JSON 2xx body means everything was taken
        }
        List<SendOutcome.RejectedLine> lines = new ArrayList<>();
        for (long i = 0; i < rejected; i++) {
            // OTLP does not say which records were refused, only how many.
            lines.add(new SendOutcome.RejectedLine(0, message));
        }
        return new SendOutcome.Delivered((int) Math.max(0, sent - rejected), lines);
    }
}
