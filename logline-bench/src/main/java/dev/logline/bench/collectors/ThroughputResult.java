package dev.logline.bench.collectors;

/** What one collector did with the timed events: how many, how long until all were stored, how many bytes were sent. */
record ThroughputResult(WireFormat format, long events, double seconds, long bodyBytes) {

    double eventsPerSecond() {
        return events / seconds;
    }

    /** Request body bytes per event, as sent (after snappy for Loki protobuf). */
    double bytesPerEvent() {
        return (double) bodyBytes / events;
    }
}
