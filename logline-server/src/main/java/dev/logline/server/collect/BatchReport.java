package dev.logline.server.collect;

import dev.logline.server.http.JsonResponse;
import dev.logline.server.ingest.IngestOutcome;
import dev.logline.server.ingest.Rejection;

/**
 * The native answer about one batch, {@code {"accepted": N, "truncated": [2], "rejected": [{"line": 3, "error":
 * "…"}]}}, so every Logline collector that reports items reports them alike. {@code truncated} lists the accepted
 * items whose text was cut to the event-size limit; it is left out when there are none.
 */
public final class BatchReport {

    private BatchReport() {
    }

    /** The report of an outcome, as a JSON body. */
    public static JsonResponse.Body of(IngestOutcome outcome) {
        return g -> {
            g.writeStartObject();
            g.writeNumberField("accepted", outcome.accepted());
            if (!outcome.truncated().isEmpty()) {
                g.writeArrayFieldStart("truncated");
                for (int item : outcome.truncated()) {
                    g.writeNumber(item);
                }
                g.writeEndArray();
            }
            g.writeArrayFieldStart("rejected");
            for (Rejection r : outcome.rejected()) {
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
