package dev.logline.server.ingest;

import dev.logline.core.LogEvent;

import java.util.Objects;

/**
 * One item a collector read from a request, ready for the {@link EventSink}: the event, where it was in the request,
 * and how big it was as received.
 *
 * @param item  the 1-based line (NDJSON, bulk action) or item (array position, stream entry, log record) number
 * @param event the event, normalised
 * @param bytes its size as received (its line or document), or a cheap estimate where the wire form has no bytes of
 *              its own (a protobuf record's serialized size); the event-size limit is checked against it, so the
 *              event is never re-serialised just to be measured
 */
public record DecodedItem(int item, LogEvent event, long bytes) {
    public DecodedItem {
        Objects.requireNonNull(event, "event");
    }
}
