package dev.logline.it;

import dev.logline.core.LogEvent;
import dev.logline.store.ForwardingLogStore;
import dev.logline.store.LogStore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The real store, plus a record of every event whose write it acknowledged, in acknowledgement order: the order
 * the server received the appender's requests (the store itself indexes in parallel and reads newest first).
 */
final class WriteOrderRecorder extends ForwardingLogStore {

    private final List<LogEvent> acknowledged;

    WriteOrderRecorder(LogStore store, List<LogEvent> acknowledged) {
        super(store);
        this.acknowledged = acknowledged;
    }

    @Override
    public CompletableFuture<Void> write(String tenant, List<LogEvent> events) {
        return delegate().write(tenant, events).whenComplete((ok, failure) -> {
            if (failure == null) {
                acknowledged.addAll(events);
            }
        });
    }

    /** A list to record into, safe for the server's threads. */
    static List<LogEvent> newRecord() {
        return Collections.synchronizedList(new ArrayList<>());
    }
}
