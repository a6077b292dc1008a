package dev.logline.server.ingest;

import dev.logline.core.LogEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * What a collector read from one request: the items it could read and the ones it could not (with why), each under
 * its item number, so the {@link EventSink}'s {@link IngestOutcome} can be told back in the protocol's own terms.
 */
public record DecodedBatch(List<DecodedItem> items, List<Rejection> rejected) {
    public DecodedBatch {
        items = List.copyOf(items);
        rejected = List.copyOf(rejected);
    }

    /** The events of the readable items, in item order. */
    public List<LogEvent> events() {
        return items.stream().map(DecodedItem::event).toList();
    }

    /** Every item the request held, readable or not. */
    public int size() {
        return items.size() + rejected.size();
    }

    /** Collects a batch item by item; not thread-safe. */
    public static final class Builder {
        private final List<DecodedItem> items = new ArrayList<>();
        private final List<Rejection> rejected = new ArrayList<>();

        public Builder add(DecodedItem item) {
            items.add(item);
            return this;
        }

        public Builder reject(int item, String why) {
            rejected.add(new Rejection(item, why));
            return this;
        }

        /** Items added so far, read or rejected. */
        public int size() {
            return items.size() + rejected.size();
        }

        public DecodedBatch build() {
            return new DecodedBatch(items, rejected);
        }
    }
}
