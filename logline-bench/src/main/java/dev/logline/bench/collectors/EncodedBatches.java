package dev.logline.bench.collectors;

import dev.logline.core.LogEvent;

import java.util.ArrayList;
import java.util.List;

/** Request bodies encoded before the clock starts, so the benchmark times the collector and not the client. */
record EncodedBatches(List<byte[]> bodies, long events, long bytes) {

    static EncodedBatches of(WireFormat format, List<LogEvent> events, int batchSize) {
        List<byte[]> bodies = new ArrayList<>((events.size() + batchSize - 1) / batchSize);
        long bytes = 0;
        for (int from = 0; from < events.size(); from += batchSize) {
            byte[] body = format.encode(events.subList(from, Math.min(events.size(), from + batchSize)));
            bodies.add(body);
            bytes += body.length;
        }
        return new EncodedBatches(bodies, events.size(), bytes);
    }
}
