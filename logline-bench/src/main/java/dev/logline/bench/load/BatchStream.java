package dev.logline.bench.load;

import dev.logline.bench.data.EventSource;
import dev.logline.core.LogEvent;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Hands out the batches of one load run to the sending threads: either all rendered up front (so rendering costs
 * nothing during the timed run) or rendered on demand from the event source (for runs too big to hold in memory).
 */
final class BatchStream {

    private final Iterator<Batch> batches;

    private BatchStream(Iterator<Batch> batches) {
        this.batches = batches;
    }

    /** Renders every batch now. */
    static BatchStream prerendered(EventSource source, int batchSize, BatchFormat format) {
        List<Batch> all = new ArrayList<>();
        List<LogEvent> chunk = new ArrayList<>(batchSize);
        while (source.hasNext()) {
            chunk.add(source.next());
            if (chunk.size() == batchSize || !source.hasNext()) {
                all.add(new Batch(format.render(chunk), chunk.size()));
                chunk.clear();
            }
        }
        return new BatchStream(all.iterator());
    }

    /** Renders each batch when a sender asks for it. */
    static BatchStream onDemand(EventSource source, int batchSize, BatchFormat format) {
        return new BatchStream(new Iterator<>() {
            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public Batch next() {
                List<LogEvent> chunk = new ArrayList<>(batchSize);
                while (chunk.size() < batchSize && source.hasNext()) {
                    chunk.add(source.next());
                }
                return new Batch(format.render(chunk), chunk.size());
            }
        });
    }

    /** The next batch, or empty when all were handed out; safe from several threads. */
    synchronized Optional<Batch> next() {
        return batches.hasNext() ? Optional.of(batches.next()) : Optional.empty();
    }
}
