package dev.logline.server.collect;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import dev.logline.server.ingest.DecodedBatch;
import dev.logline.server.ingest.EventSink;
import dev.logline.store.BackpressureException;

import java.util.concurrent.CompletableFuture;

/**
 * The format-specific part of a collector that hands events straight to an {@link EventSink} (Loki, OTLP):
 * how a body decodes and how each outcome is written in the protocol's shape. {@link #exchange} is the part they
 * share: decode, hand the events over, and answer once the sink reports them durable.
 */
public interface SinkProtocol {

    /**
     * The events in a request.
     *
     * @throws IllegalArgumentException when the body cannot be read at all (answered by {@link #unreadable})
     */
    DecodedBatch decode(AggregatedHttpRequest req);

    /** The answer once the batch's good events are durable (or there were none). */
    HttpResponse accepted(DecodedBatch batch);

    /** The answer to a body that could not be read; {@code why} may be a {@code RequestTooLargeException}. */
    HttpResponse unreadable(IllegalArgumentException why);

    /** The answer when the store pushes back; clients should wait {@code retryAfterSeconds} (at least 1). */
    HttpResponse busy(BackpressureException why, long retryAfterSeconds);

    /** The answer when the sink failed for another reason: nothing was stored. */
    HttpResponse notStored(Throwable cause);

    /** Decodes the request, hands its events to the sink and answers in this protocol's shape; never fails. */
    default CompletableFuture<HttpResponse> exchange(EventSink sink, String tenant, String collector,
                                                     AggregatedHttpRequest req) {
        DecodedBatch batch;
        try {
            batch = decode(req);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(unreadable(e));
        }
        if (batch.events().isEmpty()) {
            return CompletableFuture.completedFuture(accepted(batch));
        }
        return SinkFailure.acceptSafely(sink, tenant, collector, batch.events()).handle((ok, failure) -> {
            if (failure == null) {
                return accepted(batch);
            }
            BackpressureException busy = SinkFailure.backpressure(failure);
            return busy != null ? busy(busy, SinkFailure.retryAfterSeconds(busy)) : notStored(SinkFailure.unwrap(failure));
        });
    }
}
