package dev.logline.server.ingest;

/** What happens to an event over {@link IngestLimits#maxEventBytes()}. */
public enum OversizedEvents {
    /** Its longest text fields are cut until it fits, and it is stored with the attribute {@code _truncated: true}. */
    TRUNCATE,
    /** It is rejected alone, with a reason; the rest of its batch is stored. */
    REJECT
}
