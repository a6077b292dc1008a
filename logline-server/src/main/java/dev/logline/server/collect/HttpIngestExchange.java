package dev.logline.server.collect;

import com.linecorp.armeria.common.ContentTooLargeException;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.logline.server.ingest.DecodedBatch;
import dev.logline.server.ingest.EventSink;
import dev.logline.server.ingest.IngestFailure;
import dev.logline.server.ingest.RequestTooLargeException;

import java.util.concurrent.CompletableFuture;

/**
 * The request plumbing every HTTP collector shares, in the order the {@link EventSink} contract asks: admission from
 * the headers alone (a store that is behind or full, a Content-Length over the cap) before a byte of the body is
 * read; then the body, decompressed within the cap and decoded on the blocking executor, never the event loop; then
 * the sink; then the protocol's answer, item by item.
 */
public final class HttpIngestExchange {

    private HttpIngestExchange() {
    }

    /** Serves one request for {@code tenant}; never fails, every failure is answered by the protocol. */
    public static HttpResponse serve(ServiceRequestContext ctx, HttpRequest req, EventSink sink, String collector,
                                     String tenant, HttpIngestProtocol protocol) {
        long start = System.nanoTime();
        RuntimeException refusal = sink.admit(collector, req.headers().contentLength());
        if (refusal != null) {
            // The body is never read: the sender pays for its headers only, and the connection is closed after the answer.
            req.abort();
            return protocol.failure(refusal);
        }
        CompletableFuture<HttpResponse> response = req.aggregate().thenComposeAsync(agg -> {
            byte[] raw = agg.content().array();
            sink.received(collector, raw.length);
            byte[] body = protocol.decompress(agg.headers(), raw, sink.limits().maxRequestBytes());
            DecodedBatch batch = protocol.decode(agg.headers(), body);
            return sink.ingest(tenant, collector, batch, start).thenApply(outcome -> protocol.answer(batch, outcome, start));
        }, ctx.blockingTaskExecutor());
        return HttpResponse.of(response.exceptionally(failure -> protocol.failure(translate(failure, sink))));
    }

    /** Armeria's own cap tripped while a body of unknown length streamed in: the same 413 as any body over the cap. */
    private static Throwable translate(Throwable failure, EventSink sink) {
        Throwable cause = IngestFailure.unwrap(failure);
        return cause instanceof ContentTooLargeException ? new RequestTooLargeException(sink.limits().maxRequestBytes()) : cause;
    }
}
