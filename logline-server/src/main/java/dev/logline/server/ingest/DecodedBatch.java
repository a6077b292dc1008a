package dev.logline.server.ingest;

import dev.logline.core.LogEvent;

import java.util.List;

/** What a collector read from one request: the good events and the rejected items. */
public record DecodedBatch(List<LogEvent> events, List<Rejection> rejected) {
    public DecodedBatch {
        events = List.copyOf(events);
        rejected = List.copyOf(rejected);
    }
}
