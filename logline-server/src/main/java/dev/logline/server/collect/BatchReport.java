package dev.logline.server.collect;

import dev.logline.server.http.JsonResponse;
import dev.logline.server.ingest.DecodedBatch;
import dev.logline.server.ingest.Rejection;

/**
 * The native answer about one batch, {@code {"accepted": N, "rejected": [{"line": 3, "error": "…"}]}}, so every
 * Logline collector that reports rejections reports them alike.
 */
public final class BatchReport {

    private BatchReport() {
    }

    /** The report of a batch, as a JSON body. */
    public static JsonResponse.Body of(DecodedBatch batch) {
        return g -> {
            g.writeStartObject();
            g.writeNumberField("accepted", batch.events().size());
            g.writeArrayFieldStart("rejected");
            for (Rejection r : batch.rejected()) {
                g.writeStartObject();
                g.writeNumberField("line", r.item());
                g.writeStringField("error", r.error());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        };
    }
}
