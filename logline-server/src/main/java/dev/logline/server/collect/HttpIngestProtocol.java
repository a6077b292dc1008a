package dev.logline.server.collect;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.RequestHeaders;
import dev.logline.server.ingest.BodyDecompressor;
import dev.logline.server.ingest.DecodedBatch;
import dev.logline.server.ingest.IngestOutcome;

/**
 * The format-specific part of an HTTP collector: how a body decodes into a {@link DecodedBatch}, and how the outcome
 * or a failure is told in the protocol's own terms. {@link HttpIngestExchange} does the rest the same way for all.
 */
public interface HttpIngestProtocol {

    /**
     * Undoes the body's compression within {@code maxBytes}; by default its {@code Content-Encoding}.
     *
     * @throws dev.logline.server.ingest.RequestTooLargeException when it inflates past {@code maxBytes}
     * @throws dev.logline.server.ingest.BadRequestException      when it is not what its encoding says
     */
    default byte[] decompress(RequestHeaders headers, byte[] raw, long maxBytes) {
        return BodyDecompressor.decode(headers.get(HttpHeaderNames.CONTENT_ENCODING), raw, maxBytes);
    }

    /**
     * The items of a decompressed body; runs off the event loop.
     *
     * @throws IllegalArgumentException when the body cannot be read at all (answered by {@link #failure})
     */
    DecodedBatch decode(RequestHeaders headers, byte[] body);

    /** The answer once the accepted items are durable, telling what became of every item. */
    HttpResponse answer(DecodedBatch batch, IngestOutcome outcome, long startNanos);

    /**
     * The answer to a request that stored nothing: an unreadable body (400), one over the cap (413), a store that is
     * behind (429 + Retry-After) or full (507), or another store failure (503). Never names library internals.
     */
    HttpResponse failure(Throwable cause);
}
